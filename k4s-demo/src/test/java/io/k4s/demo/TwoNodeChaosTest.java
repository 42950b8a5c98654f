package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.DeadLetter;
import io.k4s.api.K4sException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Node;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Service;
import io.k4s.api.runtime.ContainerState;
import io.k4s.core.K4sCluster;
import io.k4s.core.ThreadCensus;
import io.k4s.core.chaos.ChaosBoard;
import io.k4s.core.chaos.ChaosDriver;
import io.k4s.core.chaos.ChaosLoad;
import io.k4s.core.chaos.ChaosWorker.Work;
import io.k4s.core.chaos.Tally;
import io.k4s.core.runtime.RuntimeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos run of {@code io.k4s.core.chaos.ClusterChaosTest} across two nodes, n1 and n2, that
 * share a real etcd and a real nats-server: the 8 replicas spread over both nodes, both nodes
 * send requests and fire-and-forget work to the RoundRobin Service (so about half of it crosses
 * NATS), and the seeded driver breaks things through either node's API.
 *
 * <p>Afterwards: every request future completed in time with the right value or a typed
 * exception; every fire-and-forget message sent from either node was handled, refused at send,
 * or recorded as a dead letter on one of the nodes (a refusal by the other node comes back to the
 * sender as a dead letter holding the refused payload); the
 * cluster converges to 8 Ready replicas on both nodes, each node routing to all 8; closing both
 * nodes leaves no k4s thread behind.
 *
 * <p>The short run is part of the normal suite (tag {@code chaos}); the long one (tags
 * {@code chaos} and {@code long}) runs for {@code -Dk4s.chaos.seconds} (default 120), see
 * docs/RELIABILITY.md. {@code -Dk4s.chaos.seed} replays a run. Both skip without etcd or
 * nats-server.
 */
@Tag("chaos")
class TwoNodeChaosTest {

    private static final int REPLICAS = 8;
    private static final List<String> NODES = List.of("n1", "n2");
    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    /** How much later than its timeout a request may complete on a busy machine: not a hang. */
    private static final Duration LATE_MARGIN = Duration.ofSeconds(5);
    /** How long after the chaos the last fire-and-forget outcomes (refusals over NATS) may take to arrive. */
    private static final Duration ACCOUNT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    private static EtcdAndNats servers;

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

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void chaosUnderLoad_onTwoNodes_short_losesNothingAndConverges() throws Exception {
        runChaos(Duration.ofSeconds(12), Long.getLong("k4s.chaos.seed", 20240619L));
    }

    @Test
    @Tag("long")
    void chaosUnderLoad_onTwoNodes_long_losesNothingAndConverges() throws Exception {
        long seconds = Long.getLong("k4s.chaos.seconds", 120);
        runChaos(Duration.ofSeconds(seconds), Long.getLong("k4s.chaos.seed", System.nanoTime()));
    }

