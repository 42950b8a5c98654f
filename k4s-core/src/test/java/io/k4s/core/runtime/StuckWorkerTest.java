package io.k4s.core.runtime;

import static io.k4s.core.runtime.RuntimeFixture.container;
import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.DeadLetter;
import io.k4s.api.WorkerFailedException;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerState.Phase;
import io.k4s.core.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker that does not return (from a handler or from stop) holds only itself: the messages
 * behind it are settled when its grace period ends, its container ends without it, and close()
 * never waits longer than its bound.
 */
class StuckWorkerTest {

    private static final Address WORKER = Address.container("default", "w-0");
    private static final ResourceKey KEY = ResourceKey.of("w-0");

    private final RuntimeFixture k4s = new RuntimeFixture();

    @AfterEach
    void close() {
        TestWorkers.STOP_GATE.countDown();
        k4s.close();
    }

    @Test
    void graceOver_failsQueuedRequestsAndDeadLettersQueuedSends_whileTheHandlerNeverReturns() throws Exception {
        k4s.startReady("w-0", script(Map.of()));
        TestWorkers.Stubborn stuck = new TestWorkers.Stubborn();
        CompletableFuture<Object> held = k4s.router.request(WORKER, stuck);
        stuck.awaitEntered();
        CompletableFuture<Object> queued = k4s.router.request(WORKER, "q1", Duration.ofHours(1));
        k4s.router.send(WORKER, "s1");

        CompletableFuture<Void> stopped = k4s.runtime.stop(KEY, Duration.ofMillis(20));

        ContainerTerminatedException e = assertInstanceOf(ContainerTerminatedException.class, Await.failure(queued));
        assertTrue(e.getMessage().contains("grace period over"), e.getMessage());
        Await.until(() -> k4s.router.deadLetters().count() == 1, "the queued send is a dead letter");
        assertEquals("s1", k4s.router.deadLetters().recent().getFirst().payload());
        assertEquals(Phase.TERMINATING, k4s.state("w-0").phase(), "the stuck handler still holds its thread");
        assertFalse(stopped.isDone());

        stuck.release();
        Await.result(stopped);
        assertEquals("released", Await.result(held), "the handler's own message is still its own to answer");
        assertEquals(1, k4s.router.deadLetters().count());
        assertEquals(0, k4s.router.lateReplies(), "nothing was completed twice");
        assertEquals(1, TestWorkers.STOPS.get("default/w-0").get());
    }

    @Test
    void stopThatWaits_isInterruptedWhenTheGracePeriodEnds() {
        k4s.startReady("w-0", script(Map.of("stopSleeps", true)));

        Await.result(k4s.runtime.stop(KEY, Duration.ofMillis(20)));

        assertTrue(k4s.runtime.state(KEY).isEmpty(), "the container ended and was forgotten");
        Await.until(() -> TestWorkers.STOPS_INTERRUPTED.get() == 1, "the worker's stop was interrupted");
    }

    @Test
    void stopThatIgnoresInterrupts_doesNotHoldItsContainer_norClose() throws Exception {
        k4s.startReady("w-0", script(Map.of("stopHangs", true)));
        Thread thread = TestWorkers.THREADS.get("default/w-0");

        Await.result(k4s.runtime.stop(KEY, Duration.ofMillis(20)));

        assertTrue(k4s.runtime.state(KEY).isEmpty(), "the container ended without its stop");
        assertTrue(thread.isAlive(), "the worker's stop still runs: Java cannot end it");
        k4s.runtime.close();
        TestWorkers.STOP_GATE.countDown();
        thread.join();
    }

    @Test
    void containerReplacedByANewGeneration_isStillStoppedAndAwaitedByClose() throws Exception {
        k4s.runtime.start(container("default", "w-0", script(Map.of())
                .withTerminationGracePeriod(Duration.ofHours(1)), Map.of(), 1));
        Await.until(() -> k4s.state("w-0").ready(), "generation 1 ready");
        Thread old = TestWorkers.THREADS.get("default/w-0");
        TestWorkers.Block block = new TestWorkers.Block();
        CompletableFuture<Object> held = k4s.router.request(WORKER, block, Duration.ofHours(1));
        block.awaitEntered();
        k4s.runtime.start(container("default", "w-0", script(Map.of()), Map.of(), 2));
        Await.until(() -> k4s.state("w-0").ready() && k4s.state("w-0").generation() == 2, "generation 2 ready");
        assertTrue(old.isAlive(), "generation 1 drains within its hour");

        k4s.runtime.close();

        assertFalse(old.isAlive(), "close stopped the replaced container within the shutdown grace");
        WorkerFailedException e = assertInstanceOf(WorkerFailedException.class, Await.failure(held));
        assertInstanceOf(InterruptedException.class, e.getCause(), "its grace timer interrupted the handler");
        assertEquals(List.of(), k4s.router.deadLetters().recent().stream().map(DeadLetter::payload).toList());
    }
}
