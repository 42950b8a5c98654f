package io.k4s.core.runtime;

import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.Timer;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimerTest {

    private final RuntimeFixture k4s = new RuntimeFixture();

    @AfterEach
    void close() {
        k4s.close();
    }

    private long ticks(String container) {
        return TestWorkers.handled(container).stream().filter("tick:every"::equals).count();
    }

    @Test
    void every_deliversTicksIntoTheMailboxAndStopsWithTheContainer() {
        k4s.startReady("t-0", script(Map.of("tickEvery", "5ms")));
        Await.until(() -> ticks("default/t-0") >= 3, "three ticks");

        Await.result(k4s.runtime.stop(ResourceKey.of("t-0"), Duration.ofSeconds(1)));

        assertEquals(0, k4s.runtime.scheduledTasks(), "the container's timers are cancelled");
        assertEquals(0, k4s.router.deadLetters().count());
    }

    @Test
    void after_deliversOneTick() {
        k4s.startReady("t-0", script(Map.of("tickAfter", "1ms")));

        Await.until(() -> TestWorkers.handled("default/t-0").contains("tick:after"), "the tick");
        assertEquals(List.of("tick:after"), List.copyOf(TestWorkers.handled("default/t-0")));
        Await.until(() -> k4s.runtime.scheduledTasks() == 0, "no timer left");
    }

    @Test
    void tickIntoAFullMailbox_isDroppedAndCounted() throws Exception {
        k4s.startReady("t-0", script(Map.of("tickEvery", "1ms")).withMailboxCapacity(1));
        TestWorkers.Block block = new TestWorkers.Block();
        Await.until(() -> {
            try {
                k4s.router.send(Address.container("t-0"), block);
                return true;
            } catch (io.k4s.api.MailboxFullException full) {
                return false;
            }
        }, "the block accepted");
        block.awaitEntered();

        LiveContainer live = k4s.runtime.live(ResourceKey.of("t-0"));
        Await.until(() -> live.counters.ticksDropped() >= 3, "ticks dropped while the mailbox is full");
        block.release();
        assertEquals(0, k4s.router.deadLetters().count());
    }

    @Test
    void periodBelowOneMillisecond_isRefusedNamingTheLimit() {
        k4s.startReady("t-0", script(Map.of()));

        Throwable e = Await.failure(k4s.router.request(Address.container("t-0"),
                new TestWorkers.StartTimers(1, Duration.ofNanos(1))));

        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(cause.getMessage().contains("at least 1 ms (Timer.MIN_PERIOD)"), cause.getMessage());
        assertEquals(0, k4s.runtime.scheduledTasks());
    }

    @Test
    void timersBeyondTheCap_areRefusedNamingTheLimit() {
        k4s.startReady("t-0", script(Map.of()));
        Address t0 = Address.container("t-0");
        assertEquals(Timer.MAX_PER_CONTAINER, Await.result(k4s.router.request(t0,
                new TestWorkers.StartTimers(Timer.MAX_PER_CONTAINER, Duration.ofHours(1)))));

        Throwable e = Await.failure(k4s.router.request(t0, new TestWorkers.StartTimers(1, Duration.ofHours(1))));

        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(cause.getMessage().contains("Timer.MAX_PER_CONTAINER"), cause.getMessage());
        assertEquals(Timer.MAX_PER_CONTAINER, k4s.runtime.scheduledTasks());
    }

    @Test
    void ticksOfATimerThatTheWorkerHasNotTakenYet_areCoalescedIntoOne() throws Exception {
        k4s.startReady("t-0", script(Map.of("tickEvery", "1ms")));
        TestWorkers.Block block = new TestWorkers.Block();
        k4s.router.send(Address.container("t-0"), block);
        block.awaitEntered();

        LiveContainer live = k4s.runtime.live(ResourceKey.of("t-0"));
        long before = live.counters.ticksDropped();
        // A tick is dropped only while the previous one waits untaken, and none is taken now.
        Await.until(() -> live.counters.ticksDropped() >= before + 5, "ticks coalesced while the worker is busy");
        assertEquals(1, live.mailbox.queued(), "one tick waits, however many came due");
        block.release();
        Await.until(() -> ticks("default/t-0") >= 2, "ticks flow again once the worker takes them");
    }

    @Test
    void restartsAndGracePeriods_doNotWaitForTheWorkerTimerThread() throws Exception {
        CountDownLatch timerThreadBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        k4s.runtime.workerTimers().execute(() -> {
            timerThreadBusy.countDown();
            awaitUninterruptibly(release);
        });
        assertTrue(timerThreadBusy.await(10, TimeUnit.SECONDS));
        try {
            k4s.startReady("crash-0", script(Map.of()));
            k4s.router.send(Address.container("crash-0"), "crash");
            Await.until(() -> k4s.state("crash-0").restartCount() == 1 && k4s.state("crash-0").ready(),
                    "the crashed container restarted after its backoff");

            k4s.startReady("slow-0", script(Map.of()));
            TestWorkers.Block block = new TestWorkers.Block();
            CompletableFuture<Object> blocked = k4s.router.request(Address.container("slow-0"), block);
            block.awaitEntered();
            Await.result(k4s.runtime.stop(ResourceKey.of("slow-0"), Duration.ZERO));
            assertInstanceOf(InterruptedException.class, Await.failure(blocked).getCause(),
                    "the grace timer interrupted the handler");
        } finally {
            release.countDown();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // Hold the thread until the test releases it; close() interrupts it only later.
            }
        }
    }
}
