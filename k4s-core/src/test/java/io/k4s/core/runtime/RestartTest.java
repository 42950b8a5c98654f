package io.k4s.core.runtime;

import static io.k4s.core.runtime.RuntimeFixture.container;
import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.WorkerFailedException;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.RestartPolicy;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.runtime.ContainerState.Phase;
import io.k4s.api.runtime.RuntimeEvent;
import io.k4s.core.Await;
import io.k4s.core.messaging.RouterConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestartTest {

    private static final Address WORKER = Address.container("default", "w-0");
    private static final ResourceKey KEY = ResourceKey.of("w-0");

    private RuntimeFixture k4s = new RuntimeFixture();

    @AfterEach
    void close() {
        k4s.close();
    }

    private List<RuntimeEvent.Type> events() {
        return k4s.events.stream().filter(e -> e.state().key().equals(KEY)).map(RuntimeEvent::type).toList();
    }

    @Test
    void crashInStart_restartsWithBackoffAndAFreshWorker() {
        k4s.runtime.start(container("w-0", script(Map.of("failStart", true))));

        Await.until(() -> k4s.state("w-0").restartCount() >= 3, "three restarts");
        Await.until(() -> k4s.state("w-0").phase() == Phase.BACKOFF, "waiting in backoff");

        ContainerState state = k4s.state("w-0");
        assertFalse(state.ready());
        assertNotNull(state.nextRestartAt());
        assertTrue(state.lastError().contains("start failed on purpose"), state.lastError());
        assertTrue(TestWorkers.STARTS.get("default/w-0").get() >= 4, "each run starts a new worker");
        assertEquals(null, TestWorkers.STOPS.get("default/w-0"), "stop is not called after a crash in start");
        Await.until(() -> events().stream().filter(t -> t == RuntimeEvent.Type.CRASHED).count() >= 3,
                "three CRASHED events");
        ContainerTerminatedException refused = assertThrows(ContainerTerminatedException.class,
                () -> k4s.router.send(WORKER, "hello"));
        assertTrue(refused.getMessage().contains("restart"), refused.getMessage());
    }

    @Test
    void crashInStart_withRestartPolicyNever_fails() {
        k4s.runtime.start(container("w-0", script(Map.of("failStart", true)).withRestartPolicy(RestartPolicy.NEVER)));

        Await.until(() -> k4s.state("w-0").phase() == Phase.FAILED, "phase FAILED");
        Await.until(() -> events().contains(RuntimeEvent.Type.STOPPED), "a STOPPED event");

        assertEquals(List.of(RuntimeEvent.Type.CRASHED, RuntimeEvent.Type.STOPPED), events());
        assertEquals(0, k4s.state("w-0").restartCount());
        assertTrue(k4s.state("w-0").ended());
        assertThrows(ContainerNotFoundException.class, () -> k4s.router.send(WORKER, "hello"));
        k4s.runtime.start(container("w-0", script(Map.of("failStart", true))));
        assertEquals(Phase.FAILED, k4s.state("w-0").phase(), "the same uid and generation is not started again");
    }

    @Test
    void errorInHandle_crashesFailsQueuedMessagesAndRestarts() throws Exception {
        k4s.startReady("w-0", script(Map.of()));
        TestWorkers.Block block = new TestWorkers.Block();
        k4s.router.send(WORKER, block);
        block.awaitEntered();
        CompletableFuture<Object> crash = k4s.router.request(WORKER, "crash");
        CompletableFuture<Object> queued = k4s.router.request(WORKER, "queued");
        k4s.router.send(WORKER, "queued too");

        block.release();

        assertInstanceOf(WorkerFailedException.class, Await.failure(crash));
        ContainerTerminatedException e = assertInstanceOf(ContainerTerminatedException.class, Await.failure(queued));
        assertTrue(e.getMessage().contains("crashed") && e.getMessage().contains("asked to crash"), e.getMessage());
        Await.until(() -> k4s.router.deadLetters().count() == 1, "the queued send becomes a dead letter");
        Await.until(() -> k4s.state("w-0").restartCount() == 1 && k4s.state("w-0").ready(), "restarted once");
        assertEquals("w-0", Await.result(k4s.router.request(WORKER, "whoami")));
        Await.until(() -> events().contains(RuntimeEvent.Type.CRASHED), "a CRASHED event");
    }

    @Test
    void errorInHandle_callsStopBeforeTheRestart() {
        k4s.close();
        Duration long10s = Duration.ofSeconds(10);
        k4s = new RuntimeFixture(new RuntimeConfig(long10s, long10s, long10s, Duration.ofMillis(200)),
                RouterConfig.defaults());
        k4s.startReady("w-0", script(Map.of()));

        assertInstanceOf(WorkerFailedException.class, Await.failure(k4s.router.request(WORKER, "crash")));

        Await.until(() -> k4s.state("w-0").phase() == Phase.BACKOFF, "waiting in backoff");
        assertEquals(1, TestWorkers.STOPS.get("default/w-0").get(), "stop ran before the restart");
        assertEquals(1, TestWorkers.STARTS.get("default/w-0").get(), "not restarted yet");
    }

    @Test
    void exit_withRestartPolicyOnFailure_succeeds() {
        k4s.startReady("w-0", script(Map.of()).withRestartPolicy(RestartPolicy.ON_FAILURE));

        assertEquals("exiting", Await.result(k4s.router.request(WORKER, "exit")));

        Await.until(() -> k4s.state("w-0").phase() == Phase.SUCCEEDED, "phase SUCCEEDED");
        assertEquals(1, TestWorkers.STOPS.get("default/w-0").get(), "stop ran once");
        assertEquals(0, k4s.state("w-0").restartCount());
        Await.result(k4s.runtime.stop(KEY, Duration.ZERO));
        assertTrue(k4s.runtime.state(KEY).isEmpty(), "stopping an ended container forgets it");
    }

    @Test
    void exit_withRestartPolicyAlways_startsAgain() {
        k4s.startReady("w-0", script(Map.of()));

        k4s.router.request(WORKER, "exit");

        Await.until(() -> k4s.state("w-0").restartCount() == 1 && k4s.state("w-0").ready(), "started again");
        assertEquals(2, TestWorkers.STARTS.get("default/w-0").get());
        assertEquals(1, TestWorkers.STOPS.get("default/w-0").get());
        Await.until(() -> events().equals(List.of(RuntimeEvent.Type.STARTED, RuntimeEvent.Type.TERMINATING,
                RuntimeEvent.Type.STOPPED, RuntimeEvent.Type.STARTED)),
                "STARTED, TERMINATING and STOPPED (the exit), STARTED again");
    }

    @Test
    void stop_duringBackoff_stopsAtOnce() {
        k4s.close();
        Duration long10s = Duration.ofSeconds(10);
        k4s = new RuntimeFixture(new RuntimeConfig(long10s, long10s, long10s, Duration.ofMillis(200)),
                RouterConfig.defaults());
        k4s.runtime.start(container("w-0", script(Map.of("failStart", true))));
        Await.until(() -> k4s.state("w-0").phase() == Phase.BACKOFF, "waiting in backoff");

        Await.result(k4s.runtime.stop(KEY, Duration.ofSeconds(5)));

        assertTrue(k4s.runtime.state(KEY).isEmpty());
        Await.until(() -> events().equals(List.of(RuntimeEvent.Type.CRASHED, RuntimeEvent.Type.STOPPED)),
                "CRASHED, then STOPPED");
        assertEquals(1, TestWorkers.STARTS.get("default/w-0").get(), "no restart after the stop");
    }

    @Test
    void nextBackoff_doublesUpToTheMaxAndStartsOverAfterAStableRun() {
        RuntimeConfig config = RuntimeConfig.defaults();
        long ms = 1_000_000L;
        long wait = 0;
        List<Long> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            wait = RestartBackoff.nextBackoff(wait, false, config);
            waits.add(wait / ms);
        }

        assertEquals(List.of(50L, 100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L), waits);
        assertEquals(50, RestartBackoff.nextBackoff(wait, true, config) / ms);
    }

    @Test
    void restartThatCannotGetAThread_failsTheContainer_insteadOfLeavingItInBackoff() {
        k4s.startReady("w-0", script(Map.of()));
        k4s.runtime.runThreads = (executor, name, task) -> {
            throw new OutOfMemoryError("unable to create native thread (test)");
        };

        k4s.router.send(WORKER, "crash");

        Await.until(() -> k4s.state("w-0").phase() == Phase.FAILED, "the container failed");
        assertTrue(k4s.state("w-0").lastError().contains("unable to create native thread (test)"),
                k4s.state("w-0").lastError());
        Await.result(k4s.runtime.stop(KEY, Duration.ZERO));
        assertTrue(events().contains(RuntimeEvent.Type.STOPPED), events().toString());
    }

    @Test
    void startThatCannotGetAThread_throws_andLeavesNothingBehind() {
        k4s.runtime.runThreads = (executor, name, task) -> {
            throw new OutOfMemoryError("unable to create native thread (test)");
        };

        OutOfMemoryError e = assertThrows(OutOfMemoryError.class,
                () -> k4s.runtime.start(container("w-0", script(Map.of()))));

        assertTrue(e.getMessage().contains("(test)"), e.getMessage());
        assertEquals(List.of(), k4s.runtime.list());
        assertThrows(ContainerNotFoundException.class, () -> k4s.router.send(WORKER, "anyone?"));
    }
}
