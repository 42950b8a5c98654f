package io.k4s.api.resource;

import java.time.Instant;
import java.util.List;

/**
 * Report a CronJob's running Jobs and when it last started one.
 *
 * @param active             the names of its Jobs still running, sorted
 * @param lastScheduleTime   the scheduled time of the last Job it started, or {@code null}
 * @param lastSuccessfulTime when its last Job completed successfully, or {@code null}
 * @param conditions         for example {@code InvalidSchedule} when the schedule cannot be read
 * @param observedGeneration the spec generation this status reflects
 */
public record CronJobStatus(List<String> active, Instant lastScheduleTime, Instant lastSuccessfulTime,
                            List<Condition> conditions, long observedGeneration) {

    /** Nothing observed yet. */
    public static final CronJobStatus EMPTY = new CronJobStatus(List.of(), null, null, List.of(), 0);

    /** Copies the lists. */
    public CronJobStatus {
        active = active == null ? List.of() : List.copyOf(active);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
