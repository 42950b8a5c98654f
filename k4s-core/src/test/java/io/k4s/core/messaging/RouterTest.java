package io.k4s.core.messaging;

import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.Messenger;
import io.k4s.api.NoEndpointsException;
import io.k4s.api.RequestTimeoutException;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.Await;
import io.k4s.core.runtime.RuntimeFixture;
import io.k4s.core.runtime.TestWorkers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final Address CALC = Address.service("calc");

    private final RuntimeFixture k4s = new RuntimeFixture();

    @AfterEach
    void close() {
        k4s.close();
    }

    private List<String> replicas(String prefix, int n, LoadBalancing policy) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(prefix + "-" + i);
            k4s.startReady(prefix + "-" + i, script(Map.of()).withMailboxCapacity(10_000));
        }
        k4s.router.updateEndpoints(ResourceKey.of(prefix), policy, names);
        return names;
    }

    private String ask(Address to, Object payload) {
        return (String) Await.result(k4s.router.request(to, payload));
    }

    @Test
    void roundRobin_rotatesExactly() {
        List<String> names = replicas("calc", 4, LoadBalancing.ROUND_ROBIN);
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            picked.add(ask(CALC, "whoami"));
        }

        int first = names.indexOf(picked.get(0));
        for (int i = 0; i < picked.size(); i++) {
            assertEquals(names.get((first + i) % 4), picked.get(i), "pick " + i);
        }
    }

    @Test
    void random_spreadsWithinGenerousBounds() {
        List<String> names = replicas("calc", 4, LoadBalancing.RANDOM);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            counts.merge(ask(CALC, "whoami"), 1, Integer::sum);
        }

        assertEquals(names.size(), counts.size(), counts.toString());
        counts.values().forEach(n -> assertTrue(n > 700 && n < 1300, counts.toString()));
    }

    @Test
    void leastLoaded_picksTheShortestQueue() throws Exception {
        List<String> names = replicas("calc", 3, LoadBalancing.LEAST_LOADED);
        List<TestWorkers.Block> blocks = new ArrayList<>();
        for (String name : names) {
            TestWorkers.Block block = new TestWorkers.Block();
            blocks.add(block);
            k4s.router.send(Address.container(name), block);
            block.awaitEntered();
        }
        int[] backlog = {3, 1, 2};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < backlog[i]; j++) {
                k4s.router.send(Address.container(names.get(i)), "backlog");
            }
        }

        k4s.router.send(CALC, "to the least loaded");

        assertEquals(2, k4s.state("calc-1").counters().queued());
        assertEquals(3, k4s.state("calc-0").counters().queued());
        assertEquals(2, k4s.state("calc-2").counters().queued());
        blocks.forEach(TestWorkers.Block::release);
    }

    @Test
    void endpointsThatAreNotReady_areSkipped() throws Exception {
        replicas("calc", 3, LoadBalancing.ROUND_ROBIN);
        TestWorkers.Block block = new TestWorkers.Block();
        k4s.router.send(Address.container("calc-1"), block);
        block.awaitEntered();
        CompletableFuture<Void> stopping = k4s.runtime.stop(ResourceKey.of("calc-1"), Duration.ofSeconds(10));

        for (int i = 0; i < 60; i++) {
            assertTrue(!ask(CALC, "whoami").equals("calc-1"), "a terminating container gets nothing");
        }
        block.release();
        Await.result(stopping);
    }

    @Test
    void noReadyEndpoint_failsNamingTheService() {
        k4s.router.updateEndpoints(ResourceKey.of("calc"), LoadBalancing.ROUND_ROBIN, List.of("calc-0"));

        NoEndpointsException e = assertThrows(NoEndpointsException.class, () -> k4s.router.send(CALC, "x"));
        assertEquals(Address.service("default", "calc"), e.service());
        assertTrue(e.getMessage().contains("default/service/calc"), e.getMessage());
        assertInstanceOf(NoEndpointsException.class, Await.failure(k4s.router.request(CALC, "x")));
        NoEndpointsException unknown = assertInstanceOf(NoEndpointsException.class,
                Await.failure(k4s.router.request(Address.service("nope"), "x")));
        assertTrue(unknown.getMessage().contains("default/service/nope: no ready endpoints: no such service"),
                unknown.getMessage());
        assertTrue(e.getMessage().contains("no ready container matches"), e.getMessage());
        ContainerNotFoundException missing = assertInstanceOf(ContainerNotFoundException.class,
                Await.failure(k4s.router.request(Address.container("calc-9"), "x")));
        assertEquals(Address.container("default", "calc-9"), missing.container());
    }

    @Test
    void endpoints_followContainersThatRegisterAndLeave() {
        k4s.router.updateEndpoints(ResourceKey.of("calc"), LoadBalancing.RANDOM, List.of("calc-0"));
        assertInstanceOf(NoEndpointsException.class, Await.failure(k4s.router.request(CALC, "whoami")));

        k4s.startReady("calc-0", script(Map.of()));
        assertEquals("calc-0", ask(CALC, "whoami"));

        Await.result(k4s.runtime.stop(ResourceKey.of("calc-0"), Duration.ofSeconds(1)));
        assertThrows(NoEndpointsException.class, () -> k4s.router.send(CALC, "x"));

        k4s.startReady("calc-0", script(Map.of()));
        assertEquals("calc-0", ask(CALC, "whoami"));
        k4s.router.removeService(ResourceKey.of("calc"));
        assertThrows(NoEndpointsException.class, () -> k4s.router.send(CALC, "x"));
    }

    @Test
    void readyEndpoints_countsRegisteredReadyMembers_andRetainServicesForgetsTheRest() {
        replicas("calc", 2, LoadBalancing.RANDOM);
        k4s.router.updateEndpoints(ResourceKey.of("other"), LoadBalancing.RANDOM, List.of("calc-0", "missing-0"));
        assertEquals(2, k4s.router.readyEndpoints(ResourceKey.of("calc")));
        assertEquals(1, k4s.router.readyEndpoints(ResourceKey.of("other")));
        assertEquals(0, k4s.router.readyEndpoints(ResourceKey.of("nope")));

        Await.result(k4s.runtime.stop(ResourceKey.of("calc-1"), Duration.ZERO));
        assertEquals(1, k4s.router.readyEndpoints(ResourceKey.of("calc")));

        k4s.router.retainServices(java.util.Set.of(ResourceKey.of("calc")));
        assertEquals(0, k4s.router.readyEndpoints(ResourceKey.of("other")));
        assertThrows(NoEndpointsException.class, () -> k4s.router.send(Address.service("other"), "x"));
        assertEquals("calc-0", ask(CALC, "whoami"));
    }

    @Test
    void aNewGeneration_takesOverTheServiceEndpoint_andTheOldOneLeavingDoesNotUnbindIt() {
        replicas("calc", 1, LoadBalancing.ROUND_ROBIN);
        Thread firstRun = TestWorkers.THREADS.get("default/calc-0");

        k4s.runtime.start(RuntimeFixture.container("default", "calc-0", script(Map.of("v", 2)), Map.of(), 2));
        Await.until(() -> k4s.state("calc-0").generation() == 2 && k4s.state("calc-0").ready(), "generation 2 ready");
        Await.until(() -> !firstRun.isAlive(), "generation 1 ended and unregistered");

        assertEquals("calc-0", ask(CALC, "whoami"));
        assertEquals(1, k4s.router.readyEndpoints(ResourceKey.of("calc")));
    }

    @Test
    void request_timesOutNamingTheTargetAndALateReplyIsCounted() throws Exception {
        replicas("calc", 1, LoadBalancing.RANDOM);
        TestWorkers.Block block = new TestWorkers.Block();
        CompletableFuture<Object> slow = k4s.router.request(CALC, block, Duration.ofMillis(50));
        block.awaitEntered();

        RequestTimeoutException e = assertInstanceOf(RequestTimeoutException.class, Await.failure(slow));
        assertEquals(Address.service("default", "calc"), e.target());
        assertEquals(Duration.ofMillis(50), e.waited());
        assertTrue(e.getMessage().contains("default/service/calc") && e.getMessage().contains("50 ms"), e.getMessage());
        assertEquals(0, k4s.router.lateReplies());

        block.release();
        Await.until(() -> k4s.router.lateReplies() == 1, "the late reply counted");
    }

    @Test
    void manyRequests_allCompleteWithTheirValueOrATimeout() {
        replicas("calc", 2, LoadBalancing.ROUND_ROBIN);
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            replies.add(k4s.router.request(CALC, i, Duration.ofMillis(1 + i % 20)));
        }
        int answered = 0;
        for (int i = 0; i < replies.size(); i++) {
            CompletableFuture<Object> r = replies.get(i);
            Await.until(r::isDone, "request " + i + " completes");
            if (!r.isCompletedExceptionally()) {
                assertEquals(i, r.join());
                answered++;
            } else {
                assertInstanceOf(RequestTimeoutException.class, Await.failure(r));
            }
        }
        assertTrue(answered > 0);
    }

    @Test
    void forSender_resolvesInTheSendersNamespaceAndCarriesTheSender() {
        k4s.startReady("default", "echo-0", script(Map.of()));
        k4s.startReady("team-a", "echo-0", script(Map.of()));
        k4s.startReady("team-a", "fwd-0", script(Map.of()));
        k4s.router.updateEndpoints(ResourceKey.of("default", "echo"), LoadBalancing.RANDOM, List.of("echo-0"));
        k4s.router.updateEndpoints(ResourceKey.of("team-a", "echo"), LoadBalancing.RANDOM, List.of("echo-0"));
        Address forwarder = Address.container("team-a", "fwd-0");

        Object sender = Await.result(k4s.router.request(forwarder,
                new TestWorkers.Forward(Address.service("echo"), "sender")));
        assertEquals("team-a/container/fwd-0", sender);
        assertEquals("none", ask(Address.service("echo"), "sender"), "outside calls have no sender");

        Messenger asTeamA = k4s.router.forSender(forwarder);
        assertEquals("team-a/container/fwd-0", Await.result(asTeamA.request(Address.container("echo-0"), "sender")));
        assertThrows(IllegalArgumentException.class, () -> k4s.router.forSender(Address.container("fwd-0")));
    }

    @Test
    void headersAndIds_reachTheWorker() {
        replicas("calc", 1, LoadBalancing.RANDOM);

        assertEquals(Map.of("trace", "t-1"),
                Await.result(k4s.router.request(CALC, "headers", Map.of("trace", "t-1"), Duration.ofSeconds(5))));
        assertEquals(Map.of(), Await.result(k4s.router.request(CALC, "headers")));
        long first = (Long) Await.result(k4s.router.request(CALC, "id"));
        long second = (Long) Await.result(k4s.router.request(CALC, "id"));
        assertTrue(second > first, first + " then " + second);
        assertThrows(IllegalArgumentException.class, () -> k4s.router.request(CALC, "x", Duration.ZERO));
    }

    @Test
    void headerWithANullValue_isRefusedAtSend_namingTheHeader() {
        replicas("calc", 1, LoadBalancing.RANDOM);
        Map<String, String> headers = new HashMap<>();
        headers.put("trace", "t-1");
        headers.put("tenant", null);

        NullPointerException send = assertThrows(NullPointerException.class,
                () -> k4s.router.send(CALC, "x", headers));
        NullPointerException request = assertThrows(NullPointerException.class,
                () -> k4s.router.request(CALC, "x", headers, Duration.ofSeconds(5)));

        assertEquals("header \"tenant\" has a null value: give it a value or leave it out", send.getMessage());
        assertEquals(send.getMessage(), request.getMessage());
        assertEquals(0, k4s.state("calc-0").counters().received(), "nothing was sent");
    }

    @Test
    void close_failsPendingRequestsAndRefusesNewMessages() throws Exception {
        replicas("calc", 1, LoadBalancing.RANDOM);
        TestWorkers.Block block = new TestWorkers.Block();
        CompletableFuture<Object> pending = k4s.router.request(CALC, block);
        block.awaitEntered();

        k4s.router.close();

        RouterClosedException e = assertInstanceOf(RouterClosedException.class, Await.failure(pending));
        assertEquals(Address.service("default", "calc"), e.target());
        assertThrows(RouterClosedException.class, () -> k4s.router.send(CALC, "x"));
        assertInstanceOf(RouterClosedException.class, Await.failure(k4s.router.request(CALC, "x")));
        block.release();
        Await.until(() -> k4s.router.lateReplies() == 1, "the reply after close is dropped and counted");
    }
}
