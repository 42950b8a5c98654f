package io.k4s.core.control;

/**
 * Report one reconciler's work since its manager started: cumulative counts that a reader (the
 * API server's {@code /metrics}) turns into rates, and its queue now.
 *
 * @param name           the reconciler's name
 * @param queueDepth     keys waiting to be reconciled now (delayed requeues not counted)
 * @param reconciles     reconciles finished, successful or not
 * @param failures       reconciles that failed with an error (conflicts not counted)
 * @param conflicts      reconciles that met a stale resourceVersion and were retried
 * @param reconcileNanos the total time spent in {@code reconcile}, in nanoseconds
 */
public record ControllerStats(String name, int queueDepth, long reconciles, long failures, long conflicts,
                              long reconcileNanos) {}
