package io.k4s.api.resource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Report a Job's containers and whether it has finished.
 *
 * <p>Conditions: {@value #COMPLETE} (reason {@value #COMPLETIONS_REACHED}) or {@value #FAILED}
 * (reason {@value #BACKOFF_LIMIT_EXCEEDED} or {@value #DEADLINE_EXCEEDED}); a finished Job starts
 * no container again.
 *
 * @param active             containers running (or about to)
 * @param succeeded          containers that succeeded
 * @param failed             failed runs: failed containers, plus restarts of {@code OnFailure} ones
 * @param startTime          when the Job controller first started it, or {@code null}
 * @param completionTime     when it completed successfully, or {@code null}
 * @param conditions         {@value #COMPLETE} or {@value #FAILED}, once finished
 * @param runs               the finished containers' results and errors, the
 *                           {@value #MAX_RUNS} most recently created, oldest first
 * @param observedGeneration the spec generation this status reflects
 */
public record JobStatus(int active, int succeeded, int failed, Instant startTime, Instant completionTime,
                        List<Condition> conditions, List<JobRun> runs, long observedGeneration) {

    /** Nothing observed yet. */
    public static final JobStatus EMPTY = new JobStatus(0, 0, 0, null, null, List.of(), List.of(), 0);

    /** The most finished runs reported. */
    public static final int MAX_RUNS = 20;

    /** The condition type of a Job whose containers succeeded as often as asked. */
    public static final String COMPLETE = "Complete";
    /** The condition type of a Job that gave up. */
    public static final String FAILED = "Failed";
    /** Complete: {@code completions} containers succeeded (or, for a work queue, one did). */
    public static final String COMPLETIONS_REACHED = "CompletionsReached";
    /** Failed: more runs failed than {@code backoffLimit} allows. */
    public static final String BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
    /** Failed: it ran longer than {@code activeDeadlineSeconds}. */
    public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";

    /**
     * Copies the lists.
     *
     * @throws IllegalArgumentException if a count is negative or there are too many runs
     */
    public JobStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        runs = runs == null ? List.of() : List.copyOf(runs);
        if (active < 0 || succeeded < 0 || failed < 0) {
            throw new IllegalArgumentException("Job status counts must not be negative");
        }
        if (runs.size() > MAX_RUNS) {
            throw new IllegalArgumentException("a Job's status keeps at most " + MAX_RUNS + " runs, got " + runs.size());
        }
    }

    /** The {@value #COMPLETE} or {@value #FAILED} condition, once the Job has finished. */
    public Optional<Condition> finished() {
        return conditions.stream().filter(c -> c.status() && (c.type().equals(COMPLETE) || c.type().equals(FAILED)))
                .findFirst();
    }
}
