package io.k4s.transport.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.DeadLetter;
import io.k4s.api.MailboxFullException;
import io.k4s.api.PayloadNotEncodableException;
import io.k4s.api.WorkerFailedException;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.Await;
import io.k4s.core.wire.RemoteCause;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messages and requests between two nodes over a real nats-server, with the same outcomes as in one JVM. */
class CrossNodeMessagingTest {

    /** A record payload, rebuilt as itself on the other node. */
    record Line(String sku, int quantity) {}

    /** A record payload with nested records and a list of them. */
    record Order(String id, long total, List<Line> lines, Line first, LoadBalancing policy) {}

    private NatsServer nats;
    private TwoNodes nodes;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(NatsServer.binary().isPresent(), NatsServer.missing());
        nats = NatsServer.start();
        nodes = new TwoNodes(nats);
    }

    @AfterEach
    void stop() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    @Test
    void request_crossesNodes_recordsMapsAndScalarsComeBackAsThemselves() {
        TwoNodes.run(nodes.a, "calc-0", 100);
        nodes.locateOnA("calc-0");
        Address calc = Address.container("calc-0");
        Order order = new Order("o-1", 1L << 40, List.of(new Line("x", 2), new Line("y", 3)), new Line("x", 2),
                LoadBalancing.ROUND_ROBIN);

        assertEquals(order, Await.result(nodes.b.messenger().request(calc, order)));
        Map<String, Object> map = Map.of("a", List.of(1, "two", true), "b", Map.of("c", 2.5));
        assertEquals(map, Await.result(nodes.b.messenger().request(calc, map)));
        assertEquals("calc-0", Await.result(nodes.b.messenger().request(calc, "who")));
        assertEquals(42, Await.result(nodes.b.messenger().request(calc, 42)));
    }

    @Test
    void request_typedFailuresCrossAsTheirOwnTypes() {
        TwoNodes.run(nodes.a, "calc-0", 100);
        nodes.locateOnA("calc-0");
        nodes.locateOnA("ghost-0");

        Throwable failed = Await.failure(nodes.b.messenger().request(Address.container("calc-0"), "fail"));
        WorkerFailedException wf = assertInstanceOf(WorkerFailedException.class, failed);
        assertEquals(Address.container("default", "calc-0"), wf.container());
        RemoteCause cause = assertInstanceOf(RemoteCause.class, wf.getCause());
        assertEquals(IllegalStateException.class.getName(), cause.type());
        assertEquals("asked to fail", cause.getMessage());

        Throwable missing = Await.failure(nodes.b.messenger().request(Address.container("ghost-0"), "x"));
        assertEquals(Address.container("default", "ghost-0"),
                assertInstanceOf(ContainerNotFoundException.class, missing).container());
    }

    @Test
    void unencodablePayload_failsTypedBeforeAnythingIsSent() {
        TwoNodes.run(nodes.a, "plain-0", 100);
        nodes.locateOnA("plain-0");
        Address plain = Address.container("plain-0");

        PayloadNotEncodableException thrown = assertThrows(PayloadNotEncodableException.class,
                () -> nodes.b.messenger().send(plain, new Object()));
        assertEquals(Object.class.getName(), thrown.payloadType());
        Throwable failed = Await.failure(nodes.b.messenger().request(plain, Map.of("inner", List.of(new Thread()))));
        assertEquals(Thread.class.getName(), assertInstanceOf(PayloadNotEncodableException.class, failed).payloadType());
        assertTrue(failed.getMessage().contains("payload.inner[0]"), failed.getMessage());

        // The marker is the first message plain-0 ever handles: nothing of the two above reached it.
        assertEquals("plain-0", Await.result(nodes.b.messenger().request(plain, "who")));
        assertEquals(1, NodeWorker.handled("plain-0"));
    }

    @Test
    void fireAndForget_everyMessageHandledOrRefusedBackToTheSender() {
        TwoNodes.run(nodes.a, "sink-0", 4);
        nodes.locateOnA("sink-0");
        Address sink = Address.container("sink-0");
        long before = NodeWorker.handled("sink-0");
        int sent = 400;
        for (int i = 0; i < sent; i++) {
            nodes.b.messenger().send(sink, i % 50 == 0 ? "sleep:5" : "m" + i);
        }
        Await.until(Duration.ofSeconds(30), () -> NodeWorker.handled("sink-0") - before
                        + nodes.b.router().remoteRefusals() + nodes.a.deadLetterCount() == sent,
                () -> "handled " + (NodeWorker.handled("sink-0") - before) + " + refused "
                        + nodes.b.router().remoteRefusals() + " + dead on a " + nodes.a.deadLetterCount()
                        + " == sent " + sent);
        // Refusals are dead letters of the sender, typed as in one JVM, each with the payload it refused.
        assertEquals(nodes.b.router().remoteRefusals(), nodes.b.deadLetterCount());
        assertTrue(nodes.b.deadLetterCount() > 0, "a mailbox of 4 behind 5 ms sleeps refused some of 400 messages");
        Set<Object> refusedPayloads = new HashSet<>();
        for (DeadLetter d : nodes.b.deadLetters()) {
            assertEquals(Address.container("default", "sink-0"),
                    assertInstanceOf(MailboxFullException.class, d.cause()).container());
            assertTrue(d.payload() instanceof String text && (text.equals("sleep:5") || text.matches("m\\d+")),
                    "the refused payload as it was sent: " + d.payload());
            assertTrue(refusedPayloads.add(d.payload()) || d.payload().equals("sleep:5"),
                    "each refused message once: " + d.payload());
        }
    }

    @Test
    void request_toAFullMailboxOnTheOtherNode_failsWithMailboxFull() {
        TwoNodes.run(nodes.a, "busy-0", 1);
        nodes.locateOnA("busy-0");
        Address busy = Address.container("busy-0");
        CompletableFuture<Object> sleeping = nodes.b.messenger().request(busy, "sleep:3000");
        Await.until(() -> NodeWorker.handled("busy-0") == 1, "busy-0 to be handling the first request");
        CompletableFuture<Object> queued = nodes.b.messenger().request(busy, "queued");
        Await.until(() -> nodes.a.runtime().metrics(ResourceKey.of("default", "busy-0"))
                .map(m -> m.queued() == 1).orElse(false), "the second request to wait in busy-0's mailbox");

        Throwable refused = Await.failure(nodes.b.messenger().request(busy, "refused"));
        MailboxFullException full = assertInstanceOf(MailboxFullException.class, refused);
        assertEquals(Address.container("default", "busy-0"), full.container());
        assertEquals(1, full.capacity());
        assertEquals("slept", Await.result(sleeping));
        assertEquals("queued", Await.result(queued));
    }

    @Test
    void leastLoaded_countsTheQueueLengthEachNodePublishes() {
        TwoNodes.run(nodes.a, "busy-a", 100);
        TwoNodes.run(nodes.b, "idle-b", 100);
        nodes.locateOnA("busy-a");
        Address busy = Address.container("default", "busy-a");
        CompletableFuture<Object> sleeping = nodes.b.messenger().request(busy, "sleep:4000", Duration.ofSeconds(20));
        Await.until(() -> NodeWorker.handled("busy-a") == 1, "busy-a to be handling the first request");
        List<CompletableFuture<Object>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(nodes.b.messenger().request(busy, "who", Duration.ofSeconds(20)));
        }
        Await.until(() -> nodes.b.router().queued(busy) == 3, "node a to report busy-a's 3 waiting requests");

        nodes.b.router().updateEndpoints(ResourceKey.of("default", "ll"), LoadBalancing.LEAST_LOADED,
                List.of("busy-a", "idle-b"));
        for (int i = 0; i < 6; i++) {
            assertEquals("idle-b", Await.result(nodes.b.messenger().request(Address.service("ll"), "who")));
        }
        assertEquals("slept", Await.result(sleeping));
        for (CompletableFuture<Object> w : waiting) {
            assertEquals("busy-a", Await.result(w));
        }
    }

    @Test
    void service_roundRobinSpansNodes() {
        TwoNodes.run(nodes.a, "calc-a", 100);
        TwoNodes.run(nodes.b, "calc-b", 100);
        nodes.locateOnA("calc-a");
        // Node b's router as the endpoint sync sets it from a shared store: one replica per node.
        nodes.b.router().updateEndpoints(ResourceKey.of("default", "calc"), LoadBalancing.ROUND_ROBIN,
                List.of("calc-a", "calc-b"));
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            replies.add(nodes.b.messenger().request(Address.service("calc"), "who"));
        }
        Map<Object, Long> byContainer = replies.stream().map(Await::result)
                .collect(java.util.stream.Collectors.groupingBy(r -> r, java.util.stream.Collectors.counting()));
        assertEquals(Map.of("calc-a", 5L, "calc-b", 5L), byContainer);
    }
}
