package io.k4s.controllers;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.RolloutHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;

/**
 * One ReplicaSet of a Deployment as a rollout step sees it: its replica count (which the step
 * may change) and which of its containers exist, are ready and are available, by index.
 *
 * <p>Availability is read from the containers, not from the ReplicaSet's status, so a step never
 * trusts a count the ReplicaSet controller has not caught up with, and it counts only the indices
 * below the replica count: the ReplicaSet deletes the others, highest first. A container being
 * deleted (it drains, {@code Terminating}) counts as existing, never as ready or available. Used by one
 * reconcile on one thread.
 */
final class OwnedReplicaSet {

    final ReplicaSet rs;
    /** The replica count the step decided; starts as the stored one. */
    int replicas;
    private final BitSet ready = new BitSet();
    private final BitSet available = new BitSet();
    private final int containers;
    /** The earliest time a ready container of it becomes available, or null. */
    final Instant nextAvailable;

    OwnedReplicaSet(ReplicaSet rs, List<Container> owned, Duration minReady, Instant now) {
        this.rs = rs;
        this.replicas = rs.spec().replicas();
        this.containers = owned.size();
        String prefix = rs.metadata().name() + "-";
        Instant next = null;
        for (Container c : owned) {
            int index = ReplicaSetReconciler.indexOf(c.metadata().name(), prefix);
            if (index < 0 || c.metadata().deleting()) {
                continue; // a container being deleted is neither ready nor available, only still there
            }
            if (c.status().ready()) {
                ready.set(index);
            }
            Instant at = ReplicaSetReconciler.availableAt(c, minReady);
            if (at != null && !at.isAfter(now)) {
                available.set(index);
            } else if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        this.nextAvailable = next;
    }

    /** The revision number in its annotation, 0 when it has none. */
    long revision() {
        return RolloutHistory.revisionOf(rs);
    }

    /** The revision a new ReplicaSet gets: one above every one of {@code old}. */
    static long nextRevision(List<OwnedReplicaSet> old) {
        long max = 0;
        for (OwnedReplicaSet rs : old) {
            max = Math.max(max, rs.revision());
        }
        return max + 1;
    }

    String name() {
        return rs.metadata().name();
    }

    /** Containers of it that exist now, whatever their index. */
    int containers() {
        return containers;
    }

    /** Containers that exist or will: the larger of the replica count and the containers left. */
    int footprint() {
        return Math.max(replicas, containers);
    }

    /** Ready containers, whatever their index. */
    int ready() {
        return ready.cardinality();
    }

    /** Available containers, whatever their index. */
    int availableAll() {
        return available.cardinality();
    }

    /** Available containers that stay at the current replica count. */
    int available() {
        return available.get(0, replicas).cardinality();
    }

    /** Whether the container at {@code index} is available. */
    boolean availableAt(int index) {
        return available.get(index);
    }

    /** Whether its replica count differs from the stored one. */
    boolean scaled() {
        return replicas != rs.spec().replicas();
    }
}
