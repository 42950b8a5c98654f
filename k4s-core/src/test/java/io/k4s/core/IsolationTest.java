package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.k4s.api.Address;
import io.k4s.api.RequestTimeoutException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ResourceKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What no worker may take from the others: the control plane, request timeouts, and status that
 * follows a container's readiness at once. No resync runs (1 h), so events must drive
 * everything.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IsolationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final K4sCluster cluster = K4sCluster.builder().resyncPeriod(Duration.ofHours(1)).start();

    @AfterEach
    void close() {
        cluster.close();
        assertEquals(List.of(), ThreadCensus.liveK4sThreads());
    }

    /** The carrier threads virtual threads run on: one per core unless configured otherwise. */
    static int carriers() {
        return Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
    }

    static String replicaSet(String name, int replicas, String executor, String grace) {
        return """
                kind: ReplicaSet
                metadata: {name: %s}
                spec:
                  replicas: %d
                  template:
                    metadata: {labels: {app: %s}}
                    spec: {worker: misbehaving, executor: %s, terminationGracePeriod: %s}
                ---
                kind: Service
                metadata: {name: %s}
                spec: {selector: {app: %s}}
                """.formatted(name, replicas, name, executor, grace, name, name);
    }

    /** Make {@code n} virtual-thread containers compute on every carrier until they are interrupted. */
    static void spinOnEveryCarrier(K4sCluster cluster, int n) {
        cluster.apply(replicaSet("spin", n, "virtual", "5s"));
        cluster.awaitReady("spin", WAIT);
        for (int i = 0; i < n; i++) {
            cluster.messenger().send(Address.container("spin-" + i), "spin");
        }
        cluster.await(WAIT, n + " handlers spinning", () -> ClusterTestWorkers.SPINNING.get() == n);
    }

    /** What {@code future} fails with; it must fail. */
    static Throwable failureOf(CompletableFuture<?> future) {
        CompletionException e = assertThrows(CompletionException.class, future::join);
        return e.getCause();
    }

    @Test
    void workersSpinningOnEveryCarrier_leaveTheControlPlaneAndTimeoutsWorking() {
        cluster.apply(replicaSet("starved", 1, "virtual", "5s"));
        cluster.awaitReady("starved", WAIT);

        spinOnEveryCarrier(cluster, carriers());

        CompletableFuture<Object> starved = cluster.messenger().request(Address.container("starved-0"), "who",
                Duration.ofMillis(200));
        cluster.apply(replicaSet("fresh", 2, "platform", "5s"));
        cluster.awaitReady("fresh", WAIT);
        cluster.awaitEndpoints("fresh", 2, WAIT);
        Object answer = cluster.messenger().request(Address.service("fresh"), "who", WAIT).join();
        assertEquals(true, String.valueOf(answer).startsWith("fresh-"), "answered by " + answer);
        RequestTimeoutException timeout = assertInstanceOf(RequestTimeoutException.class, failureOf(starved));
        assertEquals(Address.container("default", "starved-0"), timeout.target());
    }

    @Test
    void drainingContainer_leavesReadyStatusReadyReplicasAndEndpointsAtOnce() {
        cluster.apply(replicaSet("drain", 1, "virtual", "1h"));
        cluster.awaitReady("drain", WAIT);
        cluster.awaitEndpoints("drain", 1, WAIT);

        cluster.messenger().send(Address.container("drain-0"), "exit-and-block");

        cluster.await(WAIT, "drain-0 to be not ready, Terminating, in status", () -> cluster.resources()
                .get(Container.class, ResourceKey.of("drain-0"))
                .map(c -> !c.status().ready() && c.status().reason().equals("Terminating")).orElse(false));
        cluster.await(WAIT, "the ReplicaSet to count no ready replica", () -> cluster.resources()
                .get(ReplicaSet.class, ResourceKey.of("drain")).map(rs -> rs.status().readyReplicas() == 0)
                .orElse(false));
        cluster.awaitEndpoints("drain", 0, WAIT);
    }
}
