package io.k4s.api.schema;

/**
 * What a check may ask the cluster while a value is read: whether a worker type can run.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface ValidationContext {

    /** A context that accepts every worker type, for reading without a cluster. */
    ValidationContext LENIENT = workerType -> null;

    /**
     * Say what is wrong with a worker type name (unknown, with a "did you mean"), or return
     * {@code null} if the cluster can run it.
     */
    String workerProblem(String workerType);
}
