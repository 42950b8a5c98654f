package io.k4s.api.schema;

/**
 * What a check may ask the cluster while a value is read: whether a worker type can run, from
 * the class path or from an image. Implementations are thread-safe.
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

    /**
     * Say what is wrong with worker type {@code workerType} of the image {@code image}
     * ({@code NAME:VERSION}), or return {@code null} if it is fine or cannot be told yet. An
     * image that is not there is no error (it may be dropped in later, and the container waits
     * for it); a type the image does not offer is. By default every one is accepted.
     */
    default String imageWorkerProblem(String image, String workerType) {
        return null;
    }
}
