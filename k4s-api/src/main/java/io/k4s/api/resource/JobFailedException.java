package io.k4s.api.resource;

import io.k4s.api.K4sException;
import java.util.Objects;

/**
 * Report that a Job awaited for completion failed instead: it exceeded its
 * {@code backoffLimit} or its {@code activeDeadlineSeconds}.
 *
 * <p>The message names the Job, the reason and the last failed run's error; {@link #job()}
 * carries every run's result or error ({@code status.runs}). What to do: {@code describe
 * job/NAME} lists the runs; fix the worker or its params and create the Job again.
 */
public class JobFailedException extends K4sException {

    private final Job job;

    /** {@code job} has a {@value JobStatus#FAILED} condition. */
    public JobFailedException(Job job) {
        super(message(job));
        this.job = Objects.requireNonNull(job, "job");
    }

    private static String message(Job job) {
        Condition failed = job.status().finished().orElse(null);
        String why = failed == null ? "failed" : "failed (" + failed.reason() + "): " + failed.message();
        String lastError = job.status().runs().stream().filter(r -> !r.succeeded()).reduce((a, b) -> b)
                .map(r -> "; last error, in " + r.container() + ": " + r.error()).orElse("");
        return "Job \"" + job.key() + "\" " + why + lastError;
    }

    /** The Job as it was when it was seen failed, with its runs. */
    public Job job() {
        return job;
    }
}
