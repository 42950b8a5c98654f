package io.k4s.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;

import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.HorizontalAutoscaler;
import io.k4s.api.resource.HorizontalAutoscalerSpec;
import io.k4s.api.resource.HorizontalAutoscalerStatus;
import io.k4s.api.resource.MetricTarget;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ScaleTargetRef;
import io.k4s.api.resource.ScalingBehavior;
import io.k4s.api.resource.ScalingPolicy;
import io.k4s.api.resource.ScalingRules;
import io.k4s.api.runtime.ContainerLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class HorizontalAutoscalerReconcilerTest {

    private static final ResourceKey HPA = ResourceKey.of("web-hpa");

    private final Simulation sim = new Simulation();
    private final HorizontalAutoscalerReconciler reconciler = new HorizontalAutoscalerReconciler();
    private final ReplicaSetReconciler replicaSets = new ReplicaSetReconciler();
    /** Messages handled so far by each container, and the total rate the target receives. */
    private final Map<ResourceKey, Long> handled = new ConcurrentHashMap<>();
    private double totalRate;
    private final List<Integer> counts = new ArrayList<>();

    HorizontalAutoscalerReconcilerTest() {
        sim.metrics = key -> Optional.ofNullable(handled.get(key))
                .map(h -> new ContainerLoad(key, sim.clock.instant(), 0, h, null, 0, null));
    }

    private void target(int replicas, HorizontalAutoscalerSpec spec) throws Exception {
        sim.resources.create(ReplicaSet.of(ObjectMeta.of("web"), new ReplicaSetSpec(replicas,
                ContainerTemplate.of(Map.of("app", "web"), ContainerSpec.of("echo")))));
        sim.resources.create(HorizontalAutoscaler.of(ObjectMeta.of("web-hpa"), spec));
        settle();
    }

    private static HorizontalAutoscalerSpec spec(int min, int max, ScalingBehavior behavior) {
        return HorizontalAutoscalerSpec.of(ScaleTargetRef.replicaSet("web"), min, max,
                List.of(MetricTarget.messagesPerSecond(100))).withBehavior(behavior);
    }

    private void settle() throws Exception {
        sim.reconcileAll(replicaSets);
        sim.kubelet();
    }

    private int replicas() {
        return sim.resources.get(ReplicaSet.class, ResourceKey.of("web")).orElseThrow().spec().replicas();
    }

    private HorizontalAutoscalerStatus status() {
        return sim.resources.get(HorizontalAutoscaler.class, HPA).orElseThrow().status();
    }

    /** One second of load spread evenly over the ready containers, then one autoscaler sync. */
    private void second() throws Exception {
        List<Container> ready = sim.containers("web-").stream().filter(c -> c.status().ready()).toList();
        sim.clock.advance(Duration.ofSeconds(1));
        for (Container c : ready) {
            handled.merge(c.key(), Math.round(totalRate / ready.size()), Long::sum);
        }
        reconciler.reconcile(HPA, sim);
        settle();
        counts.add(replicas());
    }

    @Test
    void loadAboveTarget_scalesUpTo_ceilOfCurrentTimesRatio() throws Exception {
        target(2, spec(1, 10, ScalingBehavior.DEFAULT));
        totalRate = 500;
        second();
        second();

        assertEquals(5, replicas(), "2 x 250/100 = 5");
        assertEquals(5, status().desiredReplicas());
        assertEquals(250, status().currentMetrics().getFirst().averageValue(), 0.001);
        assertTrue(status().lastScaleTime() != null);
        verify(sim.log, atLeastOnce()).info(eq("HorizontalAutoscaler {}: {} {} -> {} replicas ({})"), any(), any(),
                any(), any(), anyString());
    }

    @Test
    void requestLatencyAboveTarget_scalesUp_andAnIdleTargetCountsZero_andComesDown() throws Exception {
        Map<ResourceKey, long[]> answered = new ConcurrentHashMap<>(); // requests, total nanos
        sim.metrics = key -> Optional.of(answered.computeIfAbsent(key, k -> new long[2]))
                .map(a -> new ContainerLoad(key, sim.clock.instant(), 0, a[0], null, a[0], Duration.ofNanos(a[1])));
        target(2, HorizontalAutoscalerSpec.of(ScaleTargetRef.replicaSet("web"), 1, 10,
                List.of(MetricTarget.requestLatency(Duration.ofMillis(50)))));
        for (int i = 0; i < 2; i++) {
            sim.clock.advance(Duration.ofSeconds(1));
            for (Container c : sim.containers("web-")) {
                long[] a = answered.computeIfAbsent(c.key(), k -> new long[2]);
                a[0] += 10;
                a[1] += 10 * Duration.ofMillis(150).toNanos();
            }
            reconciler.reconcile(HPA, sim);
            settle();
        }
        assertEquals(6, replicas(), "2 x 150 ms / 50 ms = 6");
        assertEquals(0.150, status().currentMetrics().getFirst().averageValue(), 1e-9);

        for (int i = 0; i < 10; i++) {
            second(); // no requests at all: nobody waits
        }
        assertEquals(1, replicas(), "an idle target's latency is 0, so it comes down to minReplicas");
        assertEquals(0.0, status().currentMetrics().getFirst().averageValue());
    }

    @Test
    void containerBeingDeleted_isLeftOutOfTheMeasurement() throws Exception {
        target(2, spec(1, 10, ScalingBehavior.DEFAULT));
        Container draining = sim.resources.get(Container.class, ResourceKey.of("web-1")).orElseThrow();
        sim.resources.update(draining.withMetadata(draining.metadata().withDeletion(sim.clock.instant(), null)));
        for (int i = 0; i < 2; i++) {
            sim.clock.advance(Duration.ofSeconds(1));
            handled.merge(ResourceKey.of("web-0"), 300L, Long::sum);
            handled.merge(ResourceKey.of("web-1"), 0L, Long::sum);
            reconciler.reconcile(HPA, sim);
        }

        assertEquals(300, status().currentMetrics().getFirst().averageValue(), 0.001,
                "web-0 alone: web-1 drains and takes no more traffic");
    }

    @Test
    void changeWithinTheTolerance_movesNothing() throws Exception {
        target(4, spec(1, 10, ScalingBehavior.DEFAULT));
        totalRate = 436;
        for (int i = 0; i < 5; i++) {
            second();
        }

        assertEquals(4, replicas(), "109 per container is within 10% of 100");
    }

    @Test
    void theCount_neverLeavesMinAndMax() throws Exception {
        target(2, spec(2, 6, ScalingBehavior.DEFAULT));
        totalRate = 100_000;
        for (int i = 0; i < 5; i++) {
            second();
        }
        assertEquals(6, replicas());
        Condition limited = status().conditions().stream()
                .filter(c -> c.type().equals(HorizontalAutoscalerStatus.SCALING_LIMITED)).findFirst().orElseThrow();
        assertTrue(limited.status());
        assertEquals("TooManyReplicas", limited.reason());

        totalRate = 0;
        for (int i = 0; i < 20; i++) {
            second();
        }
        assertEquals(2, replicas());
        assertTrue(counts.stream().allMatch(n -> n >= 2 && n <= 6), counts.toString());
    }

    @Test
    void scaleDown_waitsForTheStabilizationWindow() throws Exception {
        target(4, spec(1, 10, ScalingBehavior.DEFAULT));
        totalRate = 400;
        second();
        second();
        totalRate = 100;
        for (int i = 0; i < 4; i++) {
            second();
            assertEquals(4, replicas(), "within the 5 s window the recommendation of 4 at t=2 s holds");
        }
        second();

        assertEquals(1, replicas(), "5 s after the last recommendation of 4: 4 x 25/100 = 1");
    }

    @Test
    void scaleUpPolicy_limitsTheRate() throws Exception {
        ScalingRules oneAtATime = new ScalingRules(null, null, List.of(ScalingPolicy.containers(1,
                Duration.ofSeconds(2))));
        target(2, spec(1, 10, new ScalingBehavior(oneAtATime, null)));
        totalRate = 2000;
        for (int i = 0; i < 7; i++) {
            second();
        }

        assertEquals(List.of(2, 3, 3, 4, 4, 5, 5), counts, "one container per 2 s, however high the load");
        Condition limited = status().conditions().stream()
                .filter(c -> c.type().equals(HorizontalAutoscalerStatus.SCALING_LIMITED)).findFirst().orElseThrow();
        assertEquals("ScaleUpLimit", limited.reason());
    }

    @Test
    void targetAtZero_isLeftAlone() throws Exception {
        target(0, spec(1, 10, ScalingBehavior.DEFAULT));
        second();

        assertEquals(0, replicas());
        assertTrue(status().conditions().stream().anyMatch(c -> c.reason().equals("ScalingDisabled")));
    }

    @Test
    void metricReplicas_followsKubernetesReplicaCalculator() {
        assertEquals(3, MetricReplicas.desired(3, List.of(105.0, 105.0, 105.0), 0, 100), "within tolerance");
        assertEquals(4, MetricReplicas.desired(3, List.of(120.0, 120.0, 120.0), 0, 100), "ceil(3 x 1.2)");
        assertEquals(2, MetricReplicas.desired(4, List.of(40.0, 40.0, 40.0, 40.0), 0, 100), "ceil(4 x 0.4)");
        assertEquals(3, MetricReplicas.desired(4, List.of(10.0, 10.0), 2, 100),
                "two unmeasured containers count as at the target when scaling down: ceil(4 x 220/400)");
        assertEquals(4, MetricReplicas.desired(4, List.of(300.0), 3, 100),
                "three unmeasured containers count as idle when scaling up: 300/400 flips the direction, so stay");
        assertEquals(6, MetricReplicas.desired(4, List.of(300.0, 300.0), 2, 100), "ceil(4 x 600/400)");
    }
}
