package io.k4s.core.runtime;

import static io.k4s.core.runtime.RuntimeFixture.container;
import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.UnknownWorkerTypeException;
import io.k4s.api.WorkerContext;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.runtime.ContainerState.Phase;
import io.k4s.api.runtime.RuntimeEvent;
import io.k4s.core.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtualThreadRuntimeTest {

    private final RuntimeFixture k4s = new RuntimeFixture();

    @AfterEach
    void close() {
        k4s.close();
    }

    @Test
    void start_runsTheWorkerOnItsOwnNamedVirtualThread() {
        ContainerState state = k4s.startReady("team-a", "calc-0", script(Map.of()));

        assertEquals(Phase.RUNNING, state.phase());
        assertEquals("uid-calc-0", state.uid());
        assertEquals(0, state.restartCount());
        Thread thread = TestWorkers.THREADS.get("team-a/calc-0");
        assertTrue(thread.isVirtual());
        assertEquals("k4s-team-a/calc-0", thread.getName());
        assertEquals("calc-0", Await.result(k4s.router.request(Address.parse("team-a/container/calc-0"), "whoami")));
        Await.until(() -> !k4s.events.isEmpty(), "the STARTED event");
        RuntimeEvent started = k4s.events.peek();
        assertEquals(RuntimeEvent.Type.STARTED, started.type());
        assertEquals(ResourceKey.of("team-a", "calc-0"), started.state().key());
    }

    @Test
    void start_unknownWorkerTypeStartsNothing() {
        UnknownWorkerTypeException e = assertThrows(UnknownWorkerTypeException.class,
                () -> k4s.runtime.start(container("x-0", ContainerSpec.of("test-scrpt"))));

        assertTrue(e.getMessage().contains("did you mean \"test-script\""), e.getMessage());
        assertTrue(k4s.runtime.list().isEmpty());
        assertThrows(ContainerNotFoundException.class, () -> k4s.router.send(Address.container("x-0"), "hi"));
    }

    @Test
    void messages_toOneContainerAreHandledInSendOrder() {
        k4s.startReady("order-0", script(Map.of()).withMailboxCapacity(10_000));
        for (int i = 0; i < 10_000; i++) {
            k4s.router.send(Address.container("order-0"), i);
        }
        Queue<Object> handled = TestWorkers.handled("default/order-0");
        Await.until(() -> handled.size() == 10_000, "all 10000 messages handled");

        assertEquals(IntStream.range(0, 10_000).boxed().toList(), List.copyOf(handled));
        assertEquals(10_000, k4s.state("order-0").counters().processed());
        assertEquals(10_000, k4s.state("order-0").counters().received());
    }

    @Test
    void concurrentSenders_neverEnterTheWorkerTwiceAtOnce() throws Exception {
        k4s.startReady("busy-0", script(Map.of()).withMailboxCapacity(100_000));
        int senders = 8;
        int each = 2_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int id = s;
            List<CompletableFuture<Object>> mine = new ArrayList<>();
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < each; i++) {
                    if (i % 2 == 0) {
                        k4s.router.send(Address.container("busy-0"), id * each + i);
                    } else {
                        mine.add(k4s.router.request(Address.container("busy-0"), id * each + i));
                    }
                }
                synchronized (replies) {
                    replies.addAll(mine);
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        for (CompletableFuture<Object> reply : replies) {
            Await.result(reply);
        }
        Await.until(() -> TestWorkers.handled("default/busy-0").size() == senders * each, "all messages handled");

        assertEquals(0, TestWorkers.CONCURRENT_ENTRIES.get());
    }

    @Test
    void context_exposesIdentityParamsLabelsAndServices() {
        CompletableFuture<WorkerContext> seen = new CompletableFuture<>();
        TestWorkers.ContextProbe.SEEN = seen;
        k4s.runtime.start(container("team-b", "probe-0", ContainerSpec.of(TestWorkers.ContextProbe.class.getName(),
                Map.of("greeting", "hi", "count", 3)), Map.of("app", "probe"), 1));
        WorkerContext context = Await.result(seen);

        assertEquals("probe-0", context.containerName());
        assertEquals("team-b", context.namespace());
        assertEquals(Map.of("app", "probe"), context.labels());
        assertEquals("hi", context.params().string("greeting"));
        assertEquals(3, context.params().integer("count"));
        assertEquals(Address.container("team-b", "probe-0"), context.self());
        assertSame(RuntimeFixture.resources(), context.resources());
        assertEquals("k4s.container.team-b.probe-0", context.log().getName());
        assertSame(context.messenger(), context.messenger());
    }

    @Test
    void start_sameUidAndGenerationIsANoOp_aNewGenerationReplacesTheContainer() {
        ContainerState first = k4s.startReady("gen-0", script(Map.of()));
        Thread firstThread = TestWorkers.THREADS.get("default/gen-0");

        ContainerState again = k4s.runtime.start(container("gen-0", script(Map.of())));
        assertEquals(first.startedAt(), again.startedAt());
        assertEquals(1, TestWorkers.STARTS.get("default/gen-0").get());

        k4s.runtime.start(container("default", "gen-0", script(Map.of("v", 2)), Map.of(), 2));
        Await.until(() -> k4s.state("gen-0").generation() == 2 && k4s.state("gen-0").ready(), "generation 2 ready");
        Await.until(() -> !firstThread.isAlive(), "the first generation's thread ends");
        assertEquals(2, TestWorkers.STARTS.get("default/gen-0").get());
        assertEquals(1, TestWorkers.STOPS.get("default/gen-0").get());
        assertEquals("gen-0", Await.result(k4s.router.request(Address.container("gen-0"), "whoami")));
        assertEquals(1, k4s.runtime.list().size());
    }

    @Test
    void close_stopsEveryContainerAndLeavesNoThreadBehind() {
        TestWorkers.Block block = new TestWorkers.Block();
        k4s.startReady("a-0", script(Map.of()));
        k4s.startReady("b-0", script(Map.of()));
        k4s.router.send(Address.container("b-0"), block);

        k4s.runtime.close();

        assertFalse(TestWorkers.THREADS.get("default/a-0").isAlive());
        assertFalse(TestWorkers.THREADS.get("default/b-0").isAlive(), "a blocked handler is interrupted");
        assertTrue(k4s.runtime.list().isEmpty());
        assertThrows(IllegalStateException.class, () -> k4s.runtime.start(container("c-0", script(Map.of()))));
    }
}
