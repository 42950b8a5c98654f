/**
 * Turn payloads, replies and typed failures into bytes that cross JVMs, and back: what a
 * {@link io.k4s.core.messaging.Transport} carries between nodes.
 *
 * <p>Start with {@link io.k4s.core.wire.PayloadCodecs}: JSON through the generic form for maps,
 * lists, scalars, enums and records (the package-private {@code GenericForm}), and the
 * {@link io.k4s.api.PayloadCodec}s found with ServiceLoader for other types;
 * {@link io.k4s.core.wire.Failures} carries the typed failures.
 */
package io.k4s.core.wire;
