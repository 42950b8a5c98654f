package io.k4s.controllers;

import static io.k4s.api.resource.DeploymentStatus.AVAILABLE;
import static io.k4s.api.resource.DeploymentStatus.PROGRESSING;

import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compute a Deployment's status after a rollout step, as Kubernetes' {@code syncRolloutStatus}:
 * the counts from the containers, {@code Available}, and {@code Progressing} with its deadline.
 *
 * <p>{@code Progressing} is refreshed ({@code lastUpdateTime} moves) whenever the step changed a
 * count or the counts improved since the stored status (more updated, ready or available
 * containers, fewer old ones); a rollout that has not been refreshed for
 * {@code progressDeadlineSeconds} turns it false with {@code ProgressDeadlineExceeded}. A
 * complete rollout and a paused one have no deadline. Stateless.
 *
 * @param status   the status to write
 * @param deadline when the progress deadline passes, or null when none runs
 */
record RolloutStatus(DeploymentStatus status, Instant deadline) {

    /**
     * The status of {@code d} whose ReplicaSets are {@code all} ({@code newRs} may be null), after
     * a step that {@code moved} (scaled or created a ReplicaSet), at {@code now}.
     */
    static RolloutStatus of(Deployment d, OwnedReplicaSet newRs, List<OwnedReplicaSet> all, boolean moved,
                            boolean created, int collisionCount, Instant now) {
        int desired = d.spec().replicas();
        int replicas = 0;
        int ready = 0;
        int available = 0;
        for (OwnedReplicaSet rs : all) {
            replicas += rs.containers();
            ready += rs.ready();
            available += rs.availableAll();
        }
        int updated = newRs == null ? 0 : newRs.containers();
        DeploymentStatus stored = d.status();
        List<Condition> conditions = new ArrayList<>();
        for (Condition c : stored.conditions()) {
            if (!c.type().equals(AVAILABLE) && !c.type().equals(PROGRESSING)) {
                conditions.add(c);
            }
        }
        int minAvailable = desired - d.spec().strategy().maxUnavailable(desired);
        boolean enough = available >= minAvailable;
        conditions.add(condition(stored.condition(AVAILABLE).orElse(null), AVAILABLE, enough,
                enough ? DeploymentStatus.MINIMUM_REPLICAS_AVAILABLE : DeploymentStatus.MINIMUM_REPLICAS_UNAVAILABLE,
                enough ? "Deployment has minimum availability."
                        : available + " of at least " + minAvailable + " containers available", now, false));
        boolean complete = newRs != null && updated == desired && replicas == desired && available >= desired
                && newRs.replicas == desired;
        boolean improved = updated > stored.updatedReplicas()
                || replicas - updated < stored.replicas() - stored.updatedReplicas()
                || ready > stored.readyReplicas() || available > stored.availableReplicas();
        Condition previous = stored.condition(PROGRESSING).orElse(null);
        Condition progressing;
        Instant deadline = null;
        Duration limit = d.spec().progressDeadlineSeconds();
        String name = newRs == null ? "no ReplicaSet yet" : "ReplicaSet \"" + newRs.name() + "\"";
        if (d.spec().paused()) {
            progressing = condition(previous, PROGRESSING, false, DeploymentStatus.DEPLOYMENT_PAUSED,
                    "Deployment is paused", now, false);
        } else if (complete) {
            progressing = condition(previous, PROGRESSING, true, DeploymentStatus.NEW_REPLICA_SET_AVAILABLE,
                    name + " has successfully progressed.", now, false);
        } else if (previous != null && DeploymentStatus.DEPLOYMENT_PAUSED.equals(previous.reason())) {
            progressing = condition(previous, PROGRESSING, true, DeploymentStatus.DEPLOYMENT_RESUMED,
                    "Deployment is resumed", now, true);
            deadline = now.plus(limit);
        } else if (moved || improved || previous == null) {
            progressing = condition(previous, PROGRESSING, true, created ? DeploymentStatus.NEW_REPLICA_SET_CREATED
                    : DeploymentStatus.REPLICA_SET_UPDATED, name + " is progressing.", now, true);
            deadline = now.plus(limit);
        } else {
            Instant last = previous.lastUpdateTime() != null ? previous.lastUpdateTime() : previous.lastTransitionTime();
            if (!previous.status() || last == null) {
                progressing = previous;
            } else if (!now.isBefore(last.plus(limit))) {
                progressing = condition(previous, PROGRESSING, false, DeploymentStatus.PROGRESS_DEADLINE_EXCEEDED,
                        name + " has timed out progressing.", now, false);
            } else {
                progressing = previous;
                deadline = last.plus(limit);
            }
        }
        conditions.add(progressing);
        DeploymentStatus status = new DeploymentStatus(replicas, updated, ready, available,
                Math.max(0, desired - available), d.metadata().generation(), conditions, collisionCount);
        return new RolloutStatus(status, deadline);
    }

    /**
     * The condition to report: {@code previous} itself when it already says this and no
     * {@code refresh} is asked (so an idle reconcile writes nothing); otherwise a new one updated
     * {@code now}, keeping the previous transition time when the status did not flip.
     */
    private static Condition condition(Condition previous, String type, boolean status, String reason,
                                       String message, Instant now, boolean refresh) {
        boolean same = previous != null && previous.status() == status && previous.lastTransitionTime() != null;
        if (same && !refresh && previous.reason().equals(reason) && previous.message().equals(message)) {
            return previous;
        }
        return new Condition(type, status, reason, message, same ? previous.lastTransitionTime() : now, now);
    }
}
