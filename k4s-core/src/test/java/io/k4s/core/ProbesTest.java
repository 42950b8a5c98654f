package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.HandleTimeoutException;
import io.k4s.api.Health;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Service;
import io.k4s.api.runtime.ContainerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Readiness, liveness and startup probes, and the handle timeout, on a real cluster. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProbesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ContainerStatus status(K4sCluster cluster, String name) {
        return cluster.resources().get(Container.class, "default", name).map(Container::status)
                .orElse(ContainerStatus.PENDING);
    }

    private static List<String> endpoints(K4sCluster cluster, String service) {
        return cluster.resources().get(Service.class, "default", service).map(s -> s.status().endpoints())
                .orElse(List.of());
    }

    private static ContainerState state(K4sCluster cluster, String name) {
        return cluster.runtime().state(ResourceKey.of(name)).orElseThrow();
    }

    @Test
    void aReplicaWhoseReadinessFails_leavesTheService_staysReachableDirectly_andReturns() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    kind: ReplicaSet
                    metadata: {name: ready}
                    spec:
                      replicas: 2
                      template:
                        metadata: {labels: {app: ready}}
                        spec:
                          worker: probed
                          readinessProbe: {periodSeconds: 20ms, failureThreshold: 2}
                    ---
                    kind: Service
                    metadata: {name: ready}
                    spec: {selector: {app: ready}, loadBalancing: RoundRobin}
                    """);
            cluster.await(WAIT, "both replicas in the endpoints",
                    () -> endpoints(cluster, "ready").equals(List.of("ready-0", "ready-1")));

            LifecycleTestWorkers.READINESS.put("ready-0", Health.down("cache is cold"));
            cluster.await(WAIT, "ready-0 out of the endpoints",
                    () -> endpoints(cluster, "ready").equals(List.of("ready-1")));
            ContainerStatus s = status(cluster, "ready-0");
            assertFalse(s.ready());
            Condition ready = s.condition("Ready").orElseThrow();
            assertFalse(ready.status());
            assertEquals("ReadinessProbeFailed", ready.reason());
            assertEquals("Readiness probe failed: cache is cold", ready.message());
            assertEquals(ready.reason(), s.condition("ContainersReady").orElseThrow().reason());
            Set<Object> answered = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                answered.add(cluster.messenger().request(Address.service("ready"), "who", WAIT).join());
            }
            assertEquals(Set.of("ready-1"), answered, "the service routes around the unready replica");
            assertEquals("ready-0", cluster.messenger().request(Address.container("ready-0"), "who", WAIT).join(),
                    "an unready container still takes messages at its own address");

            LifecycleTestWorkers.READINESS.remove("ready-0");
            cluster.await(WAIT, "ready-0 back in the endpoints",
                    () -> endpoints(cluster, "ready").equals(List.of("ready-0", "ready-1")));
            assertTrue(status(cluster, "ready-0").condition("Ready").orElseThrow().status());
            assertEquals(0, status(cluster, "ready-0").restartCount(), "readiness never restarts");
        } finally {
            LifecycleTestWorkers.READINESS.remove("ready-0");
        }
    }

    @Test
    void aWorkerWhoseLivenessFails_isRestartedPerItsPolicy() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    kind: Container
                    metadata: {name: alive}
                    spec:
                      worker: probed
                      terminationGracePeriod: 200ms
                      livenessProbe: {periodSeconds: 20ms, failureThreshold: 2}
                    """);
            cluster.await(WAIT, "alive is ready", () -> status(cluster, "alive").ready());
            LifecycleTestWorkers.LIVENESS.put("alive", Health.down("deadlocked"));
            cluster.await(WAIT, "alive restarted", () -> status(cluster, "alive").restartCount() >= 1);
            LifecycleTestWorkers.LIVENESS.remove("alive");
            assertTrue(status(cluster, "alive").lastError().contains("Liveness probe failed: deadlocked"),
                    status(cluster, "alive").lastError());
            cluster.await(WAIT, "alive ready again", () -> status(cluster, "alive").ready());
            assertTrue(cluster.runtime().logs(ResourceKey.of("alive"), true).orElseThrow().stream()
                    .anyMatch(l -> l.text().contains("killing: Liveness probe failed: deadlocked")));
        } finally {
            LifecycleTestWorkers.LIVENESS.remove("alive");
        }
    }

    @Test
    void aStuckHandle_failsItsRequestWithHandleTimeout_isInterrupted_andTheContainerRestarts() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    kind: Container
                    metadata: {name: stuck}
                    spec: {worker: probed, handleTimeout: 100ms, terminationGracePeriod: 200ms}
                    """);
            cluster.await(WAIT, "stuck is ready", () -> status(cluster, "stuck").ready());
            CompletableFuture<Object> blocked = cluster.messenger().request(Address.container("stuck"), "block", WAIT);
            CompletionException e = assertThrows(CompletionException.class,
                    blocked::join);
            HandleTimeoutException timeout = assertInstanceOf(HandleTimeoutException.class, e.getCause());
            assertEquals(Address.container("default", "stuck"), timeout.container());
            assertEquals(Duration.ofMillis(100), timeout.timeout());
            cluster.await(WAIT, "the stuck thread interrupted",
                    () -> LifecycleTestWorkers.INTERRUPTED.contains("stuck"));
            cluster.await(WAIT, "stuck restarted", () -> status(cluster, "stuck").restartCount() == 1
                    && status(cluster, "stuck").ready());
            assertEquals("stuck", cluster.messenger().request(Address.container("stuck"), "who", WAIT).join());
        }
    }

    @Test
    void aStartupProbe_holdsReadinessAndLiveness_untilItSucceeds() {
        try (K4sCluster cluster = K4sCluster.start()) {
            LifecycleTestWorkers.LIVENESS.put("slowstart", Health.down("still loading"));
            cluster.apply("""
                    kind: Container
                    metadata: {name: slowstart}
                    spec:
                      worker: probed
                      startupProbe: {periodSeconds: 20ms, failureThreshold: 1000}
                      readinessProbe: {periodSeconds: 20ms}
                    """);
            cluster.await(WAIT, "a few startup probes", () -> LifecycleTestWorkers.calls("slowstart", "liveness") >= 5);
            assertEquals(0, LifecycleTestWorkers.calls("slowstart", "readiness"), "no readiness probe before startup");
            ContainerStatus held = status(cluster, "slowstart");
            assertFalse(held.ready());
            assertEquals(0, held.restartCount());

            LifecycleTestWorkers.LIVENESS.remove("slowstart");
            cluster.await(WAIT, "slowstart ready after its startup probe", () -> status(cluster, "slowstart").ready());
            assertTrue(LifecycleTestWorkers.calls("slowstart", "readiness") >= 1);
        } finally {
            LifecycleTestWorkers.LIVENESS.remove("slowstart");
        }
    }

    @Test
    void aLongMailboxQueue_doesNotFailAProbe() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    kind: Container
                    metadata: {name: busy}
                    spec:
                      worker: probed
                      readinessProbe: {periodSeconds: 10ms, timeoutSeconds: 2, failureThreshold: 1}
                      livenessProbe: {periodSeconds: 10ms, timeoutSeconds: 2, failureThreshold: 1}
                    """);
            cluster.await(WAIT, "busy is ready", () -> status(cluster, "busy").ready());
            List<CompletableFuture<Object>> queued = new ArrayList<>();
            queued.add(cluster.messenger().request(Address.container("busy"), "wait:busy", WAIT));
            for (int i = 0; i < 900; i++) {
                queued.add(cluster.messenger().request(Address.container("busy"), "who", WAIT));
            }
            int before = LifecycleTestWorkers.calls("busy", "readiness");
            cluster.await(WAIT, "20 more readiness probes with 900 messages queued",
                    () -> LifecycleTestWorkers.calls("busy", "readiness") >= before + 20);
            ContainerState s = state(cluster, "busy");
            assertTrue(s.counters().queued() >= 900, "the queue is still there: " + s.counters());
            assertTrue(s.ready());
            assertEquals(0, s.probeFailures());
            LifecycleTestWorkers.gate("busy").countDown();
            queued.forEach(CompletableFuture::join);
            assertEquals(0, state(cluster, "busy").restartCount());
        }
    }
}