    private static void runChaos(Duration duration, long seed) throws Exception {
        List<String> threadsBefore = ThreadCensus.liveK4sThreads();
        Tally deadLetters = new Tally();
        Tally otherDeadLetters = new Tally();
        List<ChaosLoad> loads = new ArrayList<>();
        ChaosDriver driver;
        Map<String, String> placement;
        long chaosNanos;
        try (ChaosBoard board = ChaosBoard.create()) {
            List<K4sCluster> nodes = new ArrayList<>();
            try {
                String prefix = "/two-node-chaos-" + seed + "-" + System.nanoTime();
                for (String name : NODES) {
                    K4sCluster node = servers.node(name, prefix)
                            .lease(Duration.ofSeconds(5), Duration.ofSeconds(1))
                            .runtimeConfig(RuntimeConfig.defaults().withBackoff(Duration.ofMillis(10),
                                    Duration.ofMillis(500), Duration.ofSeconds(2)))
                            .start();
                    nodes.add(node);
                    node.router().deadLetters().subscribe(letter -> count(letter, deadLetters, otherDeadLetters));
                }
                K4sCluster n1 = nodes.getFirst();
                n1.await(CONVERGE, "2 Ready nodes", () -> n1.resources().list(Node.class, null).items().stream()
                        .filter(Node::ready).count() == NODES.size());
                n1.apply(ChaosDriver.replicaSet(board.name, REPLICAS));
                n1.apply(ChaosDriver.SERVICE);
                awaitConverged(nodes);

                for (K4sCluster node : nodes) {
                    loads.add(new ChaosLoad(node.messenger(), Address.service(ChaosDriver.NAME), 1, 16, 32,
                            Duration.ofMillis(1), REQUEST_TIMEOUT, LATE_MARGIN));
                }
                driver = new ChaosDriver(nodes, board, seed, ChaosDriver.SERVICE);
                long start = System.nanoTime();
                loads.forEach(ChaosLoad::start);
                try {
                    driver.run(duration);
                } finally {
                    for (ChaosLoad load : loads) {
                        load.stop();
                    }
                }
                chaosNanos = System.nanoTime() - start;

                driver.restore(REPLICAS);
                n1.await(REQUEST_TIMEOUT.plus(LATE_MARGIN), "every request future to complete (pending: "
                                + loads.stream().mapToInt(l -> l.pending.size()).sum() + ")",
                        () -> loads.stream().allMatch(l -> l.pending.isEmpty()) && driver.faultsPending.sum() == 0);
                placement = awaitConverged(nodes);
                everyReplicaAnswersEveryNode(nodes);
                awaitAccounted(n1, loads, board, deadLetters);
            } finally {
                nodes.forEach(K4sCluster::close);
            }
            report(seed, chaosNanos, loads, driver, board, deadLetters, otherDeadLetters, placement);

            for (ChaosLoad load : loads) {
                assertEquals(Map.of(), load.violations, "contract violations of requests and sends");
                assertEquals(load.requested.sum(), load.replies.total(), "every request future completed");
            }
            assertEquals(Map.of(), driver.violations, "contract violations of fault requests");
            assertEquals(Map.of(), otherDeadLetters.snapshot(), "dead letters with a payload nobody sent");
            long sent = loads.stream().mapToLong(l -> l.sent.sum()).sum();
            assertEquals(sent, accounted(loads, board, deadLetters), "fire-and-forget: handled "
                    + board.handled.sum() + " + dead letters " + deadLetters + " + rejected " + rejected(loads)
                    + " must equal sent " + sent + ", also after both nodes closed");
            assertTrue(board.handled.sum() > 0, "some fire-and-forget work was handled");
        }
        assertNoNewK4sThreads(threadsBefore);
    }

    /**
     * Tally a dead letter: a {@link Work} by the reason's head (a refusal from the other node
     * comes back with its payload, as {@code refused by its node}); anything else as a letter
     * nobody sent.
     */
    private static void count(DeadLetter letter, Tally deadLetters, Tally others) {
        String reason = letter.reason();
        if (letter.payload() instanceof Work) {
            int colon = reason.indexOf(':');
            deadLetters.add(colon > 0 ? reason.substring(0, colon) : reason);
        } else {
            others.add(reason);
        }
    }

    private static long rejectedTotal(List<ChaosLoad> loads) {
        return loads.stream().mapToLong(l -> l.rejected.total()).sum();
    }

    private static Map<String, Long> rejected(List<ChaosLoad> loads) {
        Map<String, Long> all = new TreeMap<>();
        loads.forEach(l -> l.rejected.snapshot().forEach((k, v) -> all.merge(k, v, Long::sum)));
        return all;
    }

    private static long accounted(List<ChaosLoad> loads, ChaosBoard board, Tally deadLetters) {
        return board.handled.sum() + deadLetters.total() + rejectedTotal(loads);
    }

    /** Wait until every fire-and-forget message sent has an outcome, or fail naming the numbers. */
    private static void awaitAccounted(K4sCluster any, List<ChaosLoad> loads, ChaosBoard board, Tally deadLetters) {
        long sent = loads.stream().mapToLong(l -> l.sent.sum()).sum();
        try {
            any.await(ACCOUNT, "handled + dead letters + rejected == sent",
                    () -> accounted(loads, board, deadLetters) >= sent);
        } catch (K4sException e) {
            assertEquals(sent, accounted(loads, board, deadLetters), "fire-and-forget after the chaos: handled "
                    + board.handled.sum() + ", dead letters " + deadLetters + ", rejected " + rejected(loads));
        }
    }

