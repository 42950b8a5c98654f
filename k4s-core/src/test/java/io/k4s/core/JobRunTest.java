package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.Job;
import io.k4s.api.resource.JobRun;
import io.k4s.api.resource.JobSpec;
import io.k4s.api.resource.JobStatus;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.RestartPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Jobs on a real cluster: workers that exit with a result, or fail their run. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobRunTest {

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

    private static JobSpec task(Map<String, ?> params) {
        return JobSpec.of(ContainerTemplate.of(Map.of("app", "task"),
                ContainerSpec.of("task", params).withRestartPolicy(RestartPolicy.NEVER)));
    }

    private Job finished(String name) {
        cluster.await(WAIT, "Job " + name + " to finish", () -> cluster.resources().get(Job.class, "default", name)
                .map(j -> j.status().finished().isPresent()).orElse(false));
        return cluster.resources().get(Job.class, "default", name).orElseThrow();
    }

    @Test
    void job_runsToCompletion_withEveryResultInItsStatus() {
        cluster.apply(Job.of(ObjectMeta.of("sum"), task(Map.of("value", 42)).withCompletions(3, 2)));

        Job job = finished("sum");

        JobStatus s = job.status();
        assertEquals(JobStatus.COMPLETE, s.finished().orElseThrow().type());
        assertEquals(3, s.succeeded());
        assertEquals(0, s.failed());
        assertEquals(List.of("done by sum-1: 42", "done by sum-2: 42", "done by sum-3: 42"),
                s.runs().stream().map(JobRun::result).toList());
        Container first = cluster.resources().get(Container.class, "default", "sum-1").orElseThrow();
        assertEquals("done by sum-1: 42", first.status().result(), "the container's status carries the result");
    }

    @Test
    void failingTask_isRetriedUpToTheBackoffLimit_thenTheJobFailsWithTheErrors() {
        cluster.apply(Job.of(ObjectMeta.of("flaky"), task(Map.of("fail", true)).withBackoffLimit(2)));

        Job job = finished("flaky");

        JobStatus s = job.status();
        assertEquals(JobStatus.BACKOFF_LIMIT_EXCEEDED, s.finished().orElseThrow().reason());
        assertEquals(3, s.failed());
        assertEquals(3, s.runs().size());
        assertTrue(s.runs().stream().allMatch(r -> r.error().contains("task failed on purpose in " + r.container())),
                s.runs().toString());
    }
}
