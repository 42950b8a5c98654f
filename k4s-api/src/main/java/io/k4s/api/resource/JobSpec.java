package io.k4s.api.resource;

import java.time.Duration;
import java.util.Objects;

/**
 * Say what a Job runs, how many times, how many at once and how long it may try.
 *
 * <p>As in Kubernetes: with neither {@code completions} nor {@code parallelism} given, both are
 * 1; with only {@code parallelism} given, {@code completions} stays {@code null} and the Job is
 * a work queue (it starts {@code parallelism} containers and is complete when one of them has
 * succeeded and none is running). The duration fields keep Kubernetes' names but take any
 * duration.
 *
 * @param template                what each container looks like; its {@code restartPolicy} must
 *                                be {@code Never} (a failed run is a new container) or
 *                                {@code OnFailure} (the runtime restarts it in place)
 * @param completions             how many containers must succeed; 1 by default, {@code null}
 *                                for a work queue
 * @param parallelism             how many containers may run at once, never exceeded; default 1;
 *                                0 holds the Job
 * @param backoffLimit            how many failed runs are retried before the Job fails with
 *                                {@code BackoffLimitExceeded}; default {@value #DEFAULT_BACKOFF_LIMIT}
 * @param activeDeadlineSeconds   how long the Job may run from its start before it fails with
 *                                {@code DeadlineExceeded}; {@code null}: no limit
 * @param ttlSecondsAfterFinished how long a finished Job (Complete or Failed) is kept before it
 *                                is deleted with its containers; {@code null}: kept
 */
public record JobSpec(ContainerTemplate template, Integer completions, Integer parallelism, Integer backoffLimit,
                      Duration activeDeadlineSeconds, Duration ttlSecondsAfterFinished) {

    /** The retries of failed runs when none is said, as in Kubernetes. */
    public static final int DEFAULT_BACKOFF_LIMIT = 6;

    /**
     * Applies the defaults and validates.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public JobSpec {
        Objects.requireNonNull(template, "spec.template");
        if (template.spec().restartPolicy() == RestartPolicy.ALWAYS) {
            throw new IllegalArgumentException("spec.template.spec.restartPolicy: a Job's containers must end, so"
                    + " use Never (each failed run is a new container) or OnFailure (restarted in place), not Always");
        }
        if (completions == null && parallelism == null) {
            completions = 1;
        }
        parallelism = parallelism == null ? 1 : parallelism;
        backoffLimit = backoffLimit == null ? DEFAULT_BACKOFF_LIMIT : backoffLimit;
        if (completions != null && completions < 0) {
            throw new IllegalArgumentException("spec.completions: must not be negative, got " + completions);
        }
        if (parallelism < 0) {
            throw new IllegalArgumentException("spec.parallelism: must not be negative, got " + parallelism);
        }
        if (backoffLimit < 0) {
            throw new IllegalArgumentException("spec.backoffLimit: must not be negative, got " + backoffLimit);
        }
        if (activeDeadlineSeconds != null && (activeDeadlineSeconds.isNegative() || activeDeadlineSeconds.isZero())) {
            throw new IllegalArgumentException("spec.activeDeadlineSeconds: must be positive, got "
                    + activeDeadlineSeconds);
        }
        if (ttlSecondsAfterFinished != null && ttlSecondsAfterFinished.isNegative()) {
            throw new IllegalArgumentException("spec.ttlSecondsAfterFinished: must not be negative, got "
                    + ttlSecondsAfterFinished);
        }
    }

    /** One run of {@code template} with every default. */
    public static JobSpec of(ContainerTemplate template) {
        return new JobSpec(template, null, null, null, null, null);
    }

    /** Whether it is a work queue: no completions count, done when one container succeeded. */
    public boolean workQueue() {
        return completions == null;
    }

    /** A copy with other completions and parallelism. */
    public JobSpec withCompletions(Integer completions, Integer parallelism) {
        return new JobSpec(template, completions, parallelism, backoffLimit, activeDeadlineSeconds,
                ttlSecondsAfterFinished);
    }

    /** A copy with another backoff limit. */
    public JobSpec withBackoffLimit(int backoffLimit) {
        return new JobSpec(template, completions, parallelism, backoffLimit, activeDeadlineSeconds,
                ttlSecondsAfterFinished);
    }

    /** A copy with another active deadline ({@code null}: none). */
    public JobSpec withActiveDeadlineSeconds(Duration activeDeadlineSeconds) {
        return new JobSpec(template, completions, parallelism, backoffLimit, activeDeadlineSeconds,
                ttlSecondsAfterFinished);
    }

    /** A copy with another time to live after finishing ({@code null}: kept). */
    public JobSpec withTtlSecondsAfterFinished(Duration ttlSecondsAfterFinished) {
        return new JobSpec(template, completions, parallelism, backoffLimit, activeDeadlineSeconds,
                ttlSecondsAfterFinished);
    }
}
