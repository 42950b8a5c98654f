package io.k4s.api.resource;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Say when a CronJob creates Jobs and how many finished ones it keeps.
 *
 * <p>The schedule is standard cron: five fields (minute, hour, day of month, month, day of
 * week; names such as {@code MON} and {@code JAN}, ranges, lists and steps), or one of the macros
 * {@code @yearly} ({@code @annually}), {@code @monthly}, {@code @weekly}, {@code @daily}
 * ({@code @midnight}) and {@code @hourly}. This record checks the shape (five fields or a known
 * macro); the CronJob controller parses the fields themselves and reports a schedule it cannot
 * read in an {@code InvalidSchedule} condition.
 *
 * @param schedule                   when Jobs are due, in {@code timeZone}
 * @param timeZone                   an IANA time zone such as {@code Europe/Paris}; {@code null}:
 *                                   the cluster clock's zone
 * @param concurrencyPolicy          what happens when a Job is due while one runs; default
 *                                   {@link ConcurrencyPolicy#ALLOW}
 * @param suspend                    whether no new Job is started; default false
 * @param startingDeadlineSeconds    how late a due Job may still start (a run missed by more is
 *                                   skipped); {@code null}: no limit
 * @param successfulJobsHistoryLimit how many completed Jobs are kept; default
 *                                   {@value #DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT}
 * @param failedJobsHistoryLimit     how many failed Jobs are kept; default
 *                                   {@value #DEFAULT_FAILED_JOBS_HISTORY_LIMIT}
 * @param jobTemplate                the Jobs to create
 */
public record CronJobSpec(String schedule, String timeZone, ConcurrencyPolicy concurrencyPolicy, boolean suspend,
                          Duration startingDeadlineSeconds, Integer successfulJobsHistoryLimit,
                          Integer failedJobsHistoryLimit, JobTemplate jobTemplate) {

    /** Completed Jobs kept when none is said, as in Kubernetes. */
    public static final int DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT = 3;
    /** Failed Jobs kept when none is said, as in Kubernetes. */
    public static final int DEFAULT_FAILED_JOBS_HISTORY_LIMIT = 1;

    /** The macros a schedule may be instead of five fields. */
    public static final Set<String> MACROS =
            Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

    /**
     * Applies the defaults and validates.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public CronJobSpec {
        String problem = scheduleProblem(schedule);
        if (problem != null) {
            throw new IllegalArgumentException("spec.schedule: " + problem);
        }
        schedule = schedule.trim();
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("spec.timeZone: \"" + timeZone + "\" is not a time zone; use an"
                        + " IANA name such as UTC or Europe/Paris", e);
            }
        }
        concurrencyPolicy = concurrencyPolicy == null ? ConcurrencyPolicy.ALLOW : concurrencyPolicy;
        if (startingDeadlineSeconds != null && startingDeadlineSeconds.isNegative()) {
            throw new IllegalArgumentException("spec.startingDeadlineSeconds: must not be negative, got "
                    + startingDeadlineSeconds);
        }
        successfulJobsHistoryLimit = successfulJobsHistoryLimit == null ? DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT
                : successfulJobsHistoryLimit;
        failedJobsHistoryLimit = failedJobsHistoryLimit == null ? DEFAULT_FAILED_JOBS_HISTORY_LIMIT
                : failedJobsHistoryLimit;
        if (successfulJobsHistoryLimit < 0 || failedJobsHistoryLimit < 0) {
            throw new IllegalArgumentException("spec.successfulJobsHistoryLimit and spec.failedJobsHistoryLimit:"
                    + " must not be negative");
        }
        Objects.requireNonNull(jobTemplate, "spec.jobTemplate");
    }

    /** Jobs from {@code jobTemplate} on {@code schedule}, with every default. */
    public static CronJobSpec of(String schedule, JobTemplate jobTemplate) {
        return new CronJobSpec(schedule, null, null, false, null, null, null, jobTemplate);
    }

    /**
     * Say what is wrong with the shape of a schedule, or return {@code null} if it has five
     * fields or is a known macro.
     */
    public static String scheduleProblem(String schedule) {
        if (schedule == null || schedule.isBlank()) {
            return "a schedule is required, for example \"*/5 * * * *\" or \"@hourly\"";
        }
        String s = schedule.trim();
        if (s.startsWith("@")) {
            return MACROS.contains(s.toLowerCase(Locale.ROOT)) ? null
                    : "unknown macro \"" + s + "\"; use one of @yearly, @annually, @monthly, @weekly, @daily,"
                            + " @midnight, @hourly, or five fields";
        }
        int fields = s.split("\\s+").length;
        return fields == 5 ? null : "expected five fields (minute hour day-of-month month day-of-week), got "
                + fields + " in \"" + s + "\"";
    }

    /** A copy with another concurrency policy. */
    public CronJobSpec withConcurrencyPolicy(ConcurrencyPolicy concurrencyPolicy) {
        return new CronJobSpec(schedule, timeZone, concurrencyPolicy, suspend, startingDeadlineSeconds,
                successfulJobsHistoryLimit, failedJobsHistoryLimit, jobTemplate);
    }

    /** A copy suspended or resumed. */
    public CronJobSpec withSuspend(boolean suspend) {
        return new CronJobSpec(schedule, timeZone, concurrencyPolicy, suspend, startingDeadlineSeconds,
                successfulJobsHistoryLimit, failedJobsHistoryLimit, jobTemplate);
    }

    /** A copy with another starting deadline ({@code null}: none). */
    public CronJobSpec withStartingDeadlineSeconds(Duration startingDeadlineSeconds) {
        return new CronJobSpec(schedule, timeZone, concurrencyPolicy, suspend, startingDeadlineSeconds,
                successfulJobsHistoryLimit, failedJobsHistoryLimit, jobTemplate);
    }

    /** A copy with another time zone ({@code null}: the clock's). */
    public CronJobSpec withTimeZone(String timeZone) {
        return new CronJobSpec(schedule, timeZone, concurrencyPolicy, suspend, startingDeadlineSeconds,
                successfulJobsHistoryLimit, failedJobsHistoryLimit, jobTemplate);
    }

    /** A copy with other history limits. */
    public CronJobSpec withHistoryLimits(int successfulJobsHistoryLimit, int failedJobsHistoryLimit) {
        return new CronJobSpec(schedule, timeZone, concurrencyPolicy, suspend, startingDeadlineSeconds,
                successfulJobsHistoryLimit, failedJobsHistoryLimit, jobTemplate);
    }
}
