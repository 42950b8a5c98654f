/**
 * Turn a benchmark run into the files in {@code docs/benchmarks/}: start at
 * {@link io.k4s.bench.report.BenchReport}. Not API: only {@code scripts/bench.sh} and the
 * control-plane harness use it.
 */
package io.k4s.bench.report;
