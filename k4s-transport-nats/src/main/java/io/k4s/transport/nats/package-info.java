/**
 * The NATS transport: start with {@link io.k4s.transport.nats.NatsTransport}, opened by
 * {@code --transport nats://HOST:PORT} through {@link io.k4s.transport.nats.NatsTransportProvider}.
 */
package io.k4s.transport.nats;
