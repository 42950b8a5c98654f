package io.k4s.core.overload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k4s.api.Address;
import io.k4s.core.K4sCluster;
import io.k4s.core.ThreadCensus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many containers in one cluster (ReplicaSets of a no-op worker): all become ready, each answers
 * one request, then every ReplicaSet scales to 0 and every container thread is gone. Prints
 * the time of each phase and the heap.
 */
class ManyContainersTest {

    private static final int PER_REPLICA_SET = 1000;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void tenThousandContainers_becomeReady_answer_andScaleToZeroWithoutThreads() throws Exception {
        run(10_000);
    }

    @Test
    @Tag("long")
    void hundredThousandContainers_becomeReady_answer_andScaleToZeroWithoutThreads() throws Exception {
        run(Integer.getInteger("k4s.scale.containers", 100_000));
    }

    private static void run(int containers) throws Exception {
        int sets = Math.max(1, containers / PER_REPLICA_SET);
        Duration wait = Duration.ofSeconds(Math.max(60, containers / 500));
        long heapBefore = Heap.usedAfterGc();
        try (K4sCluster cluster = K4sCluster.start()) {
            long t0 = System.nanoTime();
            StringBuilder manifest = new StringBuilder();
            for (int s = 0; s < sets; s++) {
                manifest.append("""
                        apiVersion: k4s.io/v1
                        kind: ReplicaSet
                        metadata: {name: n%d}
                        spec:
                          replicas: %d
                          template: {spec: {worker: whoami, mailboxCapacity: 4}}
                        ---
                        """.formatted(s, PER_REPLICA_SET));
            }
            cluster.apply(manifest.toString());
            for (int s = 0; s < sets; s++) {
                cluster.awaitReady("n" + s, wait);
            }
            long ready = System.nanoTime();
            long heapReady = Heap.usedAfterGc();

            List<CompletableFuture<Object>> replies = new ArrayList<>(sets * PER_REPLICA_SET);
            for (int s = 0; s < sets; s++) {
                for (int i = 0; i < PER_REPLICA_SET; i++) {
                    replies.add(cluster.messenger().request(Address.container("n" + s + "-" + i), "ping", wait));
                }
            }
            for (int s = 0; s < sets; s++) {
                for (int i = 0; i < PER_REPLICA_SET; i++) {
                    assertEquals("n" + s + "-" + i + ": ping", replies.get(s * PER_REPLICA_SET + i).join());
                }
            }
            long answered = System.nanoTime();

            for (int s = 0; s < sets; s++) {
                cluster.scale("n" + s, 0);
            }
            for (int s = 0; s < sets; s++) {
                cluster.awaitReady("n" + s, wait);
            }
            cluster.await(wait, "every container to be gone from the runtime", () -> cluster.runtime().list().isEmpty());
            List<String> left = awaitNoContainerThreads(wait);
            long gone = System.nanoTime();
            System.out.printf("%n== %,d containers in %d ReplicaSets ==%n"
                            + "apply to all ready  %6.1f s%n"
                            + "one request each    %6.1f s%n"
                            + "scale to 0, no thread %6.1f s%n"
                            + "heap used after GC: before %s, all ready %s (%.1f KB per container)%n",
                    sets * PER_REPLICA_SET, sets, (ready - t0) / 1e9, (answered - ready) / 1e9, (gone - answered) / 1e9,
                    Heap.mb(heapBefore), Heap.mb(heapReady),
                    (heapReady - heapBefore) / 1024.0 / (sets * PER_REPLICA_SET));
            assertEquals(List.of(), left, "container threads left after scaling to 0");
        }
    }

    /** Container threads are named k4s-NAMESPACE/NAME; wait until none is alive. */
    private static List<String> awaitNoContainerThreads(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<String> left = ThreadCensus.liveK4sThreads().stream().filter(n -> n.startsWith("k4s-default/")).toList();
            if (left.isEmpty() || System.nanoTime() - deadline > 0) {
                return left.size() > 10 ? left.subList(0, 10) : left;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
