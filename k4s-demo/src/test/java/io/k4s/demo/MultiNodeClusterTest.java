package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.DeadLetter;
import io.k4s.api.MailboxFullException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Node;
import io.k4s.core.K4sCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clusters in this JVM form one cluster the way three {@code serve} JVMs do: one real etcd
 * as their store, one real nats-server as their transport, a node name each. A ReplicaSet spreads
 * across the nodes, and a Service in front of it reaches the replicas on every node from any node.
 */
class MultiNodeClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static EtcdAndNats servers;
    private static int runs;

    private final Map<String, K4sCluster> nodes = new LinkedHashMap<>();

    @BeforeAll
    static void startServers() throws Exception {
        servers = EtcdAndNats.start(dir);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    /** Start nodes n1, n2, n3 on a key prefix of this test's own, with 2 s leases. */
    @BeforeEach
    void startNodes() {
        String prefix = "/multinode-" + ++runs;
        for (String name : List.of("n1", "n2", "n3")) {
            nodes.put(name, servers.node(name, prefix).lease(Duration.ofSeconds(2), Duration.ofMillis(500))
                    .defaultRequestTimeout(Duration.ofSeconds(10)).start());
        }
        K4sCluster n1 = nodes.get("n1");
        n1.await(WAIT, "3 Ready nodes", () -> n1.resources().list(Node.class, null).items().stream()
                .filter(Node::ready).count() == 3);
        CountingWorker.HANDLED.clear();
    }

    @AfterEach
    void closeNodes() {
        nodes.values().forEach(K4sCluster::close);
    }

    private static String calc(int replicas, int mailboxCapacity, String loadBalancing) {
        return """
                apiVersion: k4s.io/v1
                kind: ReplicaSet
                metadata: {name: calc}
                spec:
                  replicas: %d
                  template:
                    metadata: {labels: {app: calc}}
                    spec: {worker: counting, resources: {mailboxCapacity: %d}}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata: {name: calc}
                spec: {selector: {app: calc}, loadBalancing: %s}
                """.formatted(replicas, mailboxCapacity, loadBalancing);
    }

    /** Container name -> the node it is bound to, for the containers of {@code app}. */
    private static Map<String, String> placement(K4sCluster any, String app) {
        return any.resources().list(Container.class, "default").items().stream()
                .filter(c -> app.equals(c.metadata().labels().get("app")) && !c.metadata().deleting())
                .collect(Collectors.toMap(c -> c.metadata().name(),
                        c -> Objects.requireNonNullElse(c.spec().nodeName(), "-"), (a, b) -> a, TreeMap::new));
    }

    /** Apply {@code calc} on n1 and wait until every node routes to its 4 ready endpoints. */
    private Map<String, String> deployCalc(int mailboxCapacity, String loadBalancing) {
        K4sCluster n1 = nodes.get("n1");
        n1.apply(calc(4, mailboxCapacity, loadBalancing));
        n1.awaitReady("calc", WAIT);
        nodes.values().forEach(n -> n.awaitEndpoints("calc", 4, WAIT));
        Map<String, String> placed = placement(n1, "calc");
        assertEquals(Map.of("n1", 1L, "n2", 1L, "n3", 1L), placed.values().stream().distinct()
                .collect(Collectors.toMap(n -> n, n -> 1L)), "replicas on every node: " + placed);
        return placed;
    }

    private static Object reply(CompletableFuture<Object> request) throws Exception {
        return request.get(30, TimeUnit.SECONDS);
    }

    @Test
    void service_onThreeNodes_requestsFromEveryNodeReachTheReplicasOnEveryNode() throws Exception {
        Map<String, String> placed = deployCalc(100, "RoundRobin");

        for (K4sCluster from : nodes.values()) {
            List<CompletableFuture<Object>> requests = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                requests.add(from.messenger().request(Address.service("calc"), "who"));
            }
            Map<String, Long> perContainer = new TreeMap<>();
            for (CompletableFuture<Object> r : requests) {
                perContainer.merge((String) reply(r), 1L, Long::sum);
            }
            assertEquals(Map.of("calc-0", 10L, "calc-1", 10L, "calc-2", 10L, "calc-3", 10L), perContainer,
                    "round robin over the 4 replicas from node " + from.nodeName() + " (placement " + placed + ")");
        }
        // 120 requests, 30 to each replica: each node handled 30 per replica it runs.
        Map<String, Long> handledPerNode = new TreeMap<>();
        Map<String, Long> expected = new TreeMap<>();
        placed.forEach((container, node) -> {
            handledPerNode.merge(node, CountingWorker.HANDLED.get(container).sum(), Long::sum);
            expected.merge(node, 30L, Long::sum);
        });
        assertEquals(expected, handledPerNode, "handled per node, placement " + placed);
    }

    @Test
    void leastLoadedService_spansNodes() throws Exception {
        Map<String, String> placed = deployCalc(100, "LeastLoaded");
        K4sCluster n1 = nodes.get("n1");

        for (int i = 0; i < 60; i++) {
            assertTrue(placed.containsKey((String) reply(n1.messenger().request(Address.service("calc"), "who"))));
        }
        assertEquals(60, CountingWorker.handled("calc-"));
        assertTrue(placed.keySet().stream().filter(c -> CountingWorker.HANDLED.containsKey(c))
                .map(placed::get).distinct().count() > 1, "more than one node answered: " + CountingWorker.HANDLED);
    }

    @Test
    void fireAndForget_toAServiceOnThreeNodes_everyMessageHandledRefusedOrDead() {
        deployCalc(4, "RoundRobin");
        K4sCluster n1 = nodes.get("n1");
        int sent = 800;
        for (int i = 0; i < sent; i++) {
            n1.messenger().send(Address.service("calc"), i % 40 == 0 ? "sleep:20" : "m" + i);
        }

        n1.await(WAIT, "handled + dead letters (refusals included) == " + sent,
                () -> CountingWorker.handled("calc-") + deadLetters() == sent);
        // Refusals from the other nodes come back as dead letters of the sender, typed as in one JVM.
        long refused = n1.router().remoteRefusals();
        assertTrue(refused <= n1.deadLetterCount(), refused + " refusals, " + n1.deadLetterCount() + " dead on n1");
        assertTrue(CountingWorker.handled("calc-") > 0, "some handled");
        for (K4sCluster node : nodes.values()) {
            for (DeadLetter d : node.deadLetters()) {
                assertInstanceOf(MailboxFullException.class, d.cause(), d.toString());
            }
        }
    }

    private long deadLetters() {
        return nodes.values().stream().mapToLong(K4sCluster::deadLetterCount).sum();
    }
}
