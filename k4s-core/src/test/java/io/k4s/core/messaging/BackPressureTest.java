package io.k4s.core.messaging;

import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.MailboxFullException;
import io.k4s.api.NoEndpointsException;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.Await;
import io.k4s.core.runtime.RuntimeFixture;
import io.k4s.core.runtime.TestWorkers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Waiting for room: send and request with maxWait, and a service that skips its full replicas. */
class BackPressureTest {

    private static final Address W0 = Address.container("default", "w-0");
    private static final Address POOL = Address.service("pool");
    private static final Duration LONG_WAIT = Duration.ofSeconds(60);

    private final RuntimeFixture k4s = new RuntimeFixture();
    private final List<TestWorkers.Block> blocks = new ArrayList<>();

    @AfterEach
    void close() {
        blocks.forEach(TestWorkers.Block::release);
        k4s.close();
    }

    /** Start {@code name} with a mailbox of {@code capacity}, hold its handler and fill its mailbox. */
    private TestWorkers.Block startFull(String name, int capacity) throws InterruptedException {
        k4s.startReady(name, script(Map.of()).withMailboxCapacity(capacity));
        TestWorkers.Block block = new TestWorkers.Block();
        blocks.add(block);
        Address to = Address.container("default", name);
        k4s.router.send(to, block);
        block.awaitEntered();
        for (int i = 0; i < capacity; i++) {
            k4s.router.send(to, "queued-" + i);
        }
        return block;
    }

