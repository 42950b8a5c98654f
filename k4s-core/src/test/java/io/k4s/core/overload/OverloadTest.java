package io.k4s.core.overload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.K4sException;
import io.k4s.api.MailboxFullException;
import io.k4s.api.runtime.ContainerState;
import io.k4s.core.K4sCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Producers far faster than consumers with bounded mailboxes: the heap stays bounded, senders
 * see MailboxFullException, and the service answers again once the load stops.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OverloadTest {

    private static final int ATTEMPTS = 2_000_000;
    private static final int PRODUCERS = 4;
    private static final int CAPACITY = 1000;
    private static final long HEAP_GROWTH_BOUND = 64L * 1024 * 1024;

    @Test
    void fastProducers_slowConsumers_heapStaysBounded_sendersSeeMailboxFull_andServiceRecovers() throws Exception {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    apiVersion: k4s.io/v1
                    kind: ReplicaSet
                    metadata: {name: slow}
                    spec:
                      replicas: 2
                      template:
                        spec:
                          worker: slow
                          mailboxCapacity: %d
                          params: {delay: 1ms}
                    ---
                    apiVersion: k4s.io/v1
                    kind: Service
                    metadata: {name: slow}
                    spec: {selector: "slow-*"}
                    """.formatted(CAPACITY));
            cluster.awaitReady("slow", Duration.ofSeconds(30));
            cluster.awaitEndpoints("slow", 2, Duration.ofSeconds(30));
            Address slow = Address.service("slow");

            long before = Heap.usedAfterGc();
            AtomicLong next = new AtomicLong();
            LongAdder accepted = new LongAdder();
            LongAdder full = new LongAdder();
            LongAdder requestsFull = new LongAdder();
            List<Thread> producers = new ArrayList<>();
            long start = System.nanoTime();
            for (int p = 0; p < PRODUCERS; p++) {
                producers.add(Thread.ofPlatform().start(() -> {
                    for (long i = next.getAndIncrement(); i < ATTEMPTS; i = next.getAndIncrement()) {
                        if (i % 1000 == 0) {
                            // Requests meet the same full mailboxes and must fail fast, not hang.
                            CompletableFuture<Object> f = cluster.messenger().request(slow, i, Duration.ofSeconds(30));
                            if (f.isCompletedExceptionally() && cause(f) instanceof MailboxFullException) {
                                requestsFull.increment();
                            }
                            continue;
                        }
                        try {
                            cluster.messenger().send(slow, i);
                            accepted.increment();
                        } catch (MailboxFullException e) {
                            full.increment();
                        }
                    }
                }));
            }
            for (Thread t : producers) {
                t.join();
            }
            long pushNanos = System.nanoTime() - start;
            long queued = queued(cluster);
            long after = Heap.usedAfterGc();

            System.out.printf("%n== overload: %,d send attempts from %d producers in %.1f s ==%n"
                            + "accepted %,d, MailboxFullException %,d, requests refused as full %,d%n"
                            + "queued at the end %,d (2 mailboxes of %d)%n"
                            + "heap used after GC: before %s, after %s, growth %s%n",
                    ATTEMPTS, PRODUCERS, pushNanos / 1e9, accepted.sum(), full.sum(), requestsFull.sum(), queued,
                    CAPACITY, Heap.mb(before), Heap.mb(after), Heap.mb(after - before));

            assertTrue(full.sum() > ATTEMPTS / 2, "most sends are refused with MailboxFullException: " + full.sum());
            assertTrue(queued <= 2L * CAPACITY, "mailboxes hold at most their capacity: " + queued);
            assertTrue(after - before < HEAP_GROWTH_BOUND, "heap grew by " + Heap.mb(after - before)
                    + " after " + ATTEMPTS + " send attempts; the bound is " + Heap.mb(HEAP_GROWTH_BOUND));

            // The load stopped: the mailboxes drain and new requests succeed.
            cluster.await(Duration.ofSeconds(60), "the slow mailboxes to drain", () -> queued(cluster) == 0);
            for (int i = 0; i < 20; i++) {
                assertEquals("again-" + i, cluster.messenger().request(slow, "again-" + i, Duration.ofSeconds(10)).join());
            }
        }
    }

    private static long queued(K4sCluster cluster) {
        return cluster.runtime().list().stream().map(ContainerState::counters).mapToLong(c -> c.queued()).sum();
    }

    private static Throwable cause(CompletableFuture<Object> f) {
        try {
            f.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        } catch (RuntimeException e) {
            if (e instanceof K4sException) {
                return e;
            }
            throw e;
        }
    }
}