    /**
     * Wait until the spec holds on both nodes: 8 Ready replicas bound to n1 and n2 (some on
     * each), each running on the node it is bound to and nowhere else, the Service listing them,
     * and both routers sending to all 8.
     *
     * @return container name to node name
     */
    private static Map<String, String> awaitConverged(List<K4sCluster> nodes) {
        List<String> names = IntStream.range(0, REPLICAS).mapToObj(i -> ChaosDriver.NAME + "-" + i).sorted().toList();
        ResourceKey key = ResourceKey.of(ChaosDriver.NAME);
        K4sCluster any = nodes.getFirst();
        Map<String, String> placement = new TreeMap<>();
        any.await(CONVERGE, "the chaos service to converge to " + names + " on " + NODES, () -> {
            ReplicaSet rs = any.resources().get(ReplicaSet.class, key).orElseThrow();
            List<Container> ready = any.resources().list(Container.class, "default").items().stream()
                    .filter(c -> c.status().ready() && !c.metadata().deleting()).toList();
            Map<String, String> bound = ready.stream().filter(c -> c.spec().nodeName() != null)
                    .collect(Collectors.toMap(c -> c.metadata().name(), c -> c.spec().nodeName(),
                            (a, b) -> a, TreeMap::new));
            Map<String, String> running = new HashMap<>();
            int runningCount = 0;
            for (K4sCluster node : nodes) {
                for (ContainerState s : node.runtime().list()) {
                    runningCount++;
                    if (s.phase() == ContainerState.Phase.RUNNING && s.ready()) {
                        running.put(s.key().name(), node.nodeName());
                    }
                }
            }
            List<String> endpoints = any.resources().get(Service.class, key)
                    .map(s -> s.status().endpoints()).orElse(List.of());
            placement.clear();
            placement.putAll(bound);
            return rs.status().readyReplicas() == REPLICAS && rs.status().replicas() == REPLICAS
                    && rs.status().observedGeneration() == rs.metadata().generation()
                    && ready.size() == REPLICAS && bound.keySet().equals(Set.copyOf(names))
                    && Set.copyOf(bound.values()).equals(Set.copyOf(NODES))
                    && running.equals(bound) && runningCount == REPLICAS
                    && endpoints.stream().sorted().toList().equals(names)
                    && nodes.stream().allMatch(n -> n.router().readyEndpoints(key) == REPLICAS);
        });
        return new TreeMap<>(placement);
    }

    /** Every replica answers a direct request from each node, and the Service answers on each node. */
    private static void everyReplicaAnswersEveryNode(List<K4sCluster> nodes) {
        for (K4sCluster from : nodes) {
            for (int i = 0; i < REPLICAS; i++) {
                long id = 7L * 1_000_003 + i;
                Number reply = (Number) from.messenger().request(Address.container(ChaosDriver.NAME + "-" + i),
                        new Work(id), Duration.ofSeconds(10)).join();
                assertEquals(id, reply.longValue(), "replica " + i + " answers node " + from.nodeName() + " after the chaos");
            }
            Number viaService = (Number) from.messenger().request(Address.service(ChaosDriver.NAME), new Work(1),
                    Duration.ofSeconds(10)).join();
            assertEquals(1L, viaService.longValue(), "the service answers node " + from.nodeName());
        }
    }

    /** No k4s thread is left that was not alive before the nodes started (waiting up to 10 s). */
    private static void assertNoNewK4sThreads(List<String> before) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> left = newThreads(before);
        while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            left = newThreads(before);
        }
        assertEquals(List.of(), left, "k4s threads still alive after both nodes closed");
    }

    private static List<String> newThreads(List<String> before) {
        List<String> now = new ArrayList<>(ThreadCensus.liveK4sThreads());
        before.forEach(now::remove);
        return now;
    }

    private static void report(long seed, long chaosNanos, List<ChaosLoad> loads, ChaosDriver driver,
                               ChaosBoard board, Tally deadLetters, Tally others, Map<String, String> placement) {
        double seconds = chaosNanos / 1e9;
        long sent = loads.stream().mapToLong(l -> l.sent.sum()).sum();
        long requested = loads.stream().mapToLong(l -> l.requested.sum()).sum();
        long slowest = loads.stream().mapToLong(l -> l.slowestReplyNanos.get()).max().orElse(0);
        StringBuilder b = new StringBuilder();
        b.append(String.format("%n== two-node chaos run: seed %d, %.1f s ==%n", seed, seconds));
        b.append(String.format("fire-and-forget sent      %,d%n", sent));
        b.append(String.format("  handled                 %,d%n", board.handled.sum()));
        b.append(String.format("  dead letters            %s%n", deadLetters));
        b.append(String.format("  rejected at send        %s%n", rejected(loads)));
        for (int i = 0; i < loads.size(); i++) {
            b.append(String.format("requests from %s          %,d: %s%n", NODES.get(i), loads.get(i).requested.sum(),
                    loads.get(i).replies));
        }
        b.append(String.format("  all requests            %,d, slowest completion %d ms%n", requested,
                TimeUnit.NANOSECONDS.toMillis(slowest)));
        b.append(String.format("chaos actions             %s%n", driver.actions));
        b.append(String.format("fault requests            %s%n", driver.faultReplies));
        b.append(String.format("worker starts             %,d (%,d failed on purpose)%n", board.starts.sum(),
                board.failedStarts.sum()));
        b.append(String.format("placement after           %s%n", placement));
        if (!others.snapshot().isEmpty()) {
            b.append(String.format("other dead letters        %s%n", others));
        }
        System.out.print(b);
    }
}
