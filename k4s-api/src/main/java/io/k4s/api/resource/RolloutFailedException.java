package io.k4s.api.resource;

import io.k4s.api.K4sException;
import java.time.Duration;
import java.util.Objects;

/**
 * Report that waiting for a Deployment's rollout ended without it completing: the rollout
 * exceeded its progress deadline, the Deployment is paused with its rollout unfinished, or the
 * wait timed out.
 *
 * <p>What to do: {@code describe deploy/NAME} shows its conditions and ReplicaSets; a new
 * template that never becomes ready (an unknown worker, a failing start or readiness) is
 * usually the cause, and {@code rollout undo} returns to the previous one.
 */
public class RolloutFailedException extends K4sException {

    private final RolloutProgress progress;
    private final boolean timedOut;

    /**
     * The rollout of {@code progress.deployment()} ended at {@code progress} (a terminal state
     * other than complete), or, when {@code waited} is not null, was still at {@code progress}
     * after waiting that long.
     */
    public RolloutFailedException(RolloutProgress progress, Duration waited) {
        super(message(progress, waited));
        this.progress = Objects.requireNonNull(progress, "progress");
        this.timedOut = waited != null;
    }

    private static String message(RolloutProgress progress, Duration waited) {
        if (waited == null) {
            return progress.message();
        }
        return "timed out after " + waited.toMillis() + " ms waiting for the rollout of deployment \""
                + progress.deployment() + "\": " + progress.message();
    }

    /** How far the rollout had come when the wait ended. */
    public RolloutProgress progress() {
        return progress;
    }

    /** Whether the wait timed out (otherwise the rollout itself stopped: deadline exceeded or paused). */
    public boolean timedOut() {
        return timedOut;
    }
}
