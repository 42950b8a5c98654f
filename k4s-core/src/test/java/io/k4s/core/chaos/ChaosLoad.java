package io.k4s.core.chaos;

import io.k4s.api.Address;
import io.k4s.api.K4sException;
import io.k4s.api.Messenger;
import io.k4s.core.chaos.ChaosWorker.Work;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Several producer threads that send a steady stream of fire-and-forget work and requests to
 * one service (plain, waiting for room, or trying), and account for every outcome.
 *
 * <p>{@link #start()} and {@link #stop()} from the test thread; the tallies are thread-safe.
 */
public final class ChaosLoad {

    /** How long a waiting send or request waits for room. */
    static final Duration SEND_WAIT = Duration.ofMillis(5);

    /** A request still waiting for its future. */
    public record Pending(long id, long issuedNanos) {}

    private final Messenger messenger;
    private final Address target;
    private final int producers;
    private final int requestEvery;
    private final int batch;
    private final Duration pause;
    public final Duration requestTimeout;
    private final Duration lateMargin;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean running;

    /** Fire-and-forget sends attempted. */
    public final LongAdder sent = new LongAdder();
    /** Sends refused synchronously, by exception class. */
    public final Tally rejected = new Tally();
    /** Requests issued, and how each future completed ("ok" or the exception class). */
    public final LongAdder requested = new LongAdder();
    public final Tally replies = new Tally();
    /** Outcomes that break a contract, with an example each. */
    public final Map<String, String> violations = new ConcurrentHashMap<>();
    public final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    public final AtomicLong slowestReplyNanos = new AtomicLong();

    public ChaosLoad(Messenger messenger, Address target, int producers, int requestEvery, int batch, Duration pause,
              Duration requestTimeout, Duration lateMargin) {
        this.messenger = messenger;
        this.target = target;
        this.producers = producers;
        this.requestEvery = requestEvery;
        this.batch = batch;
        this.pause = pause;
        this.requestTimeout = requestTimeout;
        this.lateMargin = lateMargin;
    }

    public void start() {
        running = true;
        for (int i = 0; i < producers; i++) {
            Thread t = Thread.ofPlatform().name("chaos-producer-" + i).start(this::produce);
            threads.add(t);
        }
    }

    /** Stop producing and wait for the producer threads to end. */
    public void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join();
        }
    }

    private void produce() {
        while (running) {
            for (int i = 0; i < batch; i++) {
                long id = ids.incrementAndGet();
                if (id % requestEvery == 0) {
                    request(id);
                } else {
                    send(id);
                }
            }
            LockSupport.parkNanos(pause.toNanos());
        }
    }

    /**
     * Send one piece of work in one of three ways, by its id: a plain send, a send that waits up
     * to {@link #SEND_WAIT} for room, or a trySend (a {@code false} counts as rejected).
     */
    private void send(long id) {
        sent.increment();
        try {
            switch ((int) (id % 3)) {
                case 0 -> messenger.send(target, new Work(id));
                case 1 -> messenger.send(target, new Work(id), SEND_WAIT);
                default -> {
                    if (!messenger.trySend(target, new Work(id))) {
                        rejected.add("trySend: full");
                    }
                }
            }
        } catch (K4sException e) {
            rejected.add(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            rejected.add("interrupted");
            violations.putIfAbsent("a producer was interrupted, though nobody interrupts it", e.toString());
        } catch (RuntimeException e) {
            rejected.add("untyped " + e.getClass().getSimpleName());
            violations.putIfAbsent("send threw an untyped exception", e.toString());
        }
    }

    private void request(long id) {
        requested.increment();
        long issued = System.nanoTime();
        pending.put(id, new Pending(id, issued));
        try {
            // Every other request waits for room first; its timeout counts from when it was accepted.
            CompletableFuture<Object> reply = id % 2 == 0 ? messenger.request(target, new Work(id), requestTimeout)
                    : messenger.request(target, new Work(id), requestTimeout, SEND_WAIT);
            reply.whenComplete((value, error) -> completed(id, issued, value, error));
        } catch (InterruptedException e) {
            pending.remove(id);
            replies.add("interrupted");
            violations.putIfAbsent("a producer was interrupted, though nobody interrupts it", e.toString());
        } catch (RuntimeException e) {
            pending.remove(id);
            replies.add("threw " + e.getClass().getSimpleName());
            violations.putIfAbsent("request threw instead of failing its future", e.toString());
        }
    }

    private void completed(long id, long issued, Object value, Throwable error) {
        long took = System.nanoTime() - issued;
        slowestReplyNanos.accumulateAndGet(took, Math::max);
        if (took > requestTimeout.plus(SEND_WAIT).plus(lateMargin).toNanos()) {
            violations.putIfAbsent("a request completed later than its timeout plus "
                    + lateMargin.toMillis() + " ms", "request " + id + " took "
                    + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            replies.add("ok");
            // A reply from another node arrives as the smallest whole type that holds it (PayloadCodecs).
            if (!(value instanceof Number n && n.longValue() == id)) {
                violations.putIfAbsent("a request got a wrong reply", "request " + id + " got " + value);
            }
        } else if (cause instanceof K4sException) {
            replies.add(cause.getClass().getSimpleName());
        } else {
            replies.add("untyped " + cause.getClass().getSimpleName());
            violations.putIfAbsent("a request failed with an untyped exception", cause.toString());
        }
        pending.remove(id);
    }
}
