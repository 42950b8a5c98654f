package io.k4s.api.resource;

import java.util.Objects;

/**
 * Run a worker to completion: a Job creates containers from its template until
 * {@code completions} of them have succeeded, at most {@code parallelism} at a time, retrying
 * failed ones up to {@code backoffLimit}.
 *
 * <p>A container succeeds when its worker ends its run with
 * {@link io.k4s.api.WorkerContext#exit(Object)} (its result is copied into the Job's status) and
 * fails when the run crashes or calls {@link io.k4s.api.WorkerContext#fail(Throwable)}. Its
 * containers are named {@code NAME-1, NAME-2, ...} in the order they were created, carry the
 * {@value #JOB_NAME_LABEL} label and are kept after they finish, until the Job is deleted.
 *
 * @param metadata name, namespace, labels and store fields
 * @param spec     template, completions, parallelism and limits
 * @param status   what the Job controller observed; empty when null
 */
public record Job(ObjectMeta metadata, JobSpec spec, JobStatus status) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "Job";

    /** The label every container of a Job carries, with the Job's name, as {@code job-name}. */
    public static final String JOB_NAME_LABEL = "k4s.io/job-name";

    /** Requires metadata and spec. */
    public Job {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        status = status == null ? JobStatus.EMPTY : status;
    }

    /** A new Job (no status yet). */
    public static Job of(ObjectMeta metadata, JobSpec spec) {
        return new Job(metadata, spec, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Job withMetadata(ObjectMeta metadata) {
        return new Job(metadata, spec, status);
    }

    /** A copy with another spec. */
    public Job withSpec(JobSpec spec) {
        return new Job(metadata, spec, status);
    }

    @Override
    public Job withStatus(Object status) {
        if (!(status instanceof JobStatus s)) {
            throw new IllegalArgumentException("a Job's status must be a JobStatus, got " + status);
        }
        return new Job(metadata, spec, s);
    }
}
