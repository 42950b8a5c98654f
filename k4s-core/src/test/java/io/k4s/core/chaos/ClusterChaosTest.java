package io.k4s.core.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.DeadLetter;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Service;
import io.k4s.api.runtime.ContainerState;
import io.k4s.core.K4sCluster;
import io.k4s.core.ThreadCensus;
import io.k4s.core.chaos.ChaosWorker.Work;
import io.k4s.core.runtime.RuntimeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A service of 8 replicas under a steady stream of requests and fire-and-forget messages while
 * a seeded chaos driver breaks it; afterwards nothing hangs, every message is accounted for,
 * the cluster converges to its spec and close() leaves no thread behind.
 *
 * <p>The short run is part of the normal suite (tag {@code chaos}); the long one (tags
 * {@code chaos} and {@code long}) runs for {@code -Dk4s.chaos.seconds} (default 120), see
 * docs/RELIABILITY.md. {@code -Dk4s.chaos.seed} replays a run.
 */
@Tag("chaos")
class ClusterChaosTest {

    private static final int REPLICAS = 8;
    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    /** How much later than its timeout a request may complete on a busy machine: not a hang. */
    private static final Duration LATE_MARGIN = Duration.ofSeconds(5);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void chaosUnderLoad_short_losesNothingAndConverges() throws Exception {
        runChaos(Duration.ofSeconds(12), Long.getLong("k4s.chaos.seed", 20240601L));
    }

    @Test
    @Tag("long")
    void chaosUnderLoad_long_losesNothingAndConverges() throws Exception {
        long seconds = Long.getLong("k4s.chaos.seconds", 120);
        runChaos(Duration.ofSeconds(seconds), Long.getLong("k4s.chaos.seed", System.nanoTime()));
    }

    private static void runChaos(Duration duration, long seed) throws Exception {
        Tally deadLetters = new Tally();
        Tally otherDeadLetters = new Tally();
        ChaosLoad load;
        ChaosDriver driver;
        long handled;
        long startNanos;
        long chaosNanos;
        try (ChaosBoard board = ChaosBoard.create()) {
            K4sCluster cluster = K4sCluster.builder()
                    .runtimeConfig(RuntimeConfig.defaults().withBackoff(Duration.ofMillis(10),
                            Duration.ofMillis(500), Duration.ofSeconds(2)))
                    .start();
            try (cluster) {
                cluster.router().deadLetters().subscribe(letter -> count(letter, deadLetters, otherDeadLetters));
                cluster.apply(ChaosDriver.replicaSet(board.name, REPLICAS));
                cluster.apply(ChaosDriver.SERVICE);
                cluster.awaitReady(ChaosDriver.NAME, CONVERGE);
                cluster.awaitEndpoints(ChaosDriver.NAME, REPLICAS, CONVERGE);

                load = new ChaosLoad(cluster.messenger(), Address.service(ChaosDriver.NAME), 3, 16, 64,
                        Duration.ofMillis(1), REQUEST_TIMEOUT, LATE_MARGIN);
                driver = new ChaosDriver(cluster, board, seed, ChaosDriver.SERVICE);
                startNanos = System.nanoTime();
                load.start();
                try {
                    driver.run(duration);
                } finally {
                    load.stop();
                }
                chaosNanos = System.nanoTime() - startNanos;

                driver.restore(REPLICAS);
                Duration drain = REQUEST_TIMEOUT.plus(LATE_MARGIN);
                cluster.await(drain, "every request future to complete (pending: " + load.pending.size() + ")",
                        () -> load.pending.isEmpty() && driver.faultsPending.sum() == 0);
                awaitConverged(cluster);
                everyReplicaAnswers(cluster);
            }
            handled = board.handled.sum();
            report(seed, chaosNanos, load, driver, handled, deadLetters, otherDeadLetters, board);
        }

        assertEquals(Map.of(), load.violations, "contract violations of requests and sends");
        assertEquals(Map.of(), driver.violations, "contract violations of fault requests");
        assertEquals(Map.of(), otherDeadLetters.snapshot(), "dead letters with a payload nobody sent");
        assertEquals(load.requested.sum(), load.replies.total(), "every request future completed");
        long rejected = load.rejected.total();
        assertEquals(load.sent.sum(), handled + deadLetters.total() + rejected,
                "fire-and-forget: handled " + handled + " + dead letters " + deadLetters + " + rejected "
                        + load.rejected + " must equal sent " + load.sent.sum());
        assertTrue(handled > 0, "some fire-and-forget work was handled");
        assertNoK4sThreads();
    }

