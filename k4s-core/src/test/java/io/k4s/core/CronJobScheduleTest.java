package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.CronJob;
import io.k4s.api.resource.Job;
import io.k4s.api.event.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CronJobs from YAML on a real cluster whose clock the test moves: Jobs at the schedule's fire
 * times (and none between), and the Forbid and Replace concurrency policies. A short resync
 * makes the controller look at the moved clock at once instead of at the requeue it computed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CronJobScheduleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant START = Instant.parse("2026-03-02T00:00:30Z");

    private final MovableClock clock = new MovableClock(START);
    private K4sCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = K4sCluster.builder().clock(clock).resyncPeriod(Duration.ofMillis(100)).start();
    }

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    private static String cronJob(String schedule, String policy, String worker, int historyLimit) {
        return """
                apiVersion: k4s.io/v1
                kind: CronJob
                metadata: {name: tick}
                spec:
                  schedule: "%s"
                  concurrencyPolicy: %s
                  successfulJobsHistoryLimit: %d
                  jobTemplate:
                    spec: {template: {spec: {worker: %s, restartPolicy: Never, params: %s}}}
                """.formatted(schedule, policy, historyLimit, worker, worker.equals("primes") ? "{limit: 100}" : "{}");
    }

    /** The name of the Job for the run due at {@code minute} past START's hour: tick-MINUTES-SINCE-EPOCH. */
    private static String jobAt(int minute) {
        return "tick-" + (START.getEpochSecond() / 60 + minute);
    }

    /** The Jobs not being deleted, by name. */
    private List<String> jobs() {
        return cluster.resources().list(Job.class, "default").items().stream().filter(j -> !j.metadata().deleting())
                .map(j -> j.metadata().name()).sorted().toList();
    }

    private Optional<Job> job(String name) {
        return cluster.resources().get(Job.class, "default", name);
    }

    private void awaitJob(String name) {
        cluster.await(WAIT, "Job " + name, () -> job(name).isPresent());
    }

    /**
     * Change the spec (the history limit) and wait until the controller has observed it: a
     * reconcile at the clock's current time has happened, and done whatever it would do.
     */
    private void awaitReconcileAfterMovingTheClock(String schedule, String policy, String worker, int historyLimit) {
        cluster.apply(cronJob(schedule, policy, worker, historyLimit), "tick.yaml");
        cluster.await(WAIT, "the CronJob to observe its spec", () -> cluster.resources()
                .get(CronJob.class, "default", "tick")
                .map(c -> c.status().observedGeneration() == c.metadata().generation()).orElse(false));
    }

    @Test
    void cronJob_createsAJobAtEachFireTime_noneBetween_andOnlyTheLatestOfMissedOnes() {
        cluster.apply(cronJob("*/2 * * * *", "Allow", "primes", 3), "tick.yaml");
        awaitReconcileAfterMovingTheClock("*/2 * * * *", "Allow", "primes", 4);
        assertEquals(List.of(), jobs(), "nothing is due at 00:00:30");

        clock.set(START.plusSeconds(90));             // 00:02:00
        awaitJob(jobAt(2));
        clock.set(START.plusSeconds(150));            // 00:03:00: not a fire time
        awaitReconcileAfterMovingTheClock("*/2 * * * *", "Allow", "primes", 5);
        assertEquals(List.of(jobAt(2)), jobs());
        clock.set(START.plusSeconds(210));            // 00:04:00
        awaitJob(jobAt(4));
        clock.set(START.plusSeconds(510));            // 00:09:00: 00:06 and 00:08 were missed
        awaitJob(jobAt(8));
        awaitReconcileAfterMovingTheClock("*/2 * * * *", "Allow", "primes", 6);

        assertEquals(List.of(jobAt(2), jobAt(4), jobAt(8)), jobs(), "the latest missed run only, as Kubernetes does");
        assertEquals(START.plusSeconds(450), cluster.resources().get(CronJob.class, "default", "tick").orElseThrow()
                .status().lastScheduleTime());
        Job first = job(jobAt(2)).orElseThrow();
        assertEquals(START.plusSeconds(90).toString(), first.metadata().annotations().get(CronJob.SCHEDULED_AT_ANNOTATION));
    }

    @Test
    void forbid_holdsTheNextRunWhileOneRuns_andStartsItLateWhenThatOneEnds() throws Exception {
        cluster.apply(cronJob("* * * * *", "Forbid", "until-told", 3), "tick.yaml");
        AtomicInteger overlaps = new AtomicInteger();
        StoreMirror<Job> order = StoreMirror.check(cluster, Job.class, "default", all -> {
            if (running(all) > 1) {
                overlaps.incrementAndGet();
            }
        });

        clock.set(START.plusSeconds(30));             // 00:01:00
        awaitJob(jobAt(1));
        clock.set(START.plusSeconds(90));             // 00:02:00: due, but the 00:01 Job runs
        awaitReconcileAfterMovingTheClock("* * * * *", "Forbid", "until-told", 4);
        assertEquals(List.of(jobAt(1)), jobs(), "Forbid: no second Job while the first runs");
        RecordedEvents.await(cluster, WAIT, "CronJob", "default", "tick", EventType.NORMAL, "JobAlreadyActive",
                "Not starting job because prior execution is running and concurrency policy is Forbid");

        String container = jobAt(1) + "-1";
        cluster.await(WAIT, container + " to run", () -> cluster.resources().get(Container.class, "default", container)
                .map(c -> c.status().ready()).orElse(false));
        cluster.messenger().request(Address.container(container), "finish", WAIT).join();
        awaitJob(jobAt(2));
        order.close();

        assertEquals(0, overlaps.get(), "never two Jobs running at once");
        assertTrue(job(jobAt(1)).orElseThrow().status().finished().isPresent());
        RecordedEvents.await(cluster, WAIT, "CronJob", "default", "tick", EventType.NORMAL, "SawCompletedJob",
                "Saw completed job: " + jobAt(1) + ", status: Complete");
        RecordedEvents.await(cluster, WAIT, "CronJob", "default", "tick", EventType.NORMAL, "SuccessfulCreate",
                "Created job " + jobAt(2));
    }

    @Test
    void replace_deletesTheRunningJob_andStartsTheNewOne() throws Exception {
        cluster.apply(cronJob("* * * * *", "Replace", "until-told", 3), "tick.yaml");
        AtomicInteger most = new AtomicInteger();
        StoreMirror<Job> count = StoreMirror.check(cluster, Job.class, "default", all -> most.accumulateAndGet(
                (int) all.stream().filter(j -> !j.metadata().deleting()).count(), Math::max));

        clock.set(START.plusSeconds(30));             // 00:01:00
        awaitJob(jobAt(1));
        clock.set(START.plusSeconds(90));             // 00:02:00: the 00:01 Job still runs
        awaitJob(jobAt(2));
        count.close();

        assertEquals(List.of(jobAt(2)), jobs(), "the running Job was replaced");
        assertEquals(1, most.get(), "the old Job was deleted before the new one was created");
        RecordedEvents.await(cluster, WAIT, "CronJob", "default", "tick", EventType.NORMAL, "SuccessfulDelete",
                "Deleted job " + jobAt(1));
        cluster.await(WAIT, "the replaced Job's container to be gone",
                () -> cluster.resources().get(Container.class, "default", jobAt(1) + "-1").isEmpty());
    }

    private static long running(Collection<Job> jobs) {
        return jobs.stream().filter(j -> j.status().finished().isEmpty() && !j.metadata().deleting()).count();
    }
}
