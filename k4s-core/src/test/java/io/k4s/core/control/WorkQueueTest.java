package io.k4s.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.core.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final WorkQueue<String> queue = new WorkQueue<>(scheduler, Duration.ofMillis(1), Duration.ofMillis(8));

    @AfterEach
    void stopScheduler() {
        queue.shutDown();
        scheduler.shutdownNow();
    }

    @Test
    void starved_isToldWhenAKeyWaitsWithNoTakerWaiting_notWhenOneWaits() throws Exception {
        AtomicInteger starved = new AtomicInteger();
        WorkQueue<String> q = new WorkQueue<>(scheduler, Duration.ofMillis(1), Duration.ofMillis(8),
                starved::incrementAndGet);

        q.add("a");
        assertEquals(1, starved.get(), "nobody waits for a");
        assertEquals("a", q.take());
        assertEquals(1, starved.get(), "nothing is left waiting after a was taken");

        CompletableFuture<String> taker = CompletableFuture.supplyAsync(() -> {
            try {
                return q.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until(() -> q.hasTakers(), "the second taker to wait");
        q.add("b");
        q.add("c");
        assertEquals("b", Await.result(taker));
        assertEquals(2, starved.get(), "b went to the waiting taker; c is left with nobody waiting for it");
        q.done("a");
        q.done("b");
    }

    @Test
    void add_dedupesKeyThatIsWaiting() throws InterruptedException {
        queue.add("a");
        queue.add("b");
        queue.add("a");

        assertEquals(2, queue.size());
        assertEquals("a", queue.poll(Duration.ZERO));
        assertEquals("b", queue.poll(Duration.ZERO));
        assertNull(queue.poll(Duration.ZERO));
    }

    @Test
    void keyAddedWhileProcessing_isNotHandedOut_andIsRequeuedOnDone() throws InterruptedException {
        queue.add("a");
        String taken = queue.take();

        queue.add("a");
        queue.add("a");

        assertEquals(0, queue.size(), "a key in progress must not be handed to a second taker");
        assertNull(queue.poll(Duration.ZERO));
        queue.done(taken);
        assertEquals(1, queue.size(), "the change seen during processing is queued once");
        assertEquals("a", queue.poll(Duration.ZERO));
    }

    @Test
    void keyNotAddedDuringProcessing_isNotRequeued() throws InterruptedException {
        queue.add("a");
        queue.done(queue.take());

        assertEquals(0, queue.size());
        assertTrue(queue.idle());
    }

    @Test
    void oneKeyIsNeverProcessedByTwoThreadsAtOnce_andTheLastChangeIsSeen() throws InterruptedException {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicLong latest = new AtomicLong();
        AtomicLong seen = new AtomicLong(-1);
        List<Thread> takers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            takers.add(Thread.ofVirtual().start(() -> {
                try {
                    for (String key = queue.take(); key != null; key = queue.take()) {
                        if (active.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        long version = latest.get();
                        for (int spin = 0; spin < 100; spin++) {
                            Thread.onSpinWait();
                        }
                        seen.accumulateAndGet(version, Math::max);
                        active.decrementAndGet();
                        queue.done(key);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        int changes = 20_000;
        for (int i = 1; i <= changes; i++) {
            latest.set(i);
            queue.add("k");
        }

        Await.until(WAIT, () -> seen.get() == changes, "the last change to be processed");
        queue.shutDown();
        for (Thread t : takers) {
            assertTrue(t.join(WAIT), "takers end after shutDown");
        }
        assertEquals(0, overlaps.get(), "processings of one key overlapped");
    }

    @Test
    void addRateLimited_doublesPerFailure_upToMax_andForgetResets() {
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            delays.add(queue.addRateLimited("a"));
        }

        assertEquals(List.of(1L, 2L, 4L, 8L, 8L, 8L), delays.stream().map(Duration::toMillis).toList());
        assertEquals(6, queue.failures("a"));
        assertEquals(Duration.ofMillis(1), queue.addRateLimited("b"), "backoff is per key");

        queue.forget("a");

        assertEquals(0, queue.failures("a"));
        assertEquals(Duration.ofMillis(1), queue.addRateLimited("a"));
    }

    @Test
    void addRateLimited_queuesTheKeyAfterItsDelay() throws InterruptedException {
        queue.addRateLimited("a");

        assertEquals("a", queue.poll(WAIT));
    }

    @Test
    void addRateLimited_manyFailures_staysAtMax() {
        WorkQueue<String> q = new WorkQueue<>(scheduler, Duration.ofMillis(5), Duration.ofSeconds(10));
        Duration last = Duration.ZERO;
        for (int i = 0; i < 100; i++) {
            last = q.addRateLimited("a");
        }
        q.shutDown();

        assertEquals(Duration.ofSeconds(10), last);
    }

    @Test
    void addAfter_queuesLater_andAnEarlierDelayReplacesALaterOne() throws InterruptedException {
        queue.addAfter("a", Duration.ofHours(1));

        assertEquals(0, queue.size());
        assertEquals(1, queue.delayedSize());
        assertNull(queue.poll(Duration.ZERO));

        queue.addAfter("a", Duration.ofMillis(1));

        assertEquals("a", queue.poll(WAIT));
        Await.until(WAIT, () -> queue.delayedSize() == 0, "the one-hour delay to be dropped");
    }

    /**
     * Regression: this asserted {@code delayedSize() == 1} right after a 20 ms {@code addAfter},
     * which failed whenever the machine took longer than 20 ms to get there. The scheduler is now
     * held busy until the assertions are made, so the earlier delay cannot fire before them.
     */
    @Test
    void addAfter_laterDelayForAKeyWaitingForAnEarlierOne_isDropped() throws InterruptedException {
        CountDownLatch hold = new CountDownLatch(1);
        scheduler.execute(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        queue.addAfter("a", Duration.ofMillis(20));
        queue.addAfter("a", Duration.ofHours(1));

        assertEquals(1, queue.delayedSize(), "the one-hour delay was dropped: the key waits for the earlier one");
        assertNull(queue.poll(Duration.ZERO));
        hold.countDown();

        assertEquals("a", queue.poll(WAIT));
        Await.until(WAIT, () -> queue.delayedSize() == 0, "no delayed add left");
    }

    @Test
    void addAfter_zeroDelay_addsAtOnce() {
        queue.addAfter("a", Duration.ZERO);

        assertEquals(1, queue.size());
        assertEquals(0, queue.delayedSize());
    }

    @Test
    void shutDown_wakesWaitingTakers_withNull() throws InterruptedException {
        AtomicReference<String> got = new AtomicReference<>("not yet");
        Thread taker = Thread.ofVirtual().start(() -> {
            try {
                got.set(queue.take());
            } catch (InterruptedException e) {
                got.set("interrupted");
            }
        });
        Await.until(WAIT, () -> taker.getState() == Thread.State.WAITING, "the taker to block");

        queue.shutDown();

        assertTrue(taker.join(WAIT));
        assertNull(got.get());
    }

    @Test
    void shutDown_ignoresAdds_dropsQueuedKeys_andCancelsDelays() throws InterruptedException {
        queue.add("a");
        queue.addAfter("b", Duration.ofHours(1));

        queue.shutDown();
        queue.add("c");
        queue.addAfter("d", Duration.ofMillis(1));

        assertTrue(queue.isShutDown());
        assertNull(queue.take());
        assertNull(queue.poll(WAIT));
        assertEquals(0, queue.delayedSize());
    }

    @Test
    void done_forAKeyNotInProgress_isAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> queue.done("a"));

        assertTrue(e.getMessage().contains("done(a)"), e.getMessage());
    }

    @Test
    void idle_onlyWhenNothingQueuedOrInProgress() throws InterruptedException {
        assertTrue(queue.idle());
        queue.add("a");
        assertFalse(queue.idle());
        String key = queue.take();
        assertFalse(queue.idle(), "a key in progress is not idle");
        queue.done(key);
        assertTrue(queue.idle());
    }

    @Test
    void constructor_rejectsBaseAboveMax() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorkQueue<String>(scheduler, Duration.ofSeconds(2), Duration.ofSeconds(1)));

        assertTrue(e.getMessage().contains("must not exceed maxBackoff"), e.getMessage());
    }
}
