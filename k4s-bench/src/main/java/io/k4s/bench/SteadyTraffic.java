package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.core.K4sCluster;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Send requests to one address at a fixed rate and count the failures: steady traffic that
 * does not take the CPU from the cluster under measurement (a tight loop would).
 *
 * <p>Requests leave from the traffic's own scheduler thread; {@link #stop()} may be called from
 * any thread.
 */
final class SteadyTraffic {

    /** What the client saw: requests sent, and how many of them failed. */
    record Counts(long sent, long failed) {}

    private final ScheduledExecutorService scheduler;
    private final Set<CompletableFuture<Object>> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private SteadyTraffic(K4sCluster cluster, Address to, Duration every, Duration timeout) {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("traffic").factory());
        scheduler.scheduleAtFixedRate(() -> {
            CompletableFuture<Object> reply = cluster.messenger().request(to, "request " + sent.incrementAndGet(),
                    timeout);
            inFlight.add(reply);
            reply.whenComplete((value, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                }
                inFlight.remove(reply);
            });
        }, 0, every.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Start sending to {@code to}, one request {@code every} period, each with {@code timeout}. */
    static SteadyTraffic start(K4sCluster cluster, Address to, Duration every, Duration timeout) {
        return new SteadyTraffic(cluster, to, every, timeout);
    }

    /** Stop sending, wait until every request sent has completed (each has a timeout), and say what was seen. */
    Counts stop() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the traffic's scheduler did not stop");
        }
        for (CompletableFuture<Object> reply : Set.copyOf(inFlight)) {
            reply.handle((value, error) -> null).join();
        }
        return new Counts(sent.get(), failed.get());
    }
}
