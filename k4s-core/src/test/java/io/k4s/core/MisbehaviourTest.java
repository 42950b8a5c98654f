package io.k4s.core;

import static io.k4s.core.IsolationTest.carriers;
import static io.k4s.core.IsolationTest.failureOf;
import static io.k4s.core.IsolationTest.spinOnEveryCarrier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.RequestTimeoutException;
import io.k4s.api.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One cluster, every kind of misbehaving worker at once, next to a well-behaved service: the
 * well-behaved service keeps answering, a new ReplicaSet becomes ready, timeouts fire, and
 * close ends every thread.
 *
 * <p>The misbehaviours: two workers that return with their interrupt flag set (two froze a
 * 2-core cluster before), a worker asking for a 1 ns timer and then for 1 ms timers up to the
 * cap, a handler stuck until interrupted, a handler that throws with a runtime listener and a
 * dead-letter listener that throw {@link Error}s, and handlers computing on every carrier.
 * Those last ones keep every virtual thread waiting for a carrier (Java cannot preempt them), so
 * the well-behaved service and the new ReplicaSet run on platform threads
 * ({@code executor: platform}), as RELIABILITY.md advises for workers that must stay responsive
 * next to CPU-bound ones.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MisbehaviourTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void misbehavingWorkers_hurtOnlyThemselves() throws Exception {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.runtime().subscribe(event -> {
                throw new AssertionError("a runtime listener that throws, on " + event.type());
            });
            cluster.router().deadLetters().subscribe(letter -> {
                throw new StackOverflowError("a dead-letter listener that throws");
            });
            cluster.apply(IsolationTest.replicaSet("calc", 2, "platform", "5s"));
            cluster.apply("""
                    kind: Container
                    metadata: {name: interrupter-0}
                    spec: {worker: misbehaving}
                    ---
                    kind: Container
                    metadata: {name: interrupter-1}
                    spec: {worker: misbehaving}
                    ---
                    kind: Container
                    metadata: {name: flooder}
                    spec: {worker: misbehaving}
                    ---
                    kind: Container
                    metadata: {name: stuck}
                    spec: {worker: misbehaving}
                    ---
                    kind: Container
                    metadata: {name: thrower}
                    spec: {worker: misbehaving}
                    """);
            cluster.awaitReady("calc", WAIT);
            cluster.await(WAIT, "every container running", () -> cluster.runtime().list().size() == 7
                    && cluster.runtime().list().stream().allMatch(s -> s.ready()));

            for (String name : List.of("interrupter-0", "interrupter-1")) {
                assertEquals("interrupted myself", ask(cluster, Address.container(name), "interrupt"));
            }
            assertEquals(Timer.MAX_PER_CONTAINER, ask(cluster, Address.container("flooder"), "flood"),
                    "the 1 ns timer was refused and the 1 ms timers stopped at the cap");
            cluster.messenger().send(Address.container("stuck"), "block");
            cluster.messenger().send(Address.container("thrower"), "throw");
            cluster.await(WAIT, "the thrown message dead-lettered", () -> cluster.deadLetterCount() == 1);
            assertEquals("thrower", ask(cluster, Address.container("thrower"), "who"),
                    "the throwing listeners did not crash the container that recorded the letter");

            spinOnEveryCarrier(cluster, carriers());

            for (int i = 0; i < 20; i++) {
                assertTrue(String.valueOf(ask(cluster, Address.service("calc"), "who")).startsWith("calc-"));
            }
            cluster.apply(IsolationTest.replicaSet("fresh", 2, "platform", "5s"));
            cluster.awaitReady("fresh", WAIT);
            for (String stalled : List.of("stuck", "interrupter-0")) {
                RequestTimeoutException timeout = assertInstanceOf(RequestTimeoutException.class, failureOf(
                        cluster.messenger().request(Address.container(stalled), "who", Duration.ofMillis(100))));
                assertEquals(Address.container("default", stalled), timeout.target());
            }
            assertEquals(0, cluster.runtime().metrics().stream().mapToInt(m -> m.restarts()).sum(),
                    "no container crashed");
        }
        assertEquals(List.of(), ThreadCensus.liveK4sThreads());
    }

    private static Object ask(K4sCluster cluster, Address to, String payload) {
        return cluster.messenger().request(to, payload, WAIT).join();
    }
}
