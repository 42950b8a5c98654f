package io.k4s.core.runtime;

import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerLoad;
import io.k4s.api.runtime.ContainerMetrics;
import io.k4s.api.runtime.HandleTimes;
import io.k4s.api.runtime.MetricsSource;
import io.k4s.core.Await;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-container metrics view: what it counts, and that reading it takes no lock. */
class MetricsTest {

    private static final Address WORKER = Address.container("default", "w-0");
    private static final ResourceKey KEY = ResourceKey.of("w-0");

    private final RuntimeFixture k4s = new RuntimeFixture();

    @AfterEach
    void close() {
        k4s.close();
    }

    private ContainerMetrics metrics() {
        return k4s.runtime.metrics(KEY).orElseThrow();
    }

    @Test
    void metrics_countOutcomesBusyTimeAndEveryHandleInTheHistogram() {
        k4s.startReady("w-0", script(Map.of()));
        Await.result(k4s.router.request(WORKER, "one"));
        Await.result(k4s.router.request(WORKER, "two"));
        Await.failure(k4s.router.request(WORKER, "fail"));

        ContainerMetrics m = metrics();

        assertEquals(KEY, m.key());
        assertEquals(3, m.received());
        assertEquals(2, m.handled());
        assertEquals(1, m.failed());
        assertEquals(0, m.queued());
        assertEquals(0, m.pendingReplies());
        assertEquals(3, m.handleTimes().total());
        assertTrue(m.busyNanos() > 0, "busy time is counted");
        assertTrue(m.busyNanos() >= HandleTimes.lowerBoundNanos(highestBucket(m.handleTimes())),
                "the busy time covers the slowest handle");
        assertEquals(0, m.restarts());
        assertEquals(0, m.longHandles());
        assertEquals(List.of(m.key()), k4s.runtime.metrics().stream().map(ContainerMetrics::key).toList());
        assertEquals(Optional.empty(), k4s.runtime.metrics(ResourceKey.of("nobody")));
    }

    private static int highestBucket(HandleTimes times) {
        for (int b = HandleTimes.BUCKETS - 1; b > 0; b--) {
            if (times.count(b) > 0) {
                return b;
            }
        }
        return 0;
    }

    @Test
    void loadForAnAutoscaler_readsTheMetrics_busyTimeIncluded() {
        k4s.startReady("w-0", script(Map.of()));
        Await.result(k4s.router.request(WORKER, "one"));
        Await.failure(k4s.router.request(WORKER, "fail"));
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        MetricsSource source = MetricsSource.fromRuntime(k4s.runtime, Clock.fixed(at, ZoneOffset.UTC));

        ContainerLoad load = source.sample(KEY).orElseThrow();

        assertEquals(at, load.sampledAt());
        assertEquals(2, load.handled(), "a failed handle counts as handled");
        assertEquals(Duration.ofNanos(metrics().busyNanos()), load.busyTime());
        assertTrue(load.busyTime().toNanos() > 0, "busy time is measured, so BusyRatio can be scaled on");
        assertEquals(Optional.empty(), source.sample(ResourceKey.of("nobody")));
    }

    @Test
    void requestTimes_coverTheWaitInTheMailboxAndTheHandle_ofAnsweredRequestsOnly() throws Exception {
        k4s.startReady("w-0", script(Map.of()));
        TestWorkers.Block block = new TestWorkers.Block();
        CompletableFuture<Object> first = k4s.router.request(WORKER, block);
        block.awaitEntered();
        CompletableFuture<Object> second = k4s.router.request(WORKER, "second");
        CompletableFuture<Object> third = k4s.router.request(WORKER, "fail");
        long sent = System.nanoTime(); // both were handed over before this reading
        Await.until(() -> metrics().queued() == 2, "two requests to wait behind the block");
        long released = System.nanoTime();
        block.release();
        Await.result(first);
        Await.result(second);
        Await.failure(third);

        ContainerMetrics m = metrics();

        assertEquals(3, m.requestTimes().total(), "two replies and one failure are answers");
        // Each request's time covers its handle, and each queued one also the wait from before
        // `sent` until after `released`: a causal bound, not a timing guess.
        assertTrue(m.requestNanos() - m.busyNanos() >= 2 * (released - sent),
                "request time " + m.requestNanos() + " ns covers the handles (" + m.busyNanos()
                        + " ns) and the two waits in the mailbox (each over " + (released - sent) + " ns)");
        MessageCounters counters = k4s.runtime.state(KEY).orElseThrow().counters();
        assertEquals(3, counters.requests());
        assertEquals(Duration.ofMillis(m.requestNanos() / 1_000_000), counters.requestTime(), "to the millisecond");
        assertEquals(Optional.of(counters.requestTime().dividedBy(3)), counters.meanRequestTime());
        ContainerLoad load = MetricsSource.fromRuntime(k4s.runtime, Clock.systemUTC()).sample(KEY).orElseThrow();
        assertEquals(3, load.requests());
        assertEquals(Duration.ofNanos(m.requestNanos()), load.requestTime());

        k4s.router.send(WORKER, "a send has no answer to time");
        Await.until(() -> metrics().handled() == 3, "the send to be handled");
        assertEquals(3, metrics().requestTimes().total());
        assertEquals(m.requestNanos(), metrics().requestNanos());
    }

    @Test
    void requestTime_ofAReplyStage_endsWhenTheStageCompletes() {
        k4s.startReady("w-0", script(Map.of()));
        CompletableFuture<Object> later = new CompletableFuture<>();
        CompletableFuture<Object> reply = k4s.router.request(WORKER, new TestWorkers.Later(later));
        long sent = System.nanoTime(); // the request was handed over before this reading
        Await.until(() -> metrics().pendingReplies() == 1, "the reply is pending");
        assertEquals(0, metrics().requestTimes().total(), "the handle returned, but the request is not answered");
        long pending = System.nanoTime();

        later.complete("done");
        Await.result(reply);

        assertEquals(1, metrics().requestTimes().total());
        assertTrue(metrics().requestNanos() >= pending - sent, "the time to the stage's completion is counted: "
                + metrics().requestNanos() + " ns");
    }

    @Test
    void replyStage_isPendingUntilItCompletes_thenHandled() {
        k4s.startReady("w-0", script(Map.of()));
        CompletableFuture<Object> later = new CompletableFuture<>();
        CompletableFuture<Object> reply = k4s.router.request(WORKER, new TestWorkers.Later(later));
        Await.until(() -> metrics().pendingReplies() == 1, "the reply is pending");
        assertEquals(0, metrics().handled());

        later.complete("done");

        assertEquals("done", Await.result(reply));
        assertEquals(0, metrics().pendingReplies());
        assertEquals(1, metrics().handled());
    }

    @Test
    void readingMetrics_takesNoLockTheContainerHolds() throws Exception {
        k4s.startReady("w-0", script(Map.of()));
        LiveContainer live = k4s.runtime.live(KEY);

        CompletableFuture<ContainerMetrics> read;
        synchronized (live) {
            read = CompletableFuture.supplyAsync(this::metrics);
            Await.result(read);
        }
        assertTrue(read.isDone());
    }
}
