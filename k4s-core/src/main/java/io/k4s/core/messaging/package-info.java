/**
 * Route messages: the {@link io.k4s.core.messaging.Router} resolves an address to a container
 * (directly or through a service's endpoints and policy) and puts an
 * {@link io.k4s.core.messaging.Envelope} into its mailbox; requests time out on one shared
 * wheel; unhandled fire-and-forget messages end in {@link io.k4s.core.messaging.DeadLetters}.
 *
 * <p>Start with {@link io.k4s.core.messaging.Router}; the runtime's side is
 * {@link io.k4s.core.messaging.ContainerEndpoint}. Full mailboxes: the package-private
 * {@code Delivery} tries every ready replica of a service and makes senders wait for room;
 * the consumer wakes them through {@link io.k4s.core.messaging.WaitingSenders}.
 *
 * <p>Several JVMs: a {@link io.k4s.core.messaging.Transport} (attached with
 * {@link io.k4s.core.messaging.Router#attach}) carries {@link io.k4s.core.messaging.WireMessage}s
 * to other nodes; the package-private {@code RemoteRouting} puts a {@code RemoteEndpoint} in the
 * directory for each container {@linkplain io.k4s.core.messaging.Router#locate located} on another
 * node, and delivers what arrives. Without a transport none of it runs.
 */
package io.k4s.core.messaging;
