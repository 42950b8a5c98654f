package io.k4s.test;

import static io.k4s.test.K4sAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.k4s.api.Address;
import io.k4s.api.Messenger;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.CronJob;
import io.k4s.api.resource.Job;
import io.k4s.core.K4sCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test clock drives worker timers and cron schedules: nothing fires until the test moves
 * it, and moving it by hours takes no time.
 */
@K4sTest(clockStart = "2030-01-01T00:30:00Z")
class TestClockTest {

    private static final String TICKER = """
            apiVersion: k4s.io/v1
            kind: Container
            metadata: {name: ticker}
            spec: {worker: kit-ticker}
            """;

    @Test
    void theClusterTellsTimeByTheTestClock(K4sCluster cluster, TestClock clock) {
        cluster.apply(TICKER);

        assertEquals(Instant.parse("2030-01-01T00:30:00Z"), clock.instant());
        assertEquals(clock.instant(), cluster.resources().get(Container.class, "default", "ticker")
                .orElseThrow().metadata().creationTimestamp());
    }

    @Test
    @Apply(yaml = TICKER)
    void timersFireWhenTheClockMoves_oneTickPerPeriod(K4sCluster cluster, Messenger messenger, TestClock clock,
                                                      CapturedLogs logs) {
        assertThat(cluster).container("ticker").isReady();
        assertEquals("0/0", ask(messenger), "no tick before the clock moves");
        assertEquals(2, clock.pendingTimers());

        for (int minute = 1; minute <= 3; minute++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(logs).container("ticker").hasLine("minute " + minute);
        }
        assertEquals("3/0", ask(messenger));

        clock.advance(Duration.ofMinutes(57));
        assertThat(logs).container("ticker").hasLine("hour 1");
        assertEquals(1, clock.pendingTimers(), "the one-shot timer is gone, the periodic one waits");
    }

    @Test
    void aCronJob_runsWhenTheClockReachesItsSchedule(K4sCluster cluster, TestClock clock) {
        cluster.apply("""
                apiVersion: k4s.io/v1
                kind: CronJob
                metadata: {name: hourly}
                spec:
                  schedule: "0 * * * *"
                  jobTemplate: {spec: {template: {spec: {worker: kit-once, restartPolicy: Never}}}}
                """);
        clock.advance(Duration.ofMinutes(30));

        cluster.await(Duration.ofSeconds(10), "the 01:00 Job", () -> jobs(cluster).size() == 1);
        Job job = cluster.resources().list(Job.class, "default").items().getFirst();
        cluster.await(Duration.ofSeconds(10), "the Job to complete", () -> cluster.resources()
                .get(Job.class, job.key()).map(j -> j.status().succeeded() == 1).orElse(false));
        assertEquals(Instant.parse("2030-01-01T01:00:00Z"), cluster.resources()
                .get(CronJob.class, "default", "hourly").orElseThrow().status().lastScheduleTime());
    }

    @Test
    void theClockOnlyMovesForward(TestClock clock) {
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    }

    @Test
    void aContainerThatExits_isSeenSucceeded(K4sCluster cluster) {
        cluster.apply("""
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: once}
                spec: {worker: kit-once, restartPolicy: Never}
                """);

        assertThat(cluster).container("once").hasPhase(ContainerPhase.SUCCEEDED);
    }

    private static List<String> jobs(K4sCluster cluster) {
        return cluster.resources().list(Job.class, "default").items().stream().map(j -> j.metadata().name()).toList();
    }

    private static String ask(Messenger messenger) {
        return (String) messenger.request(Address.container("ticker"), "count").join();
    }
}