    private static void count(DeadLetter letter, Tally deadLetters, Tally others) {
        if (letter.payload() instanceof Work) {
            String reason = letter.reason();
            int colon = reason.indexOf(':');
            deadLetters.add(colon > 0 ? reason.substring(0, colon) : reason);
        } else {
            others.add(letter.reason());
        }
    }

    /** The spec holds again: ready replicas, store endpoints, router view and runtime agree. */
    private static void awaitConverged(K4sCluster cluster) {
        List<String> names = IntStream.range(0, REPLICAS).mapToObj(i -> ChaosDriver.NAME + "-" + i).sorted().toList();
        ResourceKey service = ResourceKey.of(ChaosDriver.NAME);
        cluster.await(CONVERGE, "the chaos service to converge to " + names, () -> {
            ReplicaSet rs = cluster.resources().get(ReplicaSet.class, service).orElseThrow();
            List<String> ready = cluster.resources().list(Container.class, "default").items().stream()
                    .filter(c -> c.status().ready()).map(c -> c.metadata().name()).sorted().toList();
            List<String> running = cluster.runtime().list().stream()
                    .filter(s -> s.phase() == ContainerState.Phase.RUNNING && s.ready())
                    .map(s -> s.key().name()).sorted().toList();
            List<String> endpoints = cluster.resources().get(Service.class, service)
                    .map(s -> s.status().endpoints()).orElse(List.of());
            return rs.status().readyReplicas() == REPLICAS && rs.status().replicas() == REPLICAS
                    && rs.status().observedGeneration() == rs.metadata().generation()
                    && ready.equals(names) && running.equals(names) && endpoints.equals(names)
                    && cluster.router().readyEndpoints(service) == REPLICAS
                    && cluster.runtime().list().size() == REPLICAS;
        });
    }

    private static void everyReplicaAnswers(K4sCluster cluster) {
        for (int i = 0; i < REPLICAS; i++) {
            Object reply = cluster.messenger().request(Address.container(ChaosDriver.NAME + "-" + i),
                    new Work(7L * 1_000_003 + i), Duration.ofSeconds(10)).join();
            assertEquals(7L * 1_000_003 + i, reply, "replica " + i + " answers after the chaos");
        }
        Object viaService = cluster.messenger().request(Address.service(ChaosDriver.NAME), new Work(1),
                Duration.ofSeconds(10)).join();
        assertEquals(1L, viaService);
    }

    private static void assertNoK4sThreads() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> live = ThreadCensus.liveK4sThreads();
        while (!live.isEmpty() && System.nanoTime() - deadline < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            live = ThreadCensus.liveK4sThreads();
        }
        assertEquals(List.of(), live, "k4s threads still alive after close()");
    }

    private static void report(long seed, long chaosNanos, ChaosLoad load, ChaosDriver driver, long handled,
                               Tally deadLetters, Tally others, ChaosBoard board) {
        double seconds = chaosNanos / 1e9;
        long messages = load.sent.sum() + load.requested.sum();
        StringBuilder b = new StringBuilder();
        b.append(String.format("%n== chaos run: seed %d, %.1f s ==%n", seed, seconds));
        b.append(String.format("messages attempted        %,d (%,.0f per second)%n", messages, messages / seconds));
        b.append(String.format("fire-and-forget sent      %,d%n", load.sent.sum()));
        b.append(String.format("  handled                 %,d (%,.0f per second)%n", handled, handled / seconds));
        b.append(String.format("  dead letters            %s%n", deadLetters));
        b.append(String.format("  rejected at send        %s%n", load.rejected));
        b.append(String.format("requests                  %,d: %s%n", load.requested.sum(), load.replies));
        b.append(String.format("  slowest completion      %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(load.slowestReplyNanos.get())));
        b.append(String.format("chaos actions             %s%n", driver.actions));
        b.append(String.format("fault requests            %s%n", driver.faultReplies));
        b.append(String.format("worker starts             %,d (%,d failed on purpose)%n", board.starts.sum(),
                board.failedStarts.sum()));
        if (!others.snapshot().isEmpty()) {
            b.append(String.format("other dead letters        %s%n", others));
        }
        System.out.print(b);
    }
}