    /** Run {@code body} on a new virtual thread; the future completes with its outcome. */
    private static CompletableFuture<Void> onVirtualThread(Body body, AtomicReference<Thread> thread) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.set(Thread.ofVirtual().start(() -> {
            try {
                body.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }));
        return done;
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void awaitParked(AtomicReference<Thread> thread, CompletableFuture<?> outcome) {
        Await.until(() -> {
            Thread.State state = thread.get().getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        }, "the sender to park, waiting for room");
        assertFalse(outcome.isDone(), "the sender waits instead of failing: " + outcome);
    }

    @Test
    void waitingSend_completesOnceTheConsumerMakesRoom() throws Exception {
        TestWorkers.Block block = startFull("w-0", 2);
        AtomicReference<Thread> sender = new AtomicReference<>();

        CompletableFuture<Void> sent = onVirtualThread(() -> k4s.router.send(W0, "waited", LONG_WAIT), sender);
        awaitParked(sender, sent);
        block.release();

        Await.result(sent);
        Await.until(() -> TestWorkers.handled("default/w-0").contains("waited"), "the waiting message handled");
        assertEquals(List.of("queued-0", "queued-1", "waited"), List.copyOf(TestWorkers.handled("default/w-0")));
    }

    @Test
    void waitingSend_failsWithMailboxFullAfterMaxWait_andSendsNothing() throws Exception {
        TestWorkers.Block block = startFull("w-0", 1);

        MailboxFullException e = assertThrows(MailboxFullException.class,
                () -> k4s.router.send(W0, "too late", Duration.ofMillis(30)));

        assertEquals(W0, e.container());
        assertEquals(Duration.ofMillis(30), e.waited());
        assertEquals(0, e.getStackTrace().length, "a refusal is cheap: no stack trace");
        assertTrue(e.getMessage().contains("no room came within the 30 ms the sender waited"), e.getMessage());
        block.release();
        Await.until(() -> k4s.state("w-0").counters().processed() == 2, "the block and the queued message handled");
        assertFalse(TestWorkers.handled("default/w-0").contains("too late"));
    }

    @Test
    void waitingSend_isWokenWhenTheContainerStops_andFailsTyped() throws Exception {
        startFull("w-0", 1);
        AtomicReference<Thread> sender = new AtomicReference<>();
        CompletableFuture<Void> sent = onVirtualThread(() -> k4s.router.send(W0, "never", LONG_WAIT), sender);
        awaitParked(sender, sent);

        k4s.runtime.stop(ResourceKey.of("w-0"), LONG_WAIT);

        ContainerTerminatedException e = assertInstanceOf(ContainerTerminatedException.class, Await.failure(sent),
                "woken by the stop, long before its 60 s wait ended");
        assertEquals(W0, e.container());
    }

    @Test
    void waitingSendToAService_failsTypedWhenItsLastReplicaStops() throws Exception {
        startFull("pool-0", 1);
        k4s.router.updateEndpoints(ResourceKey.of("pool"), LoadBalancing.ROUND_ROBIN, List.of("pool-0"));
        AtomicReference<Thread> sender = new AtomicReference<>();
        CompletableFuture<Void> sent = onVirtualThread(() -> k4s.router.send(POOL, "never", LONG_WAIT), sender);
        awaitParked(sender, sent);

        k4s.runtime.stop(ResourceKey.of("pool-0"), LONG_WAIT);

        assertInstanceOf(NoEndpointsException.class, Await.failure(sent));
    }

    @Test
    void waitingSend_interrupted_throwsInterruptedException_andSendsNothing() throws Exception {
        TestWorkers.Block block = startFull("w-0", 1);
        AtomicReference<Thread> sender = new AtomicReference<>();
        CompletableFuture<Void> sent = onVirtualThread(() -> k4s.router.send(W0, "interrupted", LONG_WAIT), sender);
        awaitParked(sender, sent);

        sender.get().interrupt();

        assertInstanceOf(InterruptedException.class, Await.failure(sent));
        block.release();
        Await.until(() -> k4s.state("w-0").counters().processed() == 2, "the block and the queued message handled");
        assertEquals(List.of("queued-0"), List.copyOf(TestWorkers.handled("default/w-0")));
    }

    @ParameterizedTest
    @EnumSource(LoadBalancing.class)
    void serviceSend_skipsAFullReplica_forOneWithRoom(LoadBalancing policy) throws Exception {
        startFull("pool-0", 1);
        k4s.startReady("pool-1", script(Map.of()).withMailboxCapacity(10_000));
        k4s.router.updateEndpoints(ResourceKey.of("pool"), policy, List.of("pool-0", "pool-1"));

        for (int i = 0; i < 200; i++) {
            k4s.router.send(POOL, i);
            assertTrue(k4s.router.trySend(POOL, -i - 1));
        }

        Await.until(() -> TestWorkers.handled("default/pool-1").size() == 400, "all 400 handled by pool-1");
        assertEquals(1, k4s.state("pool-0").counters().queued(), "nothing more went to the full replica");
    }

    @Test
    void serviceSend_refusedOnlyWhenEveryReplicaIsFull() throws Exception {
        startFull("pool-0", 1);
        startFull("pool-1", 1);
        k4s.router.updateEndpoints(ResourceKey.of("pool"), LoadBalancing.ROUND_ROBIN, List.of("pool-0", "pool-1"));

        MailboxFullException e = assertThrows(MailboxFullException.class, () -> k4s.router.send(POOL, "x"));
        assertTrue(List.of(Address.container("default", "pool-0"), Address.container("default", "pool-1"))
                .contains(e.container()), e.container().toString());
        assertFalse(k4s.router.trySend(POOL, "y"));
        assertInstanceOf(MailboxFullException.class, Await.failure(k4s.router.request(POOL, "z")));
    }

    @Test
    void waitingServiceSend_takesTheFirstReplicaThatMakesRoom() throws Exception {
        startFull("pool-0", 1);
        TestWorkers.Block second = startFull("pool-1", 1);
        k4s.router.updateEndpoints(ResourceKey.of("pool"), LoadBalancing.ROUND_ROBIN, List.of("pool-0", "pool-1"));
        AtomicReference<Thread> sender = new AtomicReference<>();
        CompletableFuture<Void> sent = onVirtualThread(() -> k4s.router.send(POOL, "waited", LONG_WAIT), sender);
        awaitParked(sender, sent);

        second.release();

        Await.result(sent);
        Await.until(() -> TestWorkers.handled("default/pool-1").contains("waited"), "pool-1 handled it");
        assertEquals(1, k4s.state("pool-0").counters().queued(), "the held replica got nothing more");
    }

    @Test
    void waitingRequest_isAnsweredOnceRoomAppears_orFailsWithMailboxFull() throws Exception {
        TestWorkers.Block block = startFull("w-0", 1);

        CompletableFuture<Object> refused = k4s.router.request(W0, "refused", Duration.ofSeconds(5),
                Duration.ofMillis(20));
        MailboxFullException full = assertInstanceOf(MailboxFullException.class, Await.failure(refused));
        assertEquals(Duration.ofMillis(20), full.waited());

        AtomicReference<CompletableFuture<Object>> reply = new AtomicReference<>();
        AtomicReference<Thread> sender = new AtomicReference<>();
        CompletableFuture<Void> asked = onVirtualThread(
                () -> reply.set(k4s.router.request(W0, "whoami", Duration.ofSeconds(5), LONG_WAIT)), sender);
        awaitParked(sender, asked);
        block.release();

        Await.result(asked);
        assertEquals("w-0", Await.result(reply.get()));
    }

    @Test
    void manyWaitingSenders_oneSmallMailbox_everyMessageArrivesOnceInEachSendersOrder() throws Exception {
        k4s.startReady("w-0", script(Map.of()).withMailboxCapacity(4));
        int senders = 8;
        int each = 2_000;
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int id = s;
            done.add(onVirtualThread(() -> {
                for (int i = 0; i < each; i++) {
                    k4s.router.send(W0, id + ":" + i, LONG_WAIT);
                }
            }, new AtomicReference<>()));
        }
        done.forEach(Await::result);

        Await.until(() -> TestWorkers.handled("default/w-0").size() == senders * each, "every message handled");
        int[] next = new int[senders];
        for (Object handled : TestWorkers.handled("default/w-0")) {
            String[] parts = ((String) handled).split(":");
            int sender = Integer.parseInt(parts[0]);
            assertEquals(next[sender]++, Integer.parseInt(parts[1]), "sender " + sender + "'s order");
        }
    }

    @Test
    void manyWaitingSenders_aServiceOfSmallMailboxes_noneRefused() throws Exception {
        List<String> names = List.of("pool-0", "pool-1", "pool-2");
        for (String name : names) {
            k4s.startReady(name, script(Map.of()).withMailboxCapacity(2));
        }
        k4s.router.updateEndpoints(ResourceKey.of("pool"), LoadBalancing.RANDOM, names);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            done.add(onVirtualThread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    k4s.router.send(POOL, i, LONG_WAIT);
                }
            }, new AtomicReference<>()));
        }
        done.forEach(Await::result);

        Await.until(() -> names.stream().mapToInt(n -> TestWorkers.handled("default/" + n).size()).sum() == 6_000,
                "all 6,000 handled");
    }
}
