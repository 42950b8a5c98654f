package io.k4s.api.resource;

import java.util.List;

/**
 * Report how many of a ReplicaSet's containers exist, are ready and are available.
 *
 * @param replicas           containers that exist
 * @param readyReplicas      containers that are ready
 * @param observedGeneration the spec generation this status reflects
 * @param conditions         conditions, for example a reconcile error
 * @param availableReplicas  containers ready for at least {@code spec.minReadySeconds}
 */
public record ReplicaSetStatus(int replicas, int readyReplicas, long observedGeneration,
                               List<Condition> conditions, int availableReplicas) {

    /** Nothing observed yet. */
    public static final ReplicaSetStatus EMPTY = new ReplicaSetStatus(0, 0, 0, List.of());

    /** Copies the conditions. */
    public ReplicaSetStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** A status where every ready container is available (minReadySeconds 0). */
    public ReplicaSetStatus(int replicas, int readyReplicas, long observedGeneration, List<Condition> conditions) {
        this(replicas, readyReplicas, observedGeneration, conditions, readyReplicas);
    }
}
