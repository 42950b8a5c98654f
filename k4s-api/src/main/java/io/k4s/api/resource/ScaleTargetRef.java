package io.k4s.api.resource;

import java.util.Objects;

/**
 * Name what a HorizontalAutoscaler scales, in its own namespace.
 *
 * @param kind {@value Deployment#KIND} or {@value ReplicaSet#KIND}
 * @param name its name
 */
public record ScaleTargetRef(String kind, String name) {

    /**
     * Requires a kind that can be scaled and a name.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public ScaleTargetRef {
        if (!Deployment.KIND.equals(kind) && !ReplicaSet.KIND.equals(kind)) {
            throw new IllegalArgumentException("spec.scaleTargetRef.kind: expected Deployment or ReplicaSet, got \""
                    + kind + "\"");
        }
        Objects.requireNonNull(name, "spec.scaleTargetRef.name");
        String problem = ResourceNames.nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("spec.scaleTargetRef.name: " + problem);
        }
    }

    /** A Deployment named {@code name}. */
    public static ScaleTargetRef deployment(String name) {
        return new ScaleTargetRef(Deployment.KIND, name);
    }

    /** A ReplicaSet named {@code name}. */
    public static ScaleTargetRef replicaSet(String name) {
        return new ScaleTargetRef(ReplicaSet.KIND, name);
    }

    /** {@code kind/name}, as kubectl writes it. */
    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
