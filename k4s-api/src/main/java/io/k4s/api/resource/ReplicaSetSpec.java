package io.k4s.api.resource;

import java.time.Duration;
import java.util.Objects;

/**
 * Ask for a number of identical containers.
 *
 * @param replicas        how many containers, 0..{@value #MAX_REPLICAS}
 * @param template        what each container looks like
 * @param minReadySeconds how long a container must have been ready before it counts as
 *                        available; default 0 (available as soon as ready). Named as in
 *                        Kubernetes, any duration ({@code 500ms}) is accepted
 */
public record ReplicaSetSpec(int replicas, ContainerTemplate template, Duration minReadySeconds) {

    /** The most replicas one ReplicaSet may ask for. */
    public static final int MAX_REPLICAS = 1_000_000;

    /**
     * Validates the replica count.
     *
     * @throws IllegalArgumentException if replicas is out of range or minReadySeconds negative
     */
    public ReplicaSetSpec {
        if (replicas < 0 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("spec.replicas: expected 0.." + MAX_REPLICAS + ", got " + replicas);
        }
        Objects.requireNonNull(template, "template");
        minReadySeconds = minReadySeconds == null ? Duration.ZERO : minReadySeconds;
        if (minReadySeconds.isNegative()) {
            throw new IllegalArgumentException("spec.minReadySeconds: must not be negative, got " + minReadySeconds);
        }
    }

    /** A spec whose containers are available as soon as they are ready. */
    public ReplicaSetSpec(int replicas, ContainerTemplate template) {
        this(replicas, template, Duration.ZERO);
    }

    /** A copy with another replica count. */
    public ReplicaSetSpec withReplicas(int replicas) {
        return new ReplicaSetSpec(replicas, template, minReadySeconds);
    }

    /** A copy with another minReadySeconds. */
    public ReplicaSetSpec withMinReadySeconds(Duration minReadySeconds) {
        return new ReplicaSetSpec(replicas, template, minReadySeconds);
    }
}
