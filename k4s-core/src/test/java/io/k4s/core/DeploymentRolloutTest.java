package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.RolloutHistory;
import io.k4s.api.resource.RolloutProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Deployment's rolling update and undo from YAML on a real cluster, under steady request
 * traffic through a Service: no request fails, and the strategy's budgets hold at every store
 * change.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeploymentRolloutTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REPLICAS = 10;
    /** 25% of 10, rounded up for the surge and down for unavailability, as Kubernetes rounds. */
    private static final int MAX_SURGE = 3;
    private static final int MAX_UNAVAILABLE = 2;

    private static final String WEB = """
            apiVersion: k4s.io/v1
            kind: Deployment
            metadata:
              name: web
              annotations: {k4s.io/change-cause: "version %1$s"}
            spec:
              replicas: 10
              template:
                metadata: {labels: {app: web}}
                spec: {worker: whoami, params: {version: %1$s}}
            ---
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}, loadBalancing: RoundRobin}
            """;

    private K4sCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = K4sCluster.builder().resyncPeriod(Duration.ofSeconds(2)).start();
    }

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    private Deployment deployment() {
        return cluster.resources().get(Deployment.class, "default", "web").orElseThrow();
    }

    @Test
    void rollingUpdate_andUndo_underTraffic_failNoRequest_andStayWithinSurgeAndUnavailability() throws Exception {
        cluster.apply(WEB.formatted("v1"), "web-v1.yaml");
        cluster.rollouts().await("default", "web", WAIT);
        cluster.awaitEndpoints("web", REPLICAS, WAIT);
        String v1ReplicaSet = cluster.resources().list(ReplicaSet.class, "default").items().getFirst()
                .metadata().name();

        AtomicInteger most = new AtomicInteger();
        AtomicInteger fewestReady = new AtomicInteger(REPLICAS);
        // A container being deleted (draining, out of every endpoint list) counts neither way, as a terminating pod.
        StoreMirror<Container> budgets = StoreMirror.check(cluster, Container.class, "default", containers -> {
            List<Container> live = containers.stream().filter(c -> !c.metadata().deleting()).toList();
            most.accumulateAndGet(live.size(), Math::max);
            fewestReady.accumulateAndGet((int) live.stream().filter(c -> c.status().ready()).count(), Math::min);
        });
        AtomicLong sent = new AtomicLong();
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread traffic = Thread.ofVirtual().start(() -> {
            // No cap on the count: on a fast machine a slow rollout must not run out of traffic before the undo ends.
            for (long i = 0; sending.get(); i++) {
                try {
                    cluster.messenger().request(Address.service("web"), "ping " + i, Duration.ofSeconds(10)).join();
                } catch (RuntimeException e) {
                    failures.putIfAbsent("request " + i, e);
                }
                sent.incrementAndGet();
            }
        });

        try {
            cluster.apply(WEB.formatted("v2"), "web-v2.yaml");
            List<String> progress = Collections.synchronizedList(new ArrayList<>());
            RolloutProgress done = cluster.rollouts().await("default", "web", WAIT, p -> progress.add(p.message()));
            assertEquals("deployment \"web\" successfully rolled out", done.message());
            assertTrue(progress.stream().anyMatch(m -> m.startsWith("Waiting for deployment \"web\" rollout to finish: ")),
                    "progress was reported on the way: " + progress);
            cluster.rollouts().undo("default", "web", 0);
            cluster.rollouts().await("default", "web", WAIT);
            long before = sent.get();
            // A failed request ends the wait at once, so a failure shows as itself, not as a timeout.
            cluster.await(WAIT, "more traffic after the undo (sent " + before + " before it)",
                    () -> sent.get() > before + 100 || !failures.isEmpty());
        } finally {
            sending.set(false);
            traffic.join();
            budgets.close();
        }

        assertEquals(Map.of(), failures, "no request failed; " + sent.get() + " sent");
        assertTrue(sent.get() > 200, "traffic flowed throughout: " + sent.get());
        assertTrue(most.get() <= REPLICAS + MAX_SURGE, "at most replicas + maxSurge containers, saw " + most.get());
        assertTrue(fewestReady.get() >= REPLICAS - MAX_UNAVAILABLE,
                "at least replicas - maxUnavailable ready containers, saw " + fewestReady.get());
        assertEquals("v1", deployment().spec().template().spec().params().get("version"));
        Object reply = cluster.messenger().request(Address.service("web"), "who").join();
        assertTrue(String.valueOf(reply).startsWith(v1ReplicaSet + "-"), "v1's ReplicaSet answers again: " + reply);
        RolloutHistory history = cluster.rollouts().history("default", "web");
        assertEquals(List.of(2L, 3L), history.revisions().stream().map(RolloutHistory.Revision::number).toList(),
                "the undo made v1 revision 3");
        assertEquals("version v1", history.current().orElseThrow().changeCause(),
                "the undo brought v1's change cause back");
        assertEquals("3", deployment().metadata().annotations().get(Deployment.REVISION_ANNOTATION));
    }
}
