package io.k4s.core.runtime;

import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.ResourceKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimerTest {

    private final RuntimeFixture k4s = new RuntimeFixture();

    @AfterEach
    void close() {
        k4s.close();
    }

    private long ticks(String container) {
        return TestWorkers.handled(container).stream().filter("tick:every"::equals).count();
    }

    @Test
    void every_deliversTicksIntoTheMailboxAndStopsWithTheContainer() {
        k4s.startReady("t-0", script(Map.of("tickEvery", "5ms")));
        Await.until(() -> ticks("default/t-0") >= 3, "three ticks");

        Await.result(k4s.runtime.stop(ResourceKey.of("t-0"), Duration.ofSeconds(1)));

        assertEquals(0, k4s.runtime.scheduledTasks(), "the container's timers are cancelled");
        assertEquals(0, k4s.router.deadLetters().count());
    }

    @Test
    void after_deliversOneTick() {
        k4s.startReady("t-0", script(Map.of("tickAfter", "1ms")));

        Await.until(() -> TestWorkers.handled("default/t-0").contains("tick:after"), "the tick");
        assertEquals(List.of("tick:after"), List.copyOf(TestWorkers.handled("default/t-0")));
        Await.until(() -> k4s.runtime.scheduledTasks() == 0, "no timer left");
    }

    @Test
    void tickIntoAFullMailbox_isDroppedAndCounted() throws Exception {
        k4s.startReady("t-0", script(Map.of("tickEvery", "1ms")).withMailboxCapacity(1));
        TestWorkers.Block block = new TestWorkers.Block();
        Await.until(() -> {
            try {
                k4s.router.send(Address.container("t-0"), block);
                return true;
            } catch (io.k4s.api.MailboxFullException full) {
                return false;
            }
        }, "the block accepted");
        block.awaitEntered();

        LiveContainer live = k4s.runtime.live(ResourceKey.of("t-0"));
        Await.until(() -> live.counters.ticksDropped() >= 3, "ticks dropped while the mailbox is full");
        block.release();
        assertEquals(0, k4s.router.deadLetters().count());
    }
}
