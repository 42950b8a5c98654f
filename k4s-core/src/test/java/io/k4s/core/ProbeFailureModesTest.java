package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Health;
import io.k4s.api.event.Event;
import io.k4s.api.event.EventType;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Probes that throw, answer too late or warn, and the events a liveness kill records, on a real cluster. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProbeFailureModesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @AfterEach
    void forget() {
        LifecycleTestWorkers.MISBEHAVING_PROBES.clear();
        LifecycleTestWorkers.READINESS.remove("warned");
    }

    private static ContainerStatus status(K4sCluster cluster, String name) {
        return cluster.resources().get(Container.class, "default", name).map(Container::status)
                .orElse(ContainerStatus.PENDING);
    }

    private static Optional<Event> event(K4sCluster cluster, String container, String reason) {
        return cluster.resources().list(Event.class, "default").items().stream()
                .filter(e -> e.spec().involvedObject().name().equals(container) && e.spec().reason().equals(reason))
                .findFirst();
    }

    private static void applyProbed(K4sCluster cluster, String name, String probe) {
        cluster.apply("""
                kind: Container
                metadata: {name: %s}
                spec:
                  worker: probed
                  terminationGracePeriod: 200ms
                  %s: {periodSeconds: 20ms, timeoutSeconds: 50ms, failureThreshold: 2}
                """.formatted(name, probe));
    }

    @Test
    void aReadinessProbeThatThrows_isDown_withTheExceptionAsTheReason() {
        try (K4sCluster cluster = K4sCluster.start()) {
            LifecycleTestWorkers.MISBEHAVING_PROBES.put("thrower", "throw:db connection lost");
            applyProbed(cluster, "thrower", "readinessProbe");
            String expected = "Readiness probe failed: java.lang.IllegalStateException: db connection lost";
            cluster.await(WAIT, "an Unhealthy event with the exception", () -> event(cluster, "thrower", "Unhealthy")
                    .filter(e -> e.spec().message().equals(expected)).isPresent());
            // The event is recorded on each failure; the Ready condition takes the reason once failureThreshold
            // failures in a row are counted, a status write later.
            cluster.await(WAIT, "the Ready condition naming the exception", () -> status(cluster, "thrower")
                    .condition("Ready").map(Condition::message).filter(expected::equals).isPresent());
            Condition ready = status(cluster, "thrower").condition("Ready").orElseThrow();
            assertFalse(ready.status());

            LifecycleTestWorkers.MISBEHAVING_PROBES.remove("thrower");
            cluster.await(WAIT, "ready once it stops throwing", () -> status(cluster, "thrower").ready());
            assertEquals(0, status(cluster, "thrower").restartCount(), "readiness never restarts");
        }
    }

    @Test
    void aLivenessProbeThatAnswersAfterItsTimeout_isDown_andTheKillIsRecorded() {
        try (K4sCluster cluster = K4sCluster.start()) {
            applyProbed(cluster, "late", "livenessProbe");
            cluster.await(WAIT, "late is ready", () -> status(cluster, "late").ready());
            LifecycleTestWorkers.MISBEHAVING_PROBES.put("late", "late");
            cluster.await(WAIT, "late restarted", () -> status(cluster, "late").restartCount() >= 1);
            LifecycleTestWorkers.MISBEHAVING_PROBES.remove("late");

            String failed = "Liveness probe failed: no answer within 50ms";
            assertTrue(status(cluster, "late").lastError().contains(failed), status(cluster, "late").lastError());
            cluster.await(WAIT, "a Killing event naming the probe", () -> event(cluster, "late", "Killing").isPresent());
            Event killing = event(cluster, "late", "Killing").orElseThrow();
            assertEquals(EventType.NORMAL, killing.spec().type());
            assertEquals("Stopping worker probed: " + failed, killing.spec().message());
            assertTrue(event(cluster, "late", "Unhealthy").orElseThrow().spec().message().equals(failed));
            cluster.await(WAIT, "late ready again", () -> status(cluster, "late").ready());
        }
    }

    @Test
    void aLivenessProbeThatThrows_restartsTheContainer_withTheExceptionAsTheReason() {
        try (K4sCluster cluster = K4sCluster.start()) {
            applyProbed(cluster, "thrown", "livenessProbe");
            cluster.await(WAIT, "thrown is ready", () -> status(cluster, "thrown").ready());
            LifecycleTestWorkers.MISBEHAVING_PROBES.put("thrown", "throw:heap corrupted");
            cluster.await(WAIT, "thrown restarted", () -> status(cluster, "thrown").restartCount() >= 1);
            LifecycleTestWorkers.MISBEHAVING_PROBES.remove("thrown");
            assertTrue(status(cluster, "thrown").lastError()
                            .contains("Liveness probe failed: java.lang.IllegalStateException: heap corrupted"),
                    status(cluster, "thrown").lastError());
            cluster.await(WAIT, "the kill recorded", () -> event(cluster, "thrown", "Killing").isPresent());
        }
    }

    @Test
    void anUpAnswerWithAWarning_staysReady_andIsAFoldedProbeWarningEvent() {
        try (K4sCluster cluster = K4sCluster.start()) {
            LifecycleTestWorkers.READINESS.put("warned", Health.up("cache 90% full"));
            applyProbed(cluster, "warned", "readinessProbe");
            cluster.await(WAIT, "warned is ready", () -> status(cluster, "warned").ready());
            cluster.await(WAIT, "the warning folded into one event with a count", () -> event(cluster, "warned",
                    "ProbeWarning").filter(e -> e.spec().count() >= 2).isPresent());
            Event warning = event(cluster, "warned", "ProbeWarning").orElseThrow();
            assertEquals(EventType.WARNING, warning.spec().type());
            assertEquals("Readiness probe warning: cache 90% full", warning.spec().message());
            assertTrue(status(cluster, "warned").ready(), "a warning is still up");
            assertTrue(event(cluster, "warned", "Unhealthy").isEmpty(), "a warning is not a failure");
        }
    }
}
