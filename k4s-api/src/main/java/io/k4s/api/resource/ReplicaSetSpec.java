package io.k4s.api.resource;

import java.util.Objects;

/**
 * Ask for a number of identical containers.
 *
 * @param replicas how many containers, 0..{@value #MAX_REPLICAS}
 * @param template what each container looks like
 */
public record ReplicaSetSpec(int replicas, ContainerTemplate template) {

    /** The most replicas one ReplicaSet may ask for. */
    public static final int MAX_REPLICAS = 1_000_000;

    /**
     * Validates the replica count.
     *
     * @throws IllegalArgumentException if replicas is out of range
     */
    public ReplicaSetSpec {
        if (replicas < 0 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("spec.replicas: expected 0.." + MAX_REPLICAS + ", got " + replicas);
        }
        Objects.requireNonNull(template, "template");
    }

    /** A copy with another replica count. */
    public ReplicaSetSpec withReplicas(int replicas) {
        return new ReplicaSetSpec(replicas, template);
    }
}
