/**
 * {@code /metrics}: {@link io.k4s.server.internal.metrics.ServerMetrics}, with {@code
 * ContainerMeters} the one reader of the runtime's counters.
 */
package io.k4s.server.internal.metrics;
