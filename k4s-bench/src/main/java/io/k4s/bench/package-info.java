/**
 * Benchmarks of k4s against Apache Pekko classic actors and plain JDK queues.
 *
 * <p>Start at {@link io.k4s.bench.Fabric}: one topology of {@link io.k4s.bench.Stage}s, run
 * on a {@link io.k4s.bench.Variant} and reached through a {@link io.k4s.api.Messenger}, with the
 * same workers in every variant. The JMH benchmarks ({@code *Benchmark}) measure messaging;
 * {@code ControlPlaneHarness} measures the control plane; {@code scripts/bench.sh} runs both
 * and writes the report. Not API: nothing here is meant to be depended on.
 */
package io.k4s.bench;
