/**
 * Run containers: {@link io.k4s.core.runtime.VirtualThreadRuntime} gives each container a
 * fresh worker, a bounded lock-free mailbox and its own virtual thread, restarts crashed
 * containers with backoff, and drains mailboxes on stop.
 *
 * <p>Start with {@link io.k4s.core.runtime.VirtualThreadRuntime}; a container's life is in
 * the package-private {@code LiveContainer} (phases, restarts) and {@code ContainerRun} (one
 * run's thread and the worker's context), its queue in {@code Mailbox}, what senders see in
 * {@code ContainerInbox} (readiness, the rate limit), probes in {@code Prober} and
 * {@code ContainerHealth}, init workers in {@code InitRunner}, logs in {@code ContainerLogs}.
 */
package io.k4s.core.runtime;
