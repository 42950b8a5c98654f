package io.k4s.core.runtime;

import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k4s.api.Address;
import io.k4s.core.Await;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker callback that returns with its thread's interrupt flag set (the "restore the
 * interrupt" idiom) must not leave the flag for the runtime: {@code LockSupport.park} returns at
 * once for an interrupted thread, so the idle container would spin on a core forever.
 */
class InterruptFlagTest {

    private static final Address WORKER = Address.container("default", "w-0");

    private final RuntimeFixture k4s = new RuntimeFixture();

    @AfterEach
    void close() {
        k4s.close();
    }

    @Test
    void handlerReturningWithTheInterruptFlagSet_leavesTheIdleContainerParked() {
        k4s.startReady("w-0", script(Map.of()));

        assertEquals("interrupted", Await.result(k4s.router.request(WORKER, "interrupt")));

        Thread thread = TestWorkers.THREADS.get("default/w-0");
        Await.until(() -> thread.getState() == Thread.State.WAITING,
                "the idle container parks (a spinning one stays RUNNABLE)");
        assertEquals(false, Await.result(k4s.router.request(WORKER, "interrupted?")),
                "the next message does not inherit the flag");
    }

    @Test
    void startReturningWithTheInterruptFlagSet_leavesTheIdleContainerParked() {
        k4s.startReady("w-0", script(Map.of("interruptInStart", true)));

        Thread thread = TestWorkers.THREADS.get("default/w-0");
        Await.until(() -> thread.getState() == Thread.State.WAITING,
                "the idle container parks (a spinning one stays RUNNABLE)");
        assertEquals(false, Await.result(k4s.router.request(WORKER, "interrupted?")));
    }
}
