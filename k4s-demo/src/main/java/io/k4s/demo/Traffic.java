package io.k4s.demo;

import io.k4s.api.Address;
import io.k4s.core.K4sCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Send requests to one address at a steady rate, counting the replies by their prefix and the
 * failures: the client of the rolling-update demo. A fixed rate, not a tight loop, so the
 * client does not take the CPU from the cluster it watches.
 *
 * <p>Requests are sent from the traffic's own scheduler thread and counted on whatever thread
 * completes them; {@link #sent()} and {@link #stop()} may be called from any thread.
 */
final class Traffic implements AutoCloseable {

    /**
     * What the client saw.
     *
     * @param sent         requests sent
     * @param failed       requests that failed (error reply, no endpoint, timeout)
     * @param byPrefix     replies counted by their text up to and including the first ": "
     * @param firstFailure the first failure, if any
     */
    record Counts(long sent, long failed, Map<String, Long> byPrefix, Optional<Throwable> firstFailure) {
        /** Replies whose text started with {@code prefix}. */
        long replies(String prefix) {
            return byPrefix.getOrDefault(prefix, 0L);
        }
    }

    private final ScheduledExecutorService scheduler;
    private final Set<CompletableFuture<Object>> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, LongAdder> byPrefix = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    private Traffic(K4sCluster cluster, Address to, Duration every, Duration timeout) {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("traffic").factory());
        scheduler.scheduleAtFixedRate(() -> {
            CompletableFuture<Object> reply = cluster.messenger().request(to, "request " + sent.incrementAndGet(),
                    timeout);
            inFlight.add(reply);
            reply.whenComplete((value, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, error);
                } else {
                    String text = String.valueOf(value);
                    int colon = text.indexOf(": ");
                    byPrefix.computeIfAbsent(colon < 0 ? "" : text.substring(0, colon + 2), k -> new LongAdder())
                            .increment();
                }
                inFlight.remove(reply);
            });
        }, 0, every.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Start sending to {@code to}, one request {@code every} period, each with {@code timeout}. */
    static Traffic start(K4sCluster cluster, Address to, Duration every, Duration timeout) {
        return new Traffic(cluster, to, every, timeout);
    }

    /** Requests sent so far. */
    long sent() {
        return sent.get();
    }

    /** Stop sending, wait until every request sent has its reply or its failure, and say what was seen. */
    Counts stop() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the traffic's scheduler did not stop");
        }
        for (CompletableFuture<Object> reply : Set.copyOf(inFlight)) {
            // Each request has a timeout, so each completes; only the outcome, counted above, matters.
            reply.handle((value, error) -> null).join();
        }
        Map<String, Long> counts = new ConcurrentHashMap<>();
        byPrefix.forEach((k, v) -> counts.put(k, v.sum()));
        return new Counts(sent.get(), failed.get(), Map.copyOf(counts), Optional.ofNullable(firstFailure.get()));
    }

    /** Stop, if not stopped yet (the demo failed half way). */
    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
