package io.k4s.api.resource;

import java.util.Objects;

/**
 * Say how far a Deployment's rollout has come, in the words of {@code kubectl rollout status}:
 * what {@code rollout status} prints while it waits, and what ends the wait.
 *
 * <p>Computed from the Deployment alone (its spec, generation and status), as kubectl's
 * deployment status viewer does; immutable.
 *
 * @param deployment the Deployment's namespace and name
 * @param state      where the rollout is
 * @param message    one line for a person, such as
 *                   {@code Waiting for deployment "web" rollout to finish: 2 of 10 updated replicas are available...}
 * @param desired    the replicas asked for ({@code spec.replicas})
 * @param updated    containers of the current template ({@code status.updatedReplicas})
 * @param replicas   containers of every template ({@code status.replicas})
 * @param available  available containers ({@code status.availableReplicas})
 * @param revision   the Deployment's current revision, 0 before its first ReplicaSet exists
 */
public record RolloutProgress(ResourceKey deployment, State state, String message, int desired, int updated,
                              int replicas, int available, long revision) {

    /** Where a rollout is. */
    public enum State {
        /** The controller has not observed the latest spec yet. */
        OBSERVING,
        /** Containers of the current template are being created, made available, or old ones removed. */
        PROGRESSING,
        /** Every desired container runs the current template and is available; no old one is left. */
        COMPLETE,
        /** The rollout made no progress for {@code progressDeadlineSeconds}: waiting longer will not help. */
        PROGRESS_DEADLINE_EXCEEDED,
        /** The Deployment is paused with its rollout unfinished: it moves again when resumed. */
        PAUSED;

        /** Whether waiting for the rollout ends here (it completed, or it cannot move by itself). */
        public boolean terminal() {
            return this == COMPLETE || this == PROGRESS_DEADLINE_EXCEEDED || this == PAUSED;
        }
    }

    /** Requires the key, state and message. */
    public RolloutProgress {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
    }

    /** The progress of {@code d}'s rollout as its status reports it now. */
    public static RolloutProgress of(Deployment d) {
        String name = d.metadata().name();
        DeploymentStatus s = d.status();
        int desired = d.spec().replicas();
        long revision = RolloutHistory.revisionOf(d);
        State state;
        String message;
        if (s.observedGeneration() < d.metadata().generation()) {
            state = State.OBSERVING;
            message = "Waiting for deployment spec update to be observed...";
        } else if (s.condition(DeploymentStatus.PROGRESSING)
                .map(c -> DeploymentStatus.PROGRESS_DEADLINE_EXCEEDED.equals(c.reason())).orElse(false)) {
            state = State.PROGRESS_DEADLINE_EXCEEDED;
            message = "deployment \"" + name + "\" exceeded its progress deadline";
        } else if (s.updatedReplicas() < desired) {
            state = State.PROGRESSING;
            message = "Waiting for deployment \"" + name + "\" rollout to finish: " + s.updatedReplicas() + " out of "
                    + desired + " new replicas have been updated...";
        } else if (s.replicas() > s.updatedReplicas()) {
            state = State.PROGRESSING;
            message = "Waiting for deployment \"" + name + "\" rollout to finish: "
                    + (s.replicas() - s.updatedReplicas()) + " old replicas are pending termination...";
        } else if (s.availableReplicas() < s.updatedReplicas()) {
            state = State.PROGRESSING;
            message = "Waiting for deployment \"" + name + "\" rollout to finish: " + s.availableReplicas() + " of "
                    + s.updatedReplicas() + " updated replicas are available...";
        } else {
            state = State.COMPLETE;
            message = "deployment \"" + name + "\" successfully rolled out";
        }
        if (state == State.PROGRESSING && d.spec().paused()) {
            state = State.PAUSED;
            message = "deployment \"" + name + "\" is paused with its rollout unfinished (" + message
                    .substring(message.indexOf(": ") + 2).replace("...", "") + "); resume it to go on";
        }
        return new RolloutProgress(d.key(), state, message, desired, s.updatedReplicas(), s.replicas(),
                s.availableReplicas(), revision);
    }
}
