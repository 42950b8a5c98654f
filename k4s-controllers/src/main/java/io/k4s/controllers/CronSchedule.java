package io.k4s.controllers;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Read a standard five-field cron schedule, or an {@code @hourly}-style macro, with cron-utils,
 * and find its fire times in a time zone.
 *
 * <p>The definition is cron-utils' UNIX crontab (minute, hour, day of month, month, day of week
 * 0-7 with 0 and 7 both Sunday, names such as {@code MON} and {@code JAN}) plus the nicknames
 * {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily},
 * {@code @midnight} and {@code @hourly}, which cron-utils' UNIX preset refuses; what Kubernetes'
 * CronJob accepts. Immutable.
 */
final class CronSchedule {

    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().withStrictRange().and()
            .withHours().withStrictRange().and()
            .withDayOfMonth().withStrictRange().and()
            .withMonth().withStrictRange().and()
            .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
            .withSupportedNicknameYearly()
            .withSupportedNicknameAnnually()
            .withSupportedNicknameMonthly()
            .withSupportedNicknameWeekly()
            .withSupportedNicknameDaily()
            .withSupportedNicknameMidnight()
            .withSupportedNicknameHourly()
            .instance();

    private final String text;
    private final ExecutionTime times;

    private CronSchedule(String text, Cron cron) {
        this.text = text;
        this.times = ExecutionTime.forCron(cron);
    }

    /**
     * Parse {@code text}.
     *
     * @throws IllegalArgumentException saying what cron-utils could not read
     */
    static CronSchedule parse(String text) {
        try {
            // A parser per call: parsing happens once per reconcile, and this needs no thought
            // about whether a shared parser is thread-safe.
            return new CronSchedule(text, new CronParser(DEFINITION).parse(text.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read schedule \"" + text + "\": " + e.getMessage(), e);
        }
    }

    /** The latest fire time at or before {@code now} in {@code zone}, if any. */
    Optional<Instant> latestAtOrBefore(Instant now, ZoneId zone) {
        ZonedDateTime at = now.atZone(zone);
        // lastExecution is strictly before its argument; ask from one second on and step back if needed.
        Optional<ZonedDateTime> last = times.lastExecution(at.plusSeconds(1));
        if (last.isPresent() && last.get().toInstant().isAfter(now)) {
            last = times.lastExecution(last.get());
        }
        return last.map(ZonedDateTime::toInstant);
    }

    /** The first fire time after {@code now} in {@code zone}, if any. */
    Optional<Instant> nextAfter(Instant now, ZoneId zone) {
        return times.nextExecution(now.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    @Override
    public String toString() {
        return text;
    }
}
