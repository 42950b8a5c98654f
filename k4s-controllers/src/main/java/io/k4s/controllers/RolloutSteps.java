package io.k4s.controllers;

import java.util.List;

/**
 * Decide one step of a rollout, as Kubernetes' deployment controller does ({@code rolling.go}:
 * {@code reconcileNewReplicaSet}, {@code reconcileOldReplicaSets},
 * {@code cleanupUnhealthyReplicas}, {@code scaleDownOldReplicaSetsForRollingUpdate}; and
 * {@code recreate.go}). Each method changes the planned {@link OwnedReplicaSet#replicas} only.
 *
 * <p>Two guarantees hold at every step, counted in containers rather than in ReplicaSet counts:
 * the containers that exist or will (a ReplicaSet's count, or its containers not deleted yet if
 * more) never exceed {@code replicas + maxSurge}, and a scale-down never takes the available
 * containers that stay below {@code replicas - maxUnavailable}. Kubernetes counts ReplicaSet
 * counts and statuses for both; k4s's ReplicaSets delete their highest indices first rather than
 * their unready containers first, so the steps here look at which index is available. Stateless.
 */
final class RolloutSteps {

    private RolloutSteps() {
    }

    /**
     * Scale the new ReplicaSet toward {@code desired}: down at once if above it, up only as far
     * as the surge budget allows.
     *
     * @return whether its count changed
     */
    static boolean scaleUpNew(OwnedReplicaSet newRs, List<OwnedReplicaSet> all, int desired, int maxSurge) {
        if (newRs.replicas == desired) {
            return false;
        }
        if (newRs.replicas > desired) {
            newRs.replicas = desired;
            return true;
        }
        int current = 0;
        for (OwnedReplicaSet rs : all) {
            current += rs.footprint();
        }
        int room = desired + maxSurge - current;
        if (room <= 0) {
            return false;
        }
        newRs.replicas += Math.min(room, desired - newRs.replicas);
        return true;
    }

    /**
     * Scale old ReplicaSets (oldest first) down as far as availability allows: first the
     * unavailable containers at their top indices (they cost nothing), then available ones while
     * more than {@code desired - maxUnavailable} stay available.
     *
     * @return whether any count changed
     */
    static boolean scaleDownOld(OwnedReplicaSet newRs, List<OwnedReplicaSet> old, List<OwnedReplicaSet> all,
                                int desired, int maxUnavailable) {
        int oldCount = 0;
        for (OwnedReplicaSet rs : old) {
            oldCount += rs.replicas;
        }
        if (oldCount == 0) {
            return false;
        }
        int allCount = 0;
        for (OwnedReplicaSet rs : all) {
            allCount += rs.replicas;
        }
        int minAvailable = desired - maxUnavailable;
        int newUnavailable = newRs == null ? 0 : newRs.replicas - newRs.available();
        int maxScaledDown = allCount - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        int cleaned = 0;
        for (OwnedReplicaSet rs : old) {
            while (cleaned < maxScaledDown && rs.replicas > 0 && !rs.availableAt(rs.replicas - 1)) {
                rs.replicas--;
                cleaned++;
            }
        }
        int available = 0;
        for (OwnedReplicaSet rs : all) {
            available += rs.available();
        }
        int budget = available - minAvailable;
        int scaledDown = 0;
        for (OwnedReplicaSet rs : old) {
            while (budget > 0 && rs.replicas > 0) {
                budget -= rs.availableAt(rs.replicas - 1) ? 1 : 0;
                rs.replicas--;
                scaledDown++;
            }
        }
        return cleaned + scaledDown > 0;
    }

    /**
     * Scale every old ReplicaSet to 0, the first step of a Recreate rollout.
     *
     * @return whether any count changed
     */
    static boolean scaleDownAll(List<OwnedReplicaSet> old) {
        boolean scaled = false;
        for (OwnedReplicaSet rs : old) {
            if (rs.replicas > 0) {
                rs.replicas = 0;
                scaled = true;
            }
        }
        return scaled;
    }
}
