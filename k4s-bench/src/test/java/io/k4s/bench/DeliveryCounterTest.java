package io.k4s.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryCounterTest {

    @Test
    void awaitAtLeast_returnsOnceAnotherThreadAddedEnough() throws InterruptedException {
        DeliveryCounter counter = DeliveryCounter.named("test-" + UUID.randomUUID());
        Thread adder = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 1_000; i++) {
                counter.add(1);
            }
        });
        assertEquals(1_000, counter.awaitAtLeast(1_000, Duration.ofSeconds(30)));
        adder.join();
    }

    @Test
    void awaitAtLeast_timesOut_sayingHowManyArrived() {
        DeliveryCounter counter = DeliveryCounter.named("test-" + UUID.randomUUID());
        counter.add(3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> counter.awaitAtLeast(5, Duration.ofMillis(20)));
        assertTrue(e.getMessage().contains("3 of 5"), e.getMessage());
    }

    @Test
    void named_returnsTheSameCounterForTheSameName() {
        String name = "test-" + UUID.randomUUID();
        assertEquals(DeliveryCounter.named(name), DeliveryCounter.named(name));
    }
}
