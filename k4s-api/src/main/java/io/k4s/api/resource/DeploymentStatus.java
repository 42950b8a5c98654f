package io.k4s.api.resource;

import java.util.List;
import java.util.Optional;

/**
 * Report a Deployment's containers and the state of its rollout.
 *
 * <p>Conditions: {@value #AVAILABLE} (true when at least replicas minus maxUnavailable are
 * available) and {@value #PROGRESSING} (true with reason {@value #NEW_REPLICA_SET_CREATED},
 * {@value #REPLICA_SET_UPDATED} while the rollout moves, {@value #NEW_REPLICA_SET_AVAILABLE}
 * when it is complete; false with {@value #PROGRESS_DEADLINE_EXCEEDED} when it made no progress
 * for {@code progressDeadlineSeconds}, or {@value #DEPLOYMENT_PAUSED} while paused).
 *
 * @param replicas            containers of all its ReplicaSets
 * @param updatedReplicas     containers of the current template
 * @param readyReplicas       ready containers
 * @param availableReplicas   containers ready for at least {@code minReadySeconds}
 * @param unavailableReplicas desired containers not available yet ({@code replicas} asked minus
 *                            available, never negative)
 * @param observedGeneration  the spec generation this status reflects
 * @param conditions          {@value #AVAILABLE} and {@value #PROGRESSING}
 * @param collisionCount      how often a new ReplicaSet's name was taken by another template;
 *                            mixed into the template hash to find a free name
 */
public record DeploymentStatus(int replicas, int updatedReplicas, int readyReplicas, int availableReplicas,
                               int unavailableReplicas, long observedGeneration, List<Condition> conditions,
                               int collisionCount) {

    /** Nothing observed yet. */
    public static final DeploymentStatus EMPTY = new DeploymentStatus(0, 0, 0, 0, 0, 0, List.of(), 0);

    /** The condition type saying whether enough containers are available. */
    public static final String AVAILABLE = "Available";
    /** The condition type saying whether the rollout moves. */
    public static final String PROGRESSING = "Progressing";
    /** Available: at least replicas minus maxUnavailable containers are available. */
    public static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
    /** Not available: fewer than replicas minus maxUnavailable containers are available. */
    public static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";
    /** Progressing: the ReplicaSet of a new template was created. */
    public static final String NEW_REPLICA_SET_CREATED = "NewReplicaSetCreated";
    /** Progressing: the rollout moved (scaled a ReplicaSet, a container became available). */
    public static final String REPLICA_SET_UPDATED = "ReplicaSetUpdated";
    /** Progressing: the rollout is complete, every desired container is new and available. */
    public static final String NEW_REPLICA_SET_AVAILABLE = "NewReplicaSetAvailable";
    /** Not progressing: nothing moved for {@code progressDeadlineSeconds}. */
    public static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
    /** Not progressing: the Deployment is paused. */
    public static final String DEPLOYMENT_PAUSED = "DeploymentPaused";
    /** Progressing: the Deployment was resumed (its deadline counts from then). */
    public static final String DEPLOYMENT_RESUMED = "DeploymentResumed";

    /**
     * Copies the conditions.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public DeploymentStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        if (replicas < 0 || updatedReplicas < 0 || readyReplicas < 0 || availableReplicas < 0
                || unavailableReplicas < 0 || collisionCount < 0) {
            throw new IllegalArgumentException("Deployment status counts must not be negative");
        }
    }

    /** The condition of {@code type}, if reported. */
    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }
}
