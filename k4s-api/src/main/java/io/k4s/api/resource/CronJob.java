package io.k4s.api.resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The annotation on a Job created by hand from a CronJob's template ({@code create job NAME
     * --from=cronjob/NAME}), with the value {@code manual}, as Kubernetes'
     * {@code cronjob.kubernetes.io/instantiate}.
     */
    public static final String INSTANTIATE_ANNOTATION = "k4s.io/instantiate";

    /**
     * A Job named {@code name} from this CronJob's template, owned by it, carrying
     * {@code annotations} besides the template's: what the CronJob controller creates at a fire
     * time, and what {@code create job --from=cronjob/NAME} creates by hand. The CronJob counts
     * it among its Jobs (its concurrency policy and history limits apply).
     */
    public Job newJob(String name, Map<String, String> annotations) {
        JobTemplate t = spec.jobTemplate();
        Map<String, String> all = new LinkedHashMap<>(t.annotations());
        all.putAll(annotations);
        ObjectMeta meta = new ObjectMeta(name, metadata.namespace(), t.labels(), all, null, 0, 0, null,
                List.of(OwnerReference.controlledBy(this)));
        return Job.of(meta, t.spec());
    }

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
