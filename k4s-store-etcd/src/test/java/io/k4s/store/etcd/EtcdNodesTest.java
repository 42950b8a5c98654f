package io.k4s.store.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.api.event.Event;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.DaemonSet;
import io.k4s.api.resource.Node;
import io.k4s.api.runtime.ContainerState;
import io.k4s.controllers.NodeLifecycleController;
import io.k4s.controllers.Scheduler;
import io.k4s.core.K4sCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several clusters in this JVM on one real etcd, each a node: the scheduler spreads, honours
 * nodeSelector and capacity; the controllers fail over to another node when the leader dies; the
 * containers of a node that stops renewing its lease are recreated on the others; a DaemonSet
 * follows nodes joining and leaving.
 */
class EtcdNodesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Map<String, K4sCluster> nodes = new LinkedHashMap<>();
    private final Map<String, EtcdBackend> backends = new LinkedHashMap<>();
    private String prefix;

    @BeforeEach
    void needsEtcd() {
        assumeTrue(EtcdServer.binary().isPresent(), EtcdServer::missing);
        prefix = Backends.freshPrefix();
    }

    @AfterEach
    void closeNodes() {
        nodes.values().forEach(K4sCluster::close);
    }

    /** Start node {@code name} on the test's etcd prefix, with a 2 s lease renewed every 500 ms. */
    private K4sCluster start(String name, Map<String, String> labels, Integer capacity) {
        var builder = K4sCluster.builder().node(name).nodeLabels(labels).lease(Duration.ofSeconds(2), Duration.ofMillis(500))
                .storage(kinds -> {
                    EtcdBackend backend = EtcdBackend.open(List.of(EtcdServer.shared().endpoint()), prefix, kinds,
                            Duration.ofSeconds(10));
                    backends.put(name, backend);
                    return backend;
                });
        if (capacity != null) {
            builder.nodeCapacity(capacity);
        }
        K4sCluster cluster = builder.start();
        nodes.put(name, cluster);
        return cluster;
    }

    private K4sCluster start(String name) {
        return start(name, Map.of(), null);
    }

    private static String replicaSet(String name, int replicas, String nodeSelector) {
        return """
                apiVersion: k4s.io/v1
                kind: ReplicaSet
                metadata: {name: %s}
                spec:
                  replicas: %d
                  template:
                    metadata: {labels: {app: %s}}
                    spec: {worker: echo%s}
                """.formatted(name, replicas, name, nodeSelector == null ? "" : ", nodeSelector: " + nodeSelector);
    }

    /** How many containers of {@code app} are bound to each node (unscheduled under "-"). */
    private static Map<String, Long> placement(K4sCluster any, String app) {
        return any.resources().list(Container.class, "default").items().stream()
                .filter(c -> app.equals(c.metadata().labels().get("app")) && !c.metadata().deleting())
                .collect(Collectors.groupingBy(c -> Objects.requireNonNullElse(c.spec().nodeName(), "-"), TreeMap::new,
                        Collectors.counting()));
    }

    private void awaitNodesReady(K4sCluster any, int count) {
        any.await(WAIT, count + " Ready nodes", () -> any.resources().list(Node.class, null).items().stream()
                .filter(Node::ready).count() == count);
    }

    /** Whether each node's runtime runs exactly the containers bound to it. */
    private boolean eachNodeRunsItsOwn(String app) {
        K4sCluster any = nodes.values().iterator().next();
        for (Container c : any.resources().list(Container.class, "default").items()) {
            if (!app.equals(c.metadata().labels().get("app")) || c.spec().nodeName() == null) {
                continue;
            }
            for (Map.Entry<String, K4sCluster> node : nodes.entrySet()) {
                boolean runs = node.getValue().runtime().state(c.key()).filter(s -> s.phase() == ContainerState.Phase.RUNNING)
                        .isPresent();
                if (runs != node.getKey().equals(c.spec().nodeName())) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void sixReplicas_onThreeNodes_runTwoOnEach_andEachNodeRunsOnlyItsOwn() {
        K4sCluster n1 = start("n1");
        start("n2");
        start("n3");
        awaitNodesReady(n1, 3);

        n1.apply(replicaSet("calc", 6, null));
        n1.awaitReady("calc", WAIT);

        assertEquals(Map.of("n1", 2L, "n2", 2L, "n3", 2L), placement(n1, "calc"));
        n1.await(WAIT, "every node to run exactly its containers", () -> eachNodeRunsItsOwn("calc"));
        Container any = n1.resources().list(Container.class, "default").items().getFirst();
        n1.await(WAIT, "a Scheduled event for " + any.metadata().name(), () -> n1.resources().list(Event.class,
                "default").items().stream().anyMatch(e -> e.spec().reason().equals("Scheduled")
                && e.spec().involvedObject().name().equals(any.metadata().name())));
        assertEquals(1, nodes.values().stream().filter(K4sCluster::leading).count(), "one leader");
    }

    @Test
    void nodeSelector_bindsOnlyToMatchingNodes_andAContainerThatFitsNowhereWaitsUntilANodeFits() {
        K4sCluster a = start("a", Map.of("zone", "a"), null);
        start("b", Map.of("zone", "b"), null);
        awaitNodesReady(a, 2);

        a.apply(replicaSet("web", 3, "{zone: b}"));
        a.awaitReady("web", WAIT);
        a.apply(replicaSet("gpu", 1, "{zone: c}"));
        a.await(WAIT, "gpu-0 to be Unschedulable", () -> a.resources().get(Container.class, "default", "gpu-0")
                .filter(c -> Scheduler.UNSCHEDULABLE.equals(c.status().reason())).isPresent());

        assertEquals(Map.of("b", 3L), placement(a, "web"));
        Container waiting = a.resources().get(Container.class, "default", "gpu-0").orElseThrow();
        assertEquals(ContainerPhase.PENDING, waiting.status().phase());
        assertTrue(waiting.status().message().contains("zone=c"), waiting.status().message());
        a.await(WAIT, "a FailedScheduling event", () -> a.resources().list(Event.class, "default").items().stream()
                .anyMatch(e -> e.spec().reason().equals("FailedScheduling")));

        start("c", Map.of("zone", "c"), null);
        a.awaitReady("gpu", WAIT);
        assertEquals(Map.of("c", 1L), placement(a, "gpu"));
    }

    @Test
    void capacity_isNeverExceeded_andWhatDoesNotFitIsUnschedulable() {
        K4sCluster n1 = start("n1", Map.of(), 2);
        start("n2", Map.of(), 2);
        awaitNodesReady(n1, 2);

        n1.apply(replicaSet("calc", 5, null));
        n1.await(WAIT, "four containers bound and one Unschedulable", () -> placement(n1, "calc")
                .equals(Map.of("n1", 2L, "n2", 2L, "-", 1L)) && n1.resources().list(Container.class, "default").items()
                .stream().filter(c -> c.spec().nodeName() == null)
                .allMatch(c -> Scheduler.UNSCHEDULABLE.equals(c.status().reason())));

        n1.scale("calc", 4);
        n1.awaitReady("calc", WAIT);
        assertEquals(Map.of("n1", 2L, "n2", 2L), placement(n1, "calc"));
    }

    @Test
    void leaderDies_anotherNodeLeads_andScalingStillReconciles() {
        K4sCluster n1 = start("n1");
        start("n2");
        start("n3");
        awaitNodesReady(n1, 3);
        n1.await(WAIT, "a leader", () -> nodes.values().stream().anyMatch(K4sCluster::leading));
        String leader = nodes.entrySet().stream().filter(e -> e.getValue().leading()).findFirst().orElseThrow().getKey();
        K4sCluster survivor = nodes.entrySet().stream().filter(e -> !e.getKey().equals(leader)).findFirst()
                .orElseThrow().getValue();
        survivor.apply(replicaSet("calc", 2, null));
        survivor.awaitReady("calc", WAIT);

        // Dies without a word: its etcd lease is not revoked, it runs out.
        backends.get(leader).election().abandon();
        nodes.remove(leader).close();
        survivor.await(WAIT, "another node to lead", () -> nodes.values().stream().anyMatch(K4sCluster::leading));
        survivor.scale("calc", 5);

        survivor.awaitReady("calc", WAIT);
        assertEquals(1, nodes.values().stream().filter(K4sCluster::leading).count(), "one leader");
        assertTrue(placement(survivor, "calc").keySet().stream().noneMatch(leader::equals), placement(survivor, "calc")
                .toString());
    }

    @Test
    void nodeStopsRenewingItsLease_turnsNotReady_andItsContainersAreRecreatedOnTheOthers() {
        K4sCluster n1 = start("n1");
        start("n2");
        start("n3");
        awaitNodesReady(n1, 3);
        n1.apply(replicaSet("calc", 6, null));
        n1.awaitReady("calc", WAIT);
        String victim = nodes.keySet().stream().filter(n -> !nodes.get(n).leading()).findFirst().orElseThrow();
        K4sCluster survivor = nodes.entrySet().stream().filter(e -> !e.getKey().equals(victim)).findFirst()
                .orElseThrow().getValue();

        nodes.remove(victim).close();
        survivor.await(WAIT, victim + "'s containers to run on the other nodes", () -> {
            Map<String, Long> placed = placement(survivor, "calc");
            return !placed.containsKey(victim) && !placed.containsKey("-")
                    && placed.values().stream().mapToLong(Long::longValue).sum() == 6;
        });
        survivor.awaitReady("calc", WAIT);

        Node dead = survivor.resources().get(Node.class, null, victim).orElseThrow();
        Node.NodeCondition ready = dead.status().condition(Node.READY).orElseThrow();
        assertEquals(Node.NodeCondition.Status.UNKNOWN, ready.status());
        assertEquals(NodeLifecycleController.NODE_STATUS_UNKNOWN, ready.reason());
        List<Long> perNode = new ArrayList<>(placement(survivor, "calc").values());
        assertEquals(List.of(3L, 3L), perNode, "spread over the two left");
        assertNotEquals(victim, survivor.nodeName());
    }

    private static String daemonSet(String greeting) {
        return """
                apiVersion: k4s.io/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  template:
                    metadata: {labels: {app: agent}}
                    spec: {worker: echo, params: {prefix: "%s"}}
                """.formatted(greeting);
    }

    @Test
    void daemonSet_runsOneContainerPerNode_asNodesJoinAndLeave_andRollsOutATemplateChange() {
        K4sCluster n1 = start("n1");
        n1.apply(daemonSet("a"));
        awaitDaemonSet(n1, Map.of("n1", 1L), 1);

        start("n2");
        start("n3");
        awaitDaemonSet(n1, Map.of("n1", 1L, "n2", 1L, "n3", 1L), 3);
        assertTrue(n1.resources().get(Container.class, "default", "agent-n2").isPresent(), "named DSNAME-NODENAME");

        String leaving = n1.leading() ? "n3" : "n1";
        K4sCluster stays = nodes.get("n2");
        nodes.remove(leaving).close();
        awaitDaemonSet(stays, leaving.equals("n3") ? Map.of("n1", 1L, "n2", 1L) : Map.of("n2", 1L, "n3", 1L), 2);

        stays.apply(daemonSet("b"));
        stays.await(WAIT, "every container of the new template, ready", () -> {
            DaemonSet ds = stays.resources().get(DaemonSet.class, "default", "agent").orElseThrow();
            return ds.status().observedGeneration() == ds.metadata().generation()
                    && ds.status().updatedNumberScheduled() == 2 && ds.status().numberReady() == 2
                    && ds.status().currentNumberScheduled() == 2;
        });
        assertTrue(stays.resources().list(Container.class, "default").items().stream()
                .filter(c -> "agent".equals(c.metadata().labels().get("app")))
                .allMatch(c -> "b".equals(c.spec().params().get("prefix"))), "the new template everywhere");
    }

    private void awaitDaemonSet(K4sCluster any, Map<String, Long> placed, int ready) {
        any.await(WAIT, "the DaemonSet on " + placed.keySet() + ", " + ready + " ready", () -> {
            DaemonSet ds = any.resources().get(DaemonSet.class, "default", "agent").orElseThrow();
            return placement(any, "agent").equals(placed) && ds.status().desiredNumberScheduled() == placed.size()
                    && ds.status().numberReady() == ready;
        });
    }
}
