package io.k4s.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.control.Result;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.ConcurrencyPolicy;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.CronJob;
import io.k4s.api.resource.CronJobSpec;
import io.k4s.api.resource.Job;
import io.k4s.api.resource.JobSpec;
import io.k4s.api.resource.JobStatus;
import io.k4s.api.resource.JobTemplate;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.RestartPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CronJobReconcilerTest {

    private static final ResourceKey KEY = ResourceKey.of("report");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final Simulation sim = new Simulation();
    private final CronJobReconciler reconciler = new CronJobReconciler();

    private static JobTemplate jobTemplate() {
        return new JobTemplate(Map.of("app", "report"), Map.of(), JobSpec.of(ContainerTemplate.of(Map.of(),
                ContainerSpec.of("task").withRestartPolicy(RestartPolicy.NEVER))));
    }

    private CronJob create(String schedule, UnaryOperator<CronJobSpec> change) {
        return sim.resources.create(CronJob.of(ObjectMeta.of("report"),
                change.apply(CronJobSpec.of(schedule, jobTemplate()))));
    }

    private Result reconcileAt(String time) {
        sim.clock.advance(Duration.between(sim.clock.instant(), Instant.parse(time)));
        return reconciler.reconcile(KEY, sim);
    }

    private List<String> jobs() {
        return sim.resources.list(Job.class, "default").items().stream().map(j -> j.metadata().name()).toList();
    }

    private static String jobAt(String time) {
        return "report-" + Instant.parse(time).getEpochSecond() / 60;
    }

    private void finish(String job, boolean complete) {
        Job j = sim.resources.get(Job.class, ResourceKey.of(job)).orElseThrow();
        Instant now = sim.clock.instant();
        sim.resources.updateStatus(j.withStatus(new JobStatus(0, complete ? 1 : 0, complete ? 0 : 1, now,
                complete ? now : null, List.of(new Condition(complete ? JobStatus.COMPLETE : JobStatus.FAILED, true,
                        "", "", now)), List.of(), 1)));
    }

    private CronJob cronJob() {
        return sim.resources.get(CronJob.class, KEY).orElseThrow();
    }

    @Test
    void firesAtEveryScheduledTime_onTheTestClock_andRequeuesForTheNextOne() {
        create("*/5 * * * *", s -> s);

        assertEquals(Result.requeueAfter(Duration.ofMinutes(5)), reconcileAt("2026-01-01T00:00:00Z"),
                "nothing at creation time; wakes at 00:05");
        assertEquals(List.of(), jobs());
        assertEquals(Result.requeueAfter(Duration.ofSeconds(1)), reconcileAt("2026-01-01T00:04:59Z"));
        assertEquals(List.of(), jobs());

        Result next = reconcileAt("2026-01-01T00:05:00Z");
        assertEquals(List.of(jobAt("2026-01-01T00:05:00Z")), jobs());
        assertEquals(Result.requeueAfter(Duration.ofMinutes(5)), next);
        assertEquals(Instant.parse("2026-01-01T00:05:00Z"), cronJob().status().lastScheduleTime());
        assertEquals(List.of(jobAt("2026-01-01T00:05:00Z")), cronJob().status().active());

        reconcileAt("2026-01-01T00:07:30Z");
        assertEquals(1, jobs().size(), "nothing between fire times");
        finish(jobAt("2026-01-01T00:05:00Z"), true);
        reconcileAt("2026-01-01T00:10:00Z");
        assertEquals(List.of(jobAt("2026-01-01T00:05:00Z"), jobAt("2026-01-01T00:10:00Z")), jobs());
        assertEquals(Instant.parse("2026-01-01T00:07:30Z"), cronJob().status().lastSuccessfulTime(),
                "when the 00:05 Job completed");
        Job created = sim.resources.get(Job.class, ResourceKey.of(jobAt("2026-01-01T00:10:00Z"))).orElseThrow();
        assertEquals("2026-01-01T00:10:00Z", created.metadata().annotations().get(CronJob.SCHEDULED_AT_ANNOTATION));
        assertEquals(Map.of("app", "report"), created.metadata().labels());
    }

    @Test
    void macrosAndTimeZones_areUnderstood() {
        create("@hourly", s -> s);
        reconcileAt("2026-01-01T00:59:00Z");
        assertEquals(List.of(), jobs());
        reconcileAt("2026-01-01T01:00:00Z");
        assertEquals(List.of(jobAt("2026-01-01T01:00:00Z")), jobs());

        CronSchedule paris = CronSchedule.parse("0 9 * * MON-FRI");
        assertEquals(Instant.parse("2026-01-02T08:00:00Z"),
                paris.nextAfter(Instant.parse("2026-01-01T12:00:00Z"), ZoneId.of("Europe/Paris")).orElseThrow(),
                "9:00 in Paris is 8:00 UTC in winter; Friday 2 January");
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"),
                CronSchedule.parse("@daily").latestAtOrBefore(Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("UTC"))
                        .orElseThrow(), "a fire time exactly now counts");
        assertEquals(Instant.parse("2026-01-04T00:00:00Z"), CronSchedule.parse("0 0 * * 7")
                .nextAfter(T0, ZoneId.of("UTC")).orElseThrow(), "7 is Sunday too");
    }

    @Test
    void forbid_skipsWhileAJobRuns_andStartsTheMissedRunWhenItEnds() {
        create("*/5 * * * *", s -> s.withConcurrencyPolicy(ConcurrencyPolicy.FORBID));
        reconcileAt("2026-01-01T00:05:00Z");
        reconcileAt("2026-01-01T00:10:00Z");
        assertEquals(List.of(jobAt("2026-01-01T00:05:00Z")), jobs(), "the 00:10 run waits");

        finish(jobAt("2026-01-01T00:05:00Z"), true);
        reconcileAt("2026-01-01T00:11:00Z");

        assertEquals(List.of(jobAt("2026-01-01T00:05:00Z"), jobAt("2026-01-01T00:10:00Z")), jobs(),
                "the missed run starts late");
    }

    @Test
    void forbid_withAStartingDeadline_dropsARunMissedByMore() {
        create("*/5 * * * *", s -> s.withConcurrencyPolicy(ConcurrencyPolicy.FORBID)
                .withStartingDeadlineSeconds(Duration.ofSeconds(30)));
        reconcileAt("2026-01-01T00:05:00Z");
        reconcileAt("2026-01-01T00:10:00Z");
        finish(jobAt("2026-01-01T00:05:00Z"), true);

        reconcileAt("2026-01-01T00:11:00Z");
        assertEquals(List.of(jobAt("2026-01-01T00:05:00Z")), jobs(), "00:10 was missed by more than 30 s");
        reconcileAt("2026-01-01T00:15:00Z");
        assertEquals(List.of(jobAt("2026-01-01T00:05:00Z"), jobAt("2026-01-01T00:15:00Z")), jobs());
    }

    @Test
    void replace_deletesTheRunningJob_andStartsTheNewOne() {
        create("*/5 * * * *", s -> s.withConcurrencyPolicy(ConcurrencyPolicy.REPLACE));
        reconcileAt("2026-01-01T00:05:00Z");

        reconcileAt("2026-01-01T00:10:00Z");

        assertEquals(List.of(jobAt("2026-01-01T00:10:00Z")), jobs());
        assertEquals(List.of(jobAt("2026-01-01T00:10:00Z")), cronJob().status().active());
    }

    @Test
    void allow_runsJobsSideBySide() {
        create("*/5 * * * *", s -> s);
        reconcileAt("2026-01-01T00:05:00Z");
        reconcileAt("2026-01-01T00:10:00Z");

        assertEquals(2, cronJob().status().active().size());
    }

    @Test
    void finishedJobs_areTrimmedToTheHistoryLimits_oldestFirst() {
        create("* * * * *", s -> s.withHistoryLimits(2, 1));
        for (int minute = 1; minute <= 4; minute++) {
            String time = "2026-01-01T00:0" + minute + ":00Z";
            reconcileAt(time);
            finish(jobAt(time), minute != 3);
        }
        reconcileAt("2026-01-01T00:04:30Z");

        assertEquals(List.of(jobAt("2026-01-01T00:02:00Z"), jobAt("2026-01-01T00:03:00Z"),
                jobAt("2026-01-01T00:04:00Z")), jobs(), "two successful (00:02, 00:04) and one failed (00:03)");
    }

    @Test
    void suspended_startsNothing() {
        create("* * * * *", s -> s.withSuspend(true));

        assertTrue(reconcileAt("2026-01-01T00:05:00Z").isDone());

        assertEquals(List.of(), jobs());
    }

    @Test
    void unreadableSchedule_isReportedInACondition_andStartsNothing() {
        create("61 * * * *", s -> s);

        reconcileAt("2026-01-01T02:00:00Z");

        Condition c = cronJob().status().conditions().getFirst();
        assertEquals(CronJobReconciler.INVALID_SCHEDULE, c.type());
        assertTrue(c.message().contains("61"), c.message());
        assertEquals(List.of(), jobs());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> CronJobSpec.of("* * * *", jobTemplate()));
        assertTrue(shape.getMessage().startsWith("spec.schedule: expected five fields"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CronJobSpec.of("@every5m", jobTemplate()));
    }
}
