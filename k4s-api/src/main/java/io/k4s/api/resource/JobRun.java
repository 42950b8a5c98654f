package io.k4s.api.resource;

import java.time.Instant;
import java.util.Objects;

/**
 * Report how one container of a Job ended: its result or its error.
 *
 * @param container  the container's name
 * @param succeeded  whether it succeeded
 * @param result     what the worker passed to {@code exit(result)}, or empty
 * @param error      why it failed (the crash, {@code fail(error)}, or a deadline), or empty
 * @param finishedAt when the Job controller saw it end
 */
public record JobRun(String container, boolean succeeded, String result, String error, Instant finishedAt) {

    /** Requires the container name; result and error default to empty. */
    public JobRun {
        Objects.requireNonNull(container, "container");
        result = result == null ? "" : result;
        error = error == null ? "" : error;
    }
}
