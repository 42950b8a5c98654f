package io.k4s.api.resource;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Read and change the replica count of a kind that has one, as Kubernetes' {@code /scale}
 * subresource does: {@code K4sCluster.scale}, the shell's {@code scale}, and later the API
 * server and the autoscaler go through these.
 *
 * @param replicas       the desired count ({@code spec.replicas})
 * @param withReplicas   a copy with another desired count
 * @param statusReplicas the count that exists ({@code status.replicas})
 * @param selector       the label selector of what it counts, as text ({@code app=calc}), or empty
 * @param <R>            the resource type
 */
public record ScaleAccessors<R>(ToIntFunction<R> replicas, WithReplicas<R> withReplicas,
                                ToIntFunction<R> statusReplicas, Function<R, String> selector) {

    /** Make a copy of a resource with another desired replica count. */
    @FunctionalInterface
    public interface WithReplicas<R> {

        /**
         * A copy of {@code resource} asking for {@code replicas}.
         *
         * @throws IllegalArgumentException if the count is out of range
         */
        R apply(R resource, int replicas);
    }

    /** Requires every accessor. */
    public ScaleAccessors {
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(withReplicas, "withReplicas");
        Objects.requireNonNull(statusReplicas, "statusReplicas");
        Objects.requireNonNull(selector, "selector");
    }
}
