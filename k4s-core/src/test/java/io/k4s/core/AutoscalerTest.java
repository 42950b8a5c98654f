package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.HorizontalAutoscaler;
import io.k4s.api.resource.HorizontalAutoscalerStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
        return cluster.resources().get(Deployment.class, "default", "web").orElseThrow().spec().replicas();
    }

    private HorizontalAutoscalerStatus hpa() {
        return cluster.resources().get(HorizontalAutoscaler.class, "default", "web").orElseThrow().status();
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
    }
}
