package io.k4s.api.resource;

import java.time.Duration;
import java.util.Objects;

/**
 * Ask for replicas of a template, and say how to roll out a change of it.
 *
 * <p>The duration fields keep Kubernetes' names ({@code minReadySeconds}...) so that manifests
 * read as Kubernetes users expect, but take any duration ({@code 500ms}, {@code 2s}).
 *
 * @param replicas                how many containers, 0..{@value ReplicaSetSpec#MAX_REPLICAS}
 *                                ({@link #of(ContainerTemplate)}: 1)
 * @param template                what each container looks like; a change starts a rollout
 * @param strategy                how a rollout replaces containers; default
 *                                {@link DeploymentStrategy#DEFAULT} (RollingUpdate, 25%/25%)
 * @param minReadySeconds         how long a new container must be ready before it counts as
 *                                available; default 0
 * @param revisionHistoryLimit    how many old ReplicaSets (scaled to 0) to keep for undo;
 *                                default {@value #DEFAULT_REVISION_HISTORY_LIMIT}
 * @param progressDeadlineSeconds how long a rollout may make no progress before its
 *                                {@code Progressing} condition turns false with reason
 *                                {@code ProgressDeadlineExceeded}; default 600 s, and more than
 *                                {@code minReadySeconds}
 * @param paused                  whether template changes wait (scaling still applies); default
 *                                false
 */
public record DeploymentSpec(int replicas, ContainerTemplate template, DeploymentStrategy strategy,
                             Duration minReadySeconds, Integer revisionHistoryLimit,
                             Duration progressDeadlineSeconds, boolean paused) {

    /** The old ReplicaSets kept when none is said. */
    public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

    /** The progress deadline when none is said, as in Kubernetes. */
    public static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofSeconds(600);

    /**
     * Applies the defaults and validates.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public DeploymentSpec {
        if (replicas < 0 || replicas > ReplicaSetSpec.MAX_REPLICAS) {
            throw new IllegalArgumentException("spec.replicas: expected 0.." + ReplicaSetSpec.MAX_REPLICAS
                    + ", got " + replicas);
        }
        Objects.requireNonNull(template, "spec.template");
        strategy = strategy == null ? DeploymentStrategy.DEFAULT : strategy;
        minReadySeconds = minReadySeconds == null ? Duration.ZERO : minReadySeconds;
        if (minReadySeconds.isNegative()) {
            throw new IllegalArgumentException("spec.minReadySeconds: must not be negative, got " + minReadySeconds);
        }
        revisionHistoryLimit = revisionHistoryLimit == null ? DEFAULT_REVISION_HISTORY_LIMIT : revisionHistoryLimit;
        if (revisionHistoryLimit < 0) {
            throw new IllegalArgumentException("spec.revisionHistoryLimit: must not be negative, got "
                    + revisionHistoryLimit);
        }
        progressDeadlineSeconds = progressDeadlineSeconds == null ? DEFAULT_PROGRESS_DEADLINE
                : progressDeadlineSeconds;
        if (progressDeadlineSeconds.compareTo(minReadySeconds) <= 0) {
            throw new IllegalArgumentException("spec.progressDeadlineSeconds: must be more than minReadySeconds ("
                    + minReadySeconds + "), got " + progressDeadlineSeconds);
        }
    }

    /** One replica of {@code template}, with every default. */
    public static DeploymentSpec of(ContainerTemplate template) {
        return of(1, template);
    }

    /** {@code replicas} of {@code template}, with every default. */
    public static DeploymentSpec of(int replicas, ContainerTemplate template) {
        return new DeploymentSpec(replicas, template, null, null, null, null, false);
    }

    /** A copy with another replica count. */
    public DeploymentSpec withReplicas(int replicas) {
        return new DeploymentSpec(replicas, template, strategy, minReadySeconds, revisionHistoryLimit,
                progressDeadlineSeconds, paused);
    }

    /** A copy with another template: what starts a rollout (or an undo). */
    public DeploymentSpec withTemplate(ContainerTemplate template) {
        return new DeploymentSpec(replicas, template, strategy, minReadySeconds, revisionHistoryLimit,
                progressDeadlineSeconds, paused);
    }

    /** A copy with another strategy. */
    public DeploymentSpec withStrategy(DeploymentStrategy strategy) {
        return new DeploymentSpec(replicas, template, strategy, minReadySeconds, revisionHistoryLimit,
                progressDeadlineSeconds, paused);
    }

    /** A copy with another minReadySeconds. */
    public DeploymentSpec withMinReadySeconds(Duration minReadySeconds) {
        return new DeploymentSpec(replicas, template, strategy, minReadySeconds, revisionHistoryLimit,
                progressDeadlineSeconds, paused);
    }

    /** A copy with another revision history limit. */
    public DeploymentSpec withRevisionHistoryLimit(int revisionHistoryLimit) {
        return new DeploymentSpec(replicas, template, strategy, minReadySeconds, revisionHistoryLimit,
                progressDeadlineSeconds, paused);
    }

    /** A copy with another progress deadline. */
    public DeploymentSpec withProgressDeadlineSeconds(Duration progressDeadlineSeconds) {
        return new DeploymentSpec(replicas, template, strategy, minReadySeconds, revisionHistoryLimit,
                progressDeadlineSeconds, paused);
    }

    /** A copy paused or resumed ({@code rollout pause|resume}). */
    public DeploymentSpec withPaused(boolean paused) {
        return new DeploymentSpec(replicas, template, strategy, minReadySeconds, revisionHistoryLimit,
                progressDeadlineSeconds, paused);
    }
}
