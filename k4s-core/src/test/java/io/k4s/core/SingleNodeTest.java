package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.DaemonSet;
import io.k4s.api.resource.Lease;
import io.k4s.api.resource.Node;
import io.k4s.api.resource.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One JVM is one node: it is Ready, everything is bound to it, and a DaemonSet runs one container on it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SingleNodeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private K4sCluster cluster = K4sCluster.start();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void oneJvm_isOneReadyNodeNamedLocal_andItsContainersAreBoundToIt() {
        cluster.apply("""
                kind: ReplicaSet
                metadata: {name: calc}
                spec: {replicas: 3, template: {metadata: {labels: {app: calc}}, spec: {worker: echo}}}
                """);
        ReplicaSet ready = cluster.awaitReady("calc", WAIT);

        List<Node> nodes = cluster.resources().list(Node.class, null).items();
        assertEquals(List.of(K4sClusterBuilder.DEFAULT_NODE_NAME), nodes.stream().map(n -> n.metadata().name()).toList());
        assertTrue(nodes.getFirst().ready(), "Ready: " + nodes.getFirst().status());
        assertEquals(3, ready.status().readyReplicas());
        assertTrue(cluster.resources().list(Container.class, "default").items().stream()
                .allMatch(c -> "local".equals(c.spec().nodeName())), "every container bound to local");
        assertTrue(cluster.resources().list(Lease.class, null).items().isEmpty(), "no lease to renew in one JVM");
        assertTrue(cluster.leading());
    }

    @Test
    void containerBoundByHandToAnotherNode_doesNotRunHere_andOneBoundHereDoes() {
        cluster.apply("""
                kind: Container
                metadata: {name: away}
                spec: {worker: echo, nodeName: elsewhere}
                ---
                kind: Container
                metadata: {name: here}
                spec: {worker: echo, nodeName: local}
                """);
        cluster.await(WAIT, "container here to run", () -> cluster.resources().get(Container.class, "default", "here")
                .filter(c -> c.status().ready()).isPresent());

        assertFalse(cluster.runtime().state(cluster.resources().get(Container.class, "default", "away").orElseThrow()
                .key()).isPresent(), "a container of another node is not run here");
        assertEquals("elsewhere", cluster.resources().get(Container.class, "default", "away").orElseThrow().spec()
                .nodeName(), "and the scheduler leaves a binding made by hand");
    }

    @Test
    void nodeNamedByTheBuilder_carriesItsLabels_andNodeSelectorsMatchThem() {
        cluster.close();
        cluster = K4sCluster.builder().node("box-1").nodeLabels(Map.of("disk", "ssd")).start();
        cluster.apply("""
                kind: ReplicaSet
                metadata: {name: fast}
                spec: {replicas: 2, template: {metadata: {labels: {app: fast}}, spec: {worker: echo, nodeSelector: {disk: ssd}}}}
                ---
                kind: DaemonSet
                metadata: {name: agent}
                spec: {template: {metadata: {labels: {app: agent}}, spec: {worker: echo}}}
                """);
        cluster.awaitReady("fast", WAIT);
        cluster.await(WAIT, "the DaemonSet's one container to be ready", () -> cluster.resources()
                .get(DaemonSet.class, "default", "agent").filter(d -> d.status().numberReady() == 1).isPresent());

        assertEquals("box-1", cluster.nodeName());
        assertEquals(Map.of("disk", "ssd"), cluster.resources().get(Node.class, null, "box-1").orElseThrow().metadata()
                .labels());
        assertEquals("box-1", cluster.resources().get(Container.class, "default", "agent-box-1").orElseThrow().spec()
                .nodeName());
    }
}
