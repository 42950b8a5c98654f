package io.k4s.core.runtime;

import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k4s.api.Address;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.Await;
import io.k4s.core.messaging.RouterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Handlers that hold their carrier longer than the threshold are counted once each; blocked ones are not. */
class WatchdogTest {

    private static final Address WORKER = Address.container("default", "w-0");
    private static final Duration THRESHOLD = Duration.ofMillis(20);

    private final RuntimeFixture k4s = new RuntimeFixture(new RuntimeConfig(Duration.ofMillis(10),
            Duration.ofMillis(40), Duration.ofSeconds(10), Duration.ofMillis(200), THRESHOLD), RouterConfig.defaults());

    @AfterEach
    void close() {
        k4s.close();
    }

    private long longHandles() {
        return k4s.runtime.live(ResourceKey.of("w-0")).counters.longHandles();
    }

    /** Wait until {@code times} thresholds passed: a wait for elapsed time, not for a state. */
    private static void letThresholdsPass(int times) {
        long end = System.nanoTime() + THRESHOLD.multipliedBy(times).toNanos();
        Await.until(() -> System.nanoTime() - end >= 0, times + " thresholds to pass");
    }

    @Test
    void handlerComputingPastTheThreshold_isCountedOnce() throws Exception {
        k4s.startReady("w-0", script(Map.of()));
        TestWorkers.Spin spin = new TestWorkers.Spin();
        CompletableFuture<Object> spinning = k4s.router.request(WORKER, spin);
        spin.entered().await();

        Await.until(() -> longHandles() == 1, "the long handle counted");
        letThresholdsPass(10);
        assertEquals(1, longHandles(), "once per handle, however long it runs");
        spin.release();
        assertEquals("released", Await.result(spinning));

        TestWorkers.Spin again = new TestWorkers.Spin();
        k4s.router.send(WORKER, again);
        again.entered().await();
        Await.until(() -> longHandles() == 2, "the next long handle counted too");
        again.release();
    }

    @Test
    void handlerBlockedPastTheThreshold_holdsNoCarrier_andIsNotCounted() throws Exception {
        k4s.startReady("w-0", script(Map.of()));
        TestWorkers.Block block = new TestWorkers.Block();
        k4s.router.send(WORKER, block);
        block.awaitEntered();

        letThresholdsPass(10);

        assertEquals(0, longHandles());
        block.release();
    }
}
