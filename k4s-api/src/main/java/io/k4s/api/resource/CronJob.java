package io.k4s.api.resource;

import java.util.Objects;

/**
 * Create a Job from a template on a cron schedule.
 *
 * <p>Each Job is named {@code NAME-M}, where M is its scheduled time in minutes since the epoch
 * (as Kubernetes names them), is owned by the CronJob and carries the
 * {@value #SCHEDULED_AT_ANNOTATION} annotation. Time comes from the cluster's clock.
 *
 * @param metadata name, namespace, labels and store fields
 * @param spec     schedule, concurrency policy, history limits and the Job template
 * @param status   what the CronJob controller observed; empty when null
 */
public record CronJob(ObjectMeta metadata, CronJobSpec spec, CronJobStatus status) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "CronJob";

    /** The annotation on each Job with the scheduled time it was created for (ISO-8601). */
    public static final String SCHEDULED_AT_ANNOTATION = "k4s.io/scheduled-at";

    /** Requires metadata and spec. */
    public CronJob {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        status = status == null ? CronJobStatus.EMPTY : status;
    }

    /** A new CronJob (no status yet). */
    public static CronJob of(ObjectMeta metadata, CronJobSpec spec) {
        return new CronJob(metadata, spec, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CronJob withMetadata(ObjectMeta metadata) {
        return new CronJob(metadata, spec, status);
    }

    /** A copy with another spec. */
    public CronJob withSpec(CronJobSpec spec) {
        return new CronJob(metadata, spec, status);
    }

    @Override
    public CronJob withStatus(Object status) {
        if (!(status instanceof CronJobStatus s)) {
            throw new IllegalArgumentException("a CronJob's status must be a CronJobStatus, got " + status);
        }
        return new CronJob(metadata, spec, s);
    }
}
