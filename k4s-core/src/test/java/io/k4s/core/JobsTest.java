package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.event.EventType;
import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.CronJob;
import io.k4s.api.resource.Job;
import io.k4s.api.resource.JobFailedException;
import io.k4s.api.resource.JobRun;
import io.k4s.api.resource.JobStatus;
import io.k4s.api.resource.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Jobs from YAML on a real cluster through {@link Jobs}: parallelism, retries, failures, and Jobs from CronJobs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private K4sCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = K4sCluster.builder().resyncPeriod(Duration.ofSeconds(2)).start();
    }

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    private static String primesJob(String name, int completions, int parallelism, int backoffLimit, String failIn) {
        return """
                apiVersion: k4s.io/v1
                kind: Job
                metadata: {name: %s}
                spec:
                  completions: %d
                  parallelism: %d
                  backoffLimit: %d
                  template:
                    spec:
                      worker: primes
                      restartPolicy: Never
                      params: {limit: 20000, failIn: [%s]}
                """.formatted(name, completions, parallelism, backoffLimit, failIn);
    }

    @Test
    void parallelJob_neverRunsMoreThanParallelism_andRetriesAFlakyTaskToCompletion() throws Exception {
        AtomicInteger mostRunning = new AtomicInteger();
        StoreMirror<Container> running = StoreMirror.check(cluster, Container.class, "default", all ->
                mostRunning.accumulateAndGet((int) all.stream().filter(c -> c.status().phase() != ContainerPhase.SUCCEEDED
                        && c.status().phase() != ContainerPhase.FAILED && !c.metadata().deleting()).count(), Math::max));

        cluster.apply(primesJob("batch", 6, 2, 3, "batch-2"), "batch.yaml");
        Job done = cluster.jobs().await("default", "batch", WAIT);
        running.close();

        assertTrue(mostRunning.get() <= 2, "at most parallelism (2) containers ran at once, saw " + mostRunning.get());
        assertEquals(2, mostRunning.get(), "and two did run at once");
        JobStatus s = done.status();
        assertEquals(JobStatus.COMPLETE, s.finished().orElseThrow().type());
        assertEquals(6, s.succeeded());
        assertEquals(1, s.failed());
        JobRun flaky = s.runs().stream().filter(r -> r.container().equals("batch-2")).findFirst().orElseThrow();
        assertEquals("crashed: java.lang.IllegalStateException: flaky on purpose: batch-2 is listed in failIn",
                flaky.error());
        assertEquals(List.of("2262 primes below 20000"), s.runs().stream().filter(JobRun::succeeded)
                .map(JobRun::result).distinct().toList());
        assertEquals(7, s.runs().size(), "six successes and the failed run, each with its container");

        RecordedEvents.await(cluster, WAIT, "Job", "default", "batch", EventType.NORMAL, "SuccessfulCreate",
                "Created container: batch-7");
        RecordedEvents.await(cluster, WAIT, "Job", "default", "batch", EventType.NORMAL, "Completed", "Job completed");
        assertEquals(7, RecordedEvents.about(cluster, "Job", "default", "batch").stream()
                .filter(e -> e.spec().reason().equals("SuccessfulCreate")).count(), "one SuccessfulCreate per run");
    }

    @Test
    void await_aJobThatFails_throwsJobFailedException_withTheReasonAndTheLastError() {
        cluster.apply(primesJob("doomed", 1, 1, 1, "doomed-1, doomed-2"), "doomed.yaml");

        JobFailedException failed = assertThrows(JobFailedException.class,
                () -> cluster.jobs().await("default", "doomed", WAIT));

        assertEquals(JobStatus.BACKOFF_LIMIT_EXCEEDED, failed.job().status().finished().orElseThrow().reason());
        assertEquals(2, failed.job().status().failed());
        assertTrue(failed.getMessage().startsWith("Job \"default/doomed\" failed (BackoffLimitExceeded): "),
                failed.getMessage());
        assertTrue(failed.getMessage().endsWith("; last error, in doomed-2: crashed: java.lang.IllegalStateException:"
                + " flaky on purpose: doomed-2 is listed in failIn"), failed.getMessage());
        RecordedEvents.await(cluster, WAIT, "Job", "default", "doomed", EventType.WARNING,
                JobStatus.BACKOFF_LIMIT_EXCEEDED, "Job has reached the specified backoff limit: 2 failed runs");
    }

    @Test
    void createFromCronJob_runsItsTemplateNow_ownedByTheCronJob_evenWhenSuspended() {
        cluster.apply("""
                apiVersion: k4s.io/v1
                kind: CronJob
                metadata: {name: nightly}
                spec:
                  schedule: "0 3 * * *"
                  suspend: true
                  jobTemplate:
                    metadata: {labels: {team: ops}}
                    spec: {template: {spec: {worker: primes, restartPolicy: Never, params: {limit: 100}}}}
                """, "nightly.yaml");

        Job created = cluster.jobs().createFromCronJob("default", "nightly", "nightly-now");
        Job done = cluster.jobs().await("default", "nightly-now", WAIT);

        assertEquals("manual", created.metadata().annotations().get(CronJob.INSTANTIATE_ANNOTATION));
        assertEquals("ops", created.metadata().labels().get("team"));
        CronJob cj = cluster.resources().get(CronJob.class, "default", "nightly").orElseThrow();
        assertTrue(done.metadata().controller().orElseThrow().refersTo(cj));
        assertEquals("25 primes below 100", done.status().runs().getFirst().result());
        cluster.await(WAIT, "the CronJob to count the manual Job's success",
                () -> cluster.resources().get(CronJob.class, "default", "nightly")
                        .map(c -> c.status().lastSuccessfulTime() != null).orElse(false));
        assertThrows(AlreadyExistsException.class,
                () -> cluster.jobs().createFromCronJob("default", "nightly", "nightly-now"));
        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> cluster.jobs().createFromCronJob("default", "weekly", "weekly-now"));
        assertEquals("CronJob \"default/weekly\" not found", missing.getMessage());
    }
}
