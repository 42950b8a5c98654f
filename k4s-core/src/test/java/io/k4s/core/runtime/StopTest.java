package io.k4s.core.runtime;

import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.DeadLetter;
import io.k4s.api.K4sException;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerState.Phase;
import io.k4s.api.runtime.RuntimeEvent;
import io.k4s.core.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StopTest {

    private static final Address WORKER = Address.container("default", "w-0");
    private static final ResourceKey KEY = ResourceKey.of("w-0");

    private final RuntimeFixture k4s = new RuntimeFixture();

    @AfterEach
    void close() {
        k4s.close();
    }

    @Test
    void gracefulStop_leavesAtOnceAndDrainsWhatIsQueued() throws Exception {
        k4s.startReady("w-0", script(Map.of()));
        TestWorkers.Block block = new TestWorkers.Block();
        k4s.router.send(WORKER, block);
        block.awaitEntered();
        for (int i = 0; i < 5; i++) {
            k4s.router.send(WORKER, i);
        }
        List<CompletableFuture<Object>> requests = new ArrayList<>();
        for (int i = 5; i < 8; i++) {
            requests.add(k4s.router.request(WORKER, i));
        }

        CompletableFuture<Void> stopped = k4s.runtime.stop(KEY, Duration.ofSeconds(10));

        assertFalse(k4s.state("w-0").ready());
        assertEquals(Phase.TERMINATING, k4s.state("w-0").phase());
        assertThrows(ContainerTerminatedException.class, () -> k4s.router.send(WORKER, "late"));
        assertSame(stopped, k4s.runtime.stop(KEY, Duration.ofMinutes(1)), "stop is idempotent");
        block.release();
        Await.result(stopped);
        for (int i = 0; i < 3; i++) {
            assertEquals(5 + i, Await.result(requests.get(i)));
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), List.copyOf(TestWorkers.handled("default/w-0")));
        assertEquals(1, TestWorkers.STOPS.get("default/w-0").get());
        assertEquals(0, k4s.router.deadLetters().count());
        assertTrue(k4s.runtime.state(KEY).isEmpty(), "a stopped container is forgotten");
        assertThrows(ContainerNotFoundException.class, () -> k4s.router.send(WORKER, "gone"));
        List<RuntimeEvent.Type> events = k4s.events.stream().map(RuntimeEvent::type).toList();
        assertEquals(List.of(RuntimeEvent.Type.STARTED, RuntimeEvent.Type.TERMINATING, RuntimeEvent.Type.STOPPED),
                events);
        assertTrue(Await.result(k4s.runtime.stop(ResourceKey.of("never-was"), Duration.ZERO)) == null);
    }

    @Test
    void stopWithoutGrace_failsQueuedRequestsAndDeadLettersQueuedSends() throws Exception {
        k4s.startReady("w-0", script(Map.of()));
        TestWorkers.Block block = new TestWorkers.Block();
        CompletableFuture<Object> blocked = k4s.router.request(WORKER, block);
        block.awaitEntered();
        CompletableFuture<Object> queued1 = k4s.router.request(WORKER, "q1");
        CompletableFuture<Object> queued2 = k4s.router.request(WORKER, "q2");
        k4s.router.send(WORKER, "s1");
        k4s.router.send(WORKER, "s2");

        Await.result(k4s.runtime.stop(KEY, Duration.ZERO));

        assertInstanceOf(InterruptedException.class, Await.failure(blocked).getCause(),
                "the handler that overran the grace period is interrupted");
        for (CompletableFuture<Object> queued : List.of(queued1, queued2)) {
            ContainerTerminatedException e = assertInstanceOf(ContainerTerminatedException.class, Await.failure(queued));
            assertEquals(WORKER, e.container());
        }
        List<DeadLetter> letters = k4s.router.deadLetters().recent();
        assertEquals(List.of("s1", "s2"), letters.stream().map(DeadLetter::payload).toList());
        assertTrue(letters.get(0).reason().contains("terminated"), letters.get(0).reason());
        assertTrue(TestWorkers.handled("default/w-0").isEmpty());
    }

    @Test
    void stopsDuringTraffic_loseNothing() throws Exception {
        int replicas = 8;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            names.add("s-" + i);
            k4s.startReady("s-" + i, script(Map.of()).withMailboxCapacity(200_000));
        }
        k4s.router.updateEndpoints(ResourceKey.of("s"), LoadBalancing.ROUND_ROBIN, names);
        int senders = 4;
        int each = 25_000;
        AtomicLong refused = new AtomicLong();
        List<CompletableFuture<Object>> requests = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int id = s;
            threads.add(Thread.ofPlatform().start(() -> {
                List<CompletableFuture<Object>> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    int n = id * each + i;
                    if (n % 10 == 0) {
                        mine.add(k4s.router.request(Address.service("s"), "r" + n));
                        continue;
                    }
                    try {
                        k4s.router.send(Address.service("s"), n);
                    } catch (K4sException e) {
                        refused.incrementAndGet();
                    }
                }
                synchronized (requests) {
                    requests.addAll(mine);
                }
            }));
        }
        for (int i = 0; i < replicas - 1; i++) {
            Await.result(k4s.runtime.stop(ResourceKey.of("s-" + i), i % 2 == 0 ? Duration.ZERO : Duration.ofMillis(1)));
        }
        for (Thread t : threads) {
            t.join();
        }
        Await.result(k4s.runtime.stop(ResourceKey.of("s-" + (replicas - 1)), Duration.ZERO));

        long handled = 0;
        for (String name : names) {
            handled += TestWorkers.handled("default/" + name).stream().filter(p -> p instanceof Integer).count();
        }
        long sent = (long) senders * each - requests.size();
        assertEquals(sent, handled + refused.get() + k4s.router.deadLetters().count(),
                "handled " + handled + " + refused " + refused + " + dead " + k4s.router.deadLetters().count());
        for (CompletableFuture<Object> r : requests) {
            Await.until(r::isDone, "every request completes");
        }
    }

    @Test
    void stopDuringAnExitsDrain_doesNotExtendTheExitsGracePeriod() throws Exception {
        k4s.startReady("w-0", script(Map.of()).withTerminationGracePeriod(Duration.ofMillis(500)));
        TestWorkers.Block first = new TestWorkers.Block();
        TestWorkers.Block second = new TestWorkers.Block();
        k4s.router.send(WORKER, first);
        first.awaitEntered();
        k4s.router.send(WORKER, "exit");
        CompletableFuture<Object> overran = k4s.router.request(WORKER, second);
        k4s.router.send(WORKER, "after");
        first.release();
        second.awaitEntered();

        CompletableFuture<Void> stopped = k4s.runtime.stop(KEY, Duration.ofMinutes(5));

        Await.result(stopped);
        assertInstanceOf(InterruptedException.class, Await.failure(overran).getCause(),
                "the exit's timer interrupts the handler that overran the exit's grace period");
        assertFalse(TestWorkers.handled("default/w-0").contains("after"),
                "the drain ended at the exit's deadline, not the stop's");
        assertEquals(List.of("after"), k4s.router.deadLetters().recent().stream().map(DeadLetter::payload).toList());
        second.release();
    }

    @Test
    void gracefulStop_waitsForReplyStagesStillOpen() {
        k4s.startReady("w-0", script(Map.of()));
        CompletableFuture<Object> later = new CompletableFuture<>();
        CompletableFuture<Object> reply = k4s.router.request(WORKER, new TestWorkers.Later(later));
        Await.until(() -> k4s.runtime.metrics(KEY).orElseThrow().pendingReplies() == 1, "the reply is pending");

        CompletableFuture<Void> stopped = k4s.runtime.stop(KEY, Duration.ofMinutes(1));
        assertFalse(stopped.isDone(), "the drain waits for the open reply");
        later.complete("late but in grace");

        Await.result(stopped);
        assertEquals("late but in grace", Await.result(reply));
        assertEquals(0, k4s.router.deadLetters().count());
    }

    @Test
    void replyStagesThatNeverComplete_areSettledAsTerminatedWhenTheContainerEnds() {
        k4s.startReady("w-0", script(Map.of()));
        CompletableFuture<Object> request = k4s.router.request(WORKER, new TestWorkers.Later(new CompletableFuture<>()));
        k4s.router.send(WORKER, new TestWorkers.Later(new CompletableFuture<>()));
        Await.until(() -> k4s.runtime.metrics(KEY).orElseThrow().pendingReplies() == 2, "both replies pending");

        Await.result(k4s.runtime.stop(KEY, Duration.ofMillis(20)));

        ContainerTerminatedException e = assertInstanceOf(ContainerTerminatedException.class, Await.failure(request));
        assertTrue(e.getMessage().contains("reply stage had not completed"), e.getMessage());
        List<DeadLetter> letters = k4s.router.deadLetters().recent();
        assertEquals(1, letters.size());
        assertTrue(letters.getFirst().reason().contains("reply stage had not completed"), letters.getFirst().reason());
    }
}
