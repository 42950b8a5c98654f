package io.k4s.core.messaging;

import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.k4s.api.Address;
import io.k4s.api.RequestTimeoutException;
import io.k4s.core.Await;
import io.k4s.core.runtime.RuntimeFixture;
import io.k4s.core.runtime.TestWorkers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeouts keep firing whatever the callers' dependent stages do. */
class TimeoutWheelTest {

    private static final Address A = Address.container("a-0");
    private static final Address B = Address.container("b-0");

    private final RuntimeFixture k4s = new RuntimeFixture();

    @AfterEach
    void close() {
        k4s.close();
    }

    private TestWorkers.Block blocked(String name) throws InterruptedException {
        k4s.startReady(name, script(Map.of()));
        TestWorkers.Block block = new TestWorkers.Block();
        k4s.router.send(Address.container(name), block);
        block.awaitEntered();
        return block;
    }

    @Test
    void blockingCallbackOnATimeout_doesNotStopOtherTimeouts() throws InterruptedException {
        TestWorkers.Block a = blocked("a-0");
        TestWorkers.Block b = blocked("b-0");
        AtomicReference<String> callbackThread = new AtomicReference<>();

        CompletableFuture<Object> chained = k4s.router.request(A, "x", Duration.ofMillis(20))
                .exceptionally(e -> {
                    callbackThread.set(Thread.currentThread().getName());
                    return k4s.router.request(B, "y", Duration.ofMillis(20)).join();
                });

        RequestTimeoutException timeout = assertInstanceOf(RequestTimeoutException.class, Await.failure(chained));
        assertEquals(Address.container("default", "b-0"), timeout.target());
        assertNotEquals("k4s-timeouts", callbackThread.get(), "callbacks must not run on the wheel thread");
        a.release();
        b.release();
    }

    @Test
    void callbackBlockingOnARequestThatExpiredInTheSameTick_completes() throws InterruptedException {
        TestWorkers.Block a = blocked("a-0");
        CompletableFuture<Object> first = k4s.router.request(A, "x", Duration.ofMillis(20));
        CompletableFuture<Object> second = k4s.router.request(A, "y", Duration.ofMillis(20));

        CompletableFuture<Object> chained = first.exceptionally(e -> second.join());

        assertInstanceOf(RequestTimeoutException.class, Await.failure(chained));
        a.release();
    }
}
