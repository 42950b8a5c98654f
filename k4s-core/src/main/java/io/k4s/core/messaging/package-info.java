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
 */
package io.k4s.core.messaging;
