package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.controllers.ServiceReconciler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starting and closing a cluster, also when something goes wrong. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class K4sClusterLifecycleTest {

    @Test
    void failedStart_leavesNoThreadBehind() {
        // The ServiceReconciler is also found with ServiceLoader: two reconcilers of one name.
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> K4sCluster.builder().addReconciler(new ServiceReconciler()).start());
        assertTrue(e.getMessage().contains("ServiceReconciler"), e.getMessage());
        assertEquals(List.of(), ThreadCensus.liveK4sThreads());
    }

    @Test
    void closeFromAnInterruptedThread_stillStopsEverything_andKeepsTheInterrupt() {
        K4sCluster cluster = K4sCluster.start();
        cluster.apply("""
                kind: ReplicaSet
                metadata: {name: irq}
                spec: {replicas: 3, template: {spec: {worker: whoami}}}
                """);
        cluster.awaitReady("irq", Duration.ofSeconds(10));
        Thread.currentThread().interrupt();
        try {
            cluster.close();
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is restored");
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(), ThreadCensus.liveK4sThreads());
    }

    /** A kind no descriptor describes: Resource is open, but a cluster only stores kinds it knows. */
    record Gizmo(ObjectMeta metadata, String spec, String status) implements Resource {
        @Override
        public String kind() {
            return "Gizmo";
        }

        @Override
        public Gizmo withMetadata(ObjectMeta metadata) {
            return new Gizmo(metadata, spec, status);
        }

        @Override
        public Gizmo withStatus(Object status) {
            return new Gizmo(metadata, spec, (String) status);
        }
    }

    @Test
    void applyOfAKindNoDescriptorDescribes_isRefusedAndWritesNothing() {
        try (K4sCluster cluster = K4sCluster.start()) {
            long before = cluster.resources().resourceVersion();
            ManifestException e = assertThrows(ManifestException.class,
                    () -> cluster.apply(new Gizmo(ObjectMeta.of("g"), "red", null)));
            assertTrue(e.getMessage().startsWith("<api>:0:0: Gizmo \"g\": kind: kind Gizmo (" + Gizmo.class.getName()
                    + ") is not registered (known kinds: ConfigMap, Container, CronJob, DaemonSet, Deployment, Event,"
                    + " HorizontalAutoscaler, Image, Job, Lease, Namespace, Node, ReplicaSet, ResourceQuota, Secret, Service)"), e.getMessage());
            assertEquals(before, cluster.resources().resourceVersion());
        }
    }

    @Test
    void awaitOutlivesAWatchThatFellBehind() {
        try (K4sCluster cluster = K4sCluster.builder().watchBufferSize(16).start()) {
            cluster.apply("""
                    kind: ReplicaSet
                    metadata: {name: burst}
                    spec: {replicas: 200, template: {spec: {worker: whoami}}}
                    ---
                    kind: Service
                    metadata: {name: burst}
                    spec: {selector: "burst-*"}
                    """);
            cluster.awaitReady("burst", Duration.ofSeconds(30));
            cluster.awaitEndpoints("burst", 200, Duration.ofSeconds(30));
            assertTrue(cluster.messenger().request(Address.service("burst"), "x").join().toString()
                    .startsWith("burst-"));
        }
    }
}
