package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.AutoscalerMetric;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.HorizontalAutoscaler;
import io.k4s.api.resource.HorizontalAutoscalerStatus;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.MetricValue;
import io.k4s.api.event.Event;
import io.k4s.api.event.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A HorizontalAutoscaler from YAML on a real cluster: a generator's load scales a Deployment up,
 * capped at maxReplicas; when the load stops it comes back down to minReplicas after the
 * scale-down window; the replica count never leaves min..max.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AutoscalerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String WEB = """
            apiVersion: k4s.io/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 1
              template:
                metadata: {labels: {app: web}}
                spec: {worker: whoami}
            ---
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}, loadBalancing: RoundRobin}
            ---
            apiVersion: k4s.io/v1
            kind: HorizontalAutoscaler
            metadata: {name: web}
            spec:
              scaleTargetRef: {kind: Deployment, name: web}
              minReplicas: 1
              maxReplicas: 3
              metrics: [{type: MessagesPerSecond, averageValue: 20}]
              behavior:
                scaleDown: {stabilizationWindowSeconds: 1}
            """;

    /** About 200 messages a second to the Service: ten replicas' worth at 20 each, so the maximum of 3 binds. */
    private static final String LOAD = """
            apiVersion: k4s.io/v1
            kind: Container
            metadata: {name: load}
            spec: {worker: generator, params: {target: service/web, interval: 5ms}}
            """;

    /** A slow worker (20 ms a request) scaled on request latency, with a 50 ms target. */
    private static final String SLOW = """
            apiVersion: k4s.io/v1
            kind: Deployment
            metadata: {name: slow}
            spec:
              replicas: 1
              template:
                metadata: {labels: {app: slow}}
                spec: {worker: slow, params: {delay: 20ms}}
            ---
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: slow}
            spec: {selector: {app: slow}, loadBalancing: RoundRobin}
            ---
            apiVersion: k4s.io/v1
            kind: HorizontalAutoscaler
            metadata: {name: slow}
            spec:
              scaleTargetRef: {kind: Deployment, name: slow}
              minReplicas: 1
              maxReplicas: 3
              metrics: [{type: RequestLatency, averageValue: 50ms}]
              behavior:
                scaleDown: {stabilizationWindowSeconds: 1}
            """;

    /** Requests kept in flight at once: with 20 ms a request, 10 in flight wait 10 x 20 / replicas ms. */
    private static final int IN_FLIGHT = 10;

    private K4sCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = K4sCluster.builder().resyncPeriod(Duration.ofSeconds(2)).start();
    }

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    private int replicas() {
        return replicas("web");
    }

    private int replicas(String deployment) {
        return cluster.resources().get(Deployment.class, "default", deployment).orElseThrow().spec().replicas();
    }

    private HorizontalAutoscalerStatus hpa() {
        return hpa("web");
    }

    private HorizontalAutoscalerStatus hpa(String name) {
        return cluster.resources().get(HorizontalAutoscaler.class, "default", name).orElseThrow().status();
    }

    @Test
    void loadScalesTheDeploymentUpToMax_andItComesBackToMinAfterTheWindow_neverLeavingMinMax() throws Exception {
        cluster.apply(WEB, "web.yaml");
        cluster.rollouts().await("default", "web", WAIT);
        Set<Integer> counts = ConcurrentHashMap.newKeySet();
        StoreMirror<Deployment> range = StoreMirror.check(cluster, Deployment.class, "default",
                all -> all.forEach(d -> counts.add(d.spec().replicas())));

        cluster.apply(LOAD, "load.yaml");
        cluster.await(WAIT, "web to scale up to maxReplicas 3 under load", () -> replicas() == 3);
        cluster.rollouts().await("default", "web", WAIT);
        cluster.await(WAIT, "the autoscaler to report that maxReplicas limits it", () -> hpa().conditions().stream()
                .anyMatch(c -> c.type().equals(HorizontalAutoscalerStatus.SCALING_LIMITED) && c.status()));
        Condition limited = hpa().conditions().stream()
                .filter(c -> c.type().equals(HorizontalAutoscalerStatus.SCALING_LIMITED)).findFirst().orElseThrow();
        assertEquals("TooManyReplicas", limited.reason());
        assertTrue(hpa().currentMetrics().getFirst().averageValue() > 20, "the load is above target per replica: "
                + hpa().currentMetrics());

        cluster.delete(Container.class, "load");
        cluster.await(WAIT, "web to scale back down to minReplicas 1 once the load stopped", () -> replicas() == 1);
        range.close();

        assertTrue(counts.stream().allMatch(n -> n >= 1 && n <= 3), "replicas stayed within 1..3: " + counts);
        assertTrue(counts.containsAll(List.of(1, 3)), "it went up and down: " + counts);
        // The autoscaler scales the Deployment first and writes its own status after: wait for it.
        cluster.await(WAIT, "the autoscaler to report 1 desired replica", () -> hpa().desiredReplicas() == 1);
        // Each change of the count is an Event naming the new size and the figures behind it.
        Event down = RecordedEvents.await(cluster, WAIT, "HorizontalAutoscaler", "default", "web", EventType.NORMAL,
                "SuccessfulRescale", "New size: 1; reason: ");
        assertTrue(down.spec().message().contains("MessagesPerSecond"), down.spec().message());
        RecordedEvents.await(cluster, WAIT, "HorizontalAutoscaler", "default", "web", EventType.NORMAL,
                "SuccessfulRescale", "New size: 3; reason: ");
    }

    /**
     * Clients that each wait for their reply before sending the next request keep
     * {@link #IN_FLIGHT} requests in flight; each takes at least 20 ms to handle, so by Little's
     * law the mean latency is at least 10 x 20 ms / replicas: 200 ms at 1, 67 ms at 3, above the
     * 50 ms target however loaded the machine is.
     */
    @Test
    void slowWorkersRequestLatencyRises_theAutoscalerScalesUpOnIt_andDownWhenTheRequestsStop() throws Exception {
        cluster.apply(SLOW, "slow.yaml");
        cluster.rollouts().await("default", "slow", WAIT);
        cluster.awaitEndpoints("slow", 1, WAIT); // a ready container joins the Service a moment later
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong failures = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    try {
                        cluster.messenger().request(Address.service("slow"), "work", WAIT).join();
                    } catch (CompletionException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.getCause());
                    }
                }
            }));
        }
        try {
            cluster.await(WAIT, "slow to scale up to maxReplicas 3 on its request latency", () -> replicas("slow") == 3);
            cluster.await(WAIT, "the autoscaler to report the latency of 3 replicas", () ->
                    hpa("slow").currentReplicas() == 3 && !hpa("slow").currentMetrics().isEmpty());
            MetricValue latency = hpa("slow").currentMetrics().getFirst();
            assertEquals(AutoscalerMetric.REQUEST_LATENCY, latency.type());
            assertTrue(latency.averageValue() > 0.050, "the mean latency is above the 50 ms target: " + latency);
            Container first = cluster.resources().list(Container.class, "default").items().stream()
                    .filter(c -> c.metadata().name().startsWith("slow-")).findFirst().orElseThrow();
            MessageCounters counters = cluster.runtime().state(first.key()).orElseThrow().counters();
            assertTrue(counters.requests() > 0 && counters.meanRequestTime().orElseThrow().toMillis() >= 20,
                    "the container's counters carry its request latency: " + counters);
        } finally {
            stop.set(true);
            for (Thread client : clients) {
                client.join();
            }
        }
        assertEquals(0, failures.get(), "no request failed; the first: " + firstFailure.get());

        cluster.await(WAIT, "slow to scale back down to 1 once nobody waits", () -> replicas("slow") == 1);
    }

    @Test
    void anAutoscalerWhoseTargetIsMissing_saysSoInAWarningAndItsStatus() {
        cluster.apply("""
                apiVersion: k4s.io/v1
                kind: HorizontalAutoscaler
                metadata: {name: orphan}
                spec:
                  scaleTargetRef: {kind: Deployment, name: nowhere}
                  maxReplicas: 2
                  metrics: [{type: MailboxDepth, averageValue: 5}]
                """, "orphan.yaml");

        Event missing = RecordedEvents.await(cluster, WAIT, "HorizontalAutoscaler", "default", "orphan",
                EventType.WARNING, "FailedGetScale", "the target ");
        assertTrue(missing.spec().message().contains("nowhere"), missing.spec().message());
        cluster.await(WAIT, "AbleToScale=False in status", () -> hpa("orphan").conditions().stream()
                .anyMatch(c -> c.type().equals(HorizontalAutoscalerStatus.ABLE_TO_SCALE) && !c.status()
                        && c.reason().equals("FailedGetScale")));
    }
}
