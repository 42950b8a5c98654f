package io.k4s.core.runtime;

import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.ContainerExecutor;
import io.k4s.core.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code executor: platform} gives a container its own platform thread, which CPU-bound work needs. */
class ExecutorTest {

    private final RuntimeFixture k4s = new RuntimeFixture();

    @AfterEach
    void close() {
        k4s.close();
    }

    @Test
    void platformExecutor_runsTheWorkerOnItsOwnNamedPlatformThread() {
        k4s.startReady("p-0", script(Map.of()).withExecutor(ContainerExecutor.PLATFORM));

        assertEquals("p-0", Await.result(k4s.router.request(Address.container("p-0"), "whoami")));
        Thread thread = TestWorkers.THREADS.get("default/p-0");
        assertFalse(thread.isVirtual());
        assertTrue(thread.isDaemon());
        assertEquals("k4s-default/p-0", thread.getName());
    }

    @Test
    void cpuBoundWorkersOnPlatformThreads_leaveTheCarriersToVirtualContainers() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<TestWorkers.Spin> spins = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            k4s.startReady("spin-" + i, script(Map.of()).withExecutor(ContainerExecutor.PLATFORM));
            TestWorkers.Spin spin = new TestWorkers.Spin();
            k4s.router.send(Address.container("spin-" + i), spin);
            spin.entered().await();
            spins.add(spin);
        }
        try {
            k4s.startReady("v-0", script(Map.of()));

            assertEquals("v-0", Await.result(k4s.router.request(Address.container("v-0"), "whoami")));
            assertTrue(TestWorkers.THREADS.get("default/v-0").isVirtual());
        } finally {
            spins.forEach(TestWorkers.Spin::release);
        }
    }
}
