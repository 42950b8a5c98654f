package io.k4s.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.k4s.api.control.Result;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.Job;
import io.k4s.api.resource.JobRun;
import io.k4s.api.resource.JobSpec;
import io.k4s.api.resource.JobStatus;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.RestartPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobReconcilerTest {

    private static final ResourceKey KEY = ResourceKey.of("batch");

    private final Simulation sim = new Simulation();
    private final JobReconciler reconciler = new JobReconciler();

    private static JobSpec spec(RestartPolicy policy) {
        return JobSpec.of(ContainerTemplate.of(Map.of("app", "batch"),
                ContainerSpec.of("task").withRestartPolicy(policy)));
    }

    private Job create(JobSpec spec) {
        return sim.resources.create(Job.of(ObjectMeta.of("batch"), spec));
    }

    private Job job() {
        return sim.resources.get(Job.class, KEY).orElseThrow();
    }

    private Result reconcile() {
        return reconciler.reconcile(KEY, sim);
    }

    private List<Container> running() {
        return sim.containers("batch-").stream().filter(c -> c.status().phase() == ContainerPhase.PENDING
                || c.status().phase() == ContainerPhase.RUNNING).toList();
    }

    /** End a container's run as the kubelet would report it. */
    private void finish(Container c, boolean succeeded, String text, int restarts) {
        Container now = sim.resources.get(Container.class, c.key()).orElseThrow();
        sim.resources.updateStatus(now.withStatus(new ContainerStatus(
                succeeded ? ContainerPhase.SUCCEEDED : ContainerPhase.FAILED, succeeded ? "Completed" : "Error", "",
                false, restarts, sim.clock.instant(), null, succeeded ? "" : text, 1, succeeded ? text : "", null)));
    }

    @Test
    void containerBeingDeleted_isNoLongerActive_andItsNameIsNotReused() {
        create(spec(RestartPolicy.NEVER).withCompletions(4, 2));
        reconcile();
        Container second = sim.resources.get(Container.class, ResourceKey.of("batch-2")).orElseThrow();
        sim.resources.update(second.withMetadata(second.metadata().withDeletion(sim.clock.instant(), null)));

        reconcile();

        assertEquals(List.of("batch-1", "batch-2", "batch-3"),
                sim.containers("batch-").stream().map(c -> c.metadata().name()).toList());
        assertEquals(2, job().status().active(), "batch-1 and batch-3; batch-2 drains");
    }

    @Test
    void flakyTask_isRetriedWithExponentialBackoff_upToTheBackoffLimit_thenTheJobFailsWithTheErrors() {
        create(spec(RestartPolicy.NEVER).withBackoffLimit(2));
        for (int attempt = 1; attempt <= 3; attempt++) {
            reconcile();
            List<Container> run = running();
            assertEquals(1, run.size(), "attempt " + attempt + " runs one container");
            assertEquals("batch-" + attempt, run.getFirst().metadata().name());
            finish(run.getFirst(), false, "flaky: attempt " + attempt, 0);
            Duration backoff = JobReconciler.backoff(attempt);
            Result wait = reconcile();
            if (attempt < 3) {
                assertEquals(Result.requeueAfter(backoff), wait, "waits its back-off after failure " + attempt);
                assertTrue(running().isEmpty(), "no new container during the back-off");
                sim.clock.advance(backoff);
            }
        }

        JobStatus s = job().status();
        Condition failed = s.finished().orElseThrow();
        assertEquals(JobStatus.FAILED, failed.type());
        assertEquals(JobStatus.BACKOFF_LIMIT_EXCEEDED, failed.reason());
        assertEquals(3, s.failed());
        assertEquals(List.of("flaky: attempt 1", "flaky: attempt 2", "flaky: attempt 3"),
                s.runs().stream().map(JobRun::error).toList());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)),
                List.of(JobReconciler.backoff(1), JobReconciler.backoff(2), JobReconciler.backoff(3)));
        assertEquals(Duration.ofSeconds(10), JobReconciler.backoff(30), "capped");
        reconcile();
        assertEquals(3, sim.containers("batch-").size(), "a failed Job starts nothing more");
    }

    @Test
    void parallelism_isNeverExceeded_andTheJobCompletesWithEveryResult() {
        create(spec(RestartPolicy.NEVER).withCompletions(5, 2));
        sim.resources.afterEveryWrite(store -> {
            if (running().size() > 2) {
                fail(running().size() + " containers run; parallelism is 2");
            }
        });
        int finished = 0;
        while (job().status().finished().isEmpty()) {
            reconcile();
            List<Container> run = running();
            if (!run.isEmpty()) {
                finished++;
                finish(run.getFirst(), true, "result " + finished, 0);
            }
            if (finished > 10) {
                fail("not complete after 10 runs: " + job().status());
            }
        }

        JobStatus s = job().status();
        assertEquals(JobStatus.COMPLETE, s.finished().orElseThrow().type());
        assertEquals(5, s.succeeded());
        assertEquals(0, s.active());
        assertNotNull(s.completionTime());
        assertEquals(List.of("result 1", "result 2", "result 3", "result 4", "result 5"),
                s.runs().stream().map(JobRun::result).toList());
        assertEquals(5, sim.containers("batch-").size(), "no container beyond the completions");
        assertTrue(sim.containers("batch-").stream()
                .allMatch(c -> "batch".equals(c.metadata().labels().get(Job.JOB_NAME_LABEL))));
    }

    @Test
    void loweringParallelism_deletesTheNewestRunningContainers() {
        create(spec(RestartPolicy.NEVER).withCompletions(6, 3));
        reconcile();
        assertEquals(3, running().size());
        Job j = job();
        sim.resources.update(j.withSpec(j.spec().withCompletions(6, 1)));

        reconcile();

        assertEquals(List.of("batch-1"), running().stream().map(c -> c.metadata().name()).toList());
    }

    @Test
    void workQueue_isCompleteWhenOneSucceededAndNoneRuns() {
        create(spec(RestartPolicy.NEVER).withCompletions(null, 3));
        reconcile();
        List<Container> run = running();
        assertEquals(3, run.size());

        finish(run.get(0), true, "drained the queue", 0);
        reconcile();
        assertEquals(2, running().size(), "no new container once one succeeded");
        assertTrue(job().status().finished().isEmpty(), "others still run");
        finish(run.get(1), true, "", 0);
        finish(run.get(2), true, "", 0);
        reconcile();

        assertEquals(JobStatus.COMPLETE, job().status().finished().orElseThrow().type());
    }

    @Test
    void activeDeadline_failsTheJob_andDeletesWhatStillRuns() {
        Result first;
        create(spec(RestartPolicy.NEVER).withActiveDeadlineSeconds(Duration.ofSeconds(30)));
        first = reconcile();
        assertEquals(Result.requeueAfter(Duration.ofSeconds(30)), first, "looks again at the deadline");

        sim.clock.advance(Duration.ofSeconds(30));
        reconcile();

        Condition failed = job().status().finished().orElseThrow();
        assertEquals(JobStatus.DEADLINE_EXCEEDED, failed.reason());
        assertTrue(sim.containers("batch-").isEmpty(), "the running container was deleted");
        assertEquals(0, job().status().active());
        assertTrue(job().status().runs().getFirst().error().contains(JobStatus.DEADLINE_EXCEEDED));
    }

    @Test
    void finishedJob_isDeletedTtlAfterFinishing() {
        create(spec(RestartPolicy.NEVER).withTtlSecondsAfterFinished(Duration.ofSeconds(5)));
        reconcile();
        finish(running().getFirst(), true, "done", 0);
        Result wait = reconcile();
        assertEquals(Result.requeueAfter(Duration.ofSeconds(5)), wait);
        assertTrue(sim.resources.get(Job.class, KEY).isPresent());

        sim.clock.advance(Duration.ofSeconds(5));
        reconcile();

        assertFalse(sim.resources.get(Job.class, KEY).isPresent());
        assertTrue(sim.containers("batch-").isEmpty(), "its containers went with it");
    }

    @Test
    void restartsOfAnOnFailureContainer_countAsFailedRuns() {
        create(spec(RestartPolicy.ON_FAILURE).withBackoffLimit(3));
        reconcile();
        Container c = running().getFirst();
        sim.resources.updateStatus(c.withStatus(new ContainerStatus(ContainerPhase.RUNNING, "CrashLoopBackOff", "",
                false, 4, sim.clock.instant(), null, "crashed: boom", 1, "", null)));

        reconcile();

        JobStatus s = job().status();
        assertEquals(JobStatus.BACKOFF_LIMIT_EXCEEDED, s.finished().orElseThrow().reason());
        assertTrue(s.runs().getFirst().error().contains("crashed: boom"), s.runs().toString());
        assertTrue(sim.containers("batch-").isEmpty());
    }

    @Test
    void jobSpec_refusesAlwaysRestartingContainers_andDefaultsLikeKubernetes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spec(RestartPolicy.ALWAYS));
        assertTrue(e.getMessage().startsWith("spec.template.spec.restartPolicy"), e.getMessage());
        JobSpec defaults = spec(RestartPolicy.NEVER);
        assertEquals(List.of(1, 1, 6), List.of(defaults.completions(), defaults.parallelism(), defaults.backoffLimit()));
        assertTrue(defaults.withCompletions(null, 4).workQueue());
    }
}
