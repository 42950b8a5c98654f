package io.k4s.core.runtime;

import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k4s.api.Address;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerState.Phase;
import io.k4s.api.runtime.RuntimeEvent;
import io.k4s.core.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A runtime listener that throws, even an Error, harms neither the container nor the other listeners. */
class ListenerIsolationTest {

    private static final Address WORKER = Address.container("default", "w-0");

    private final RuntimeFixture k4s = new RuntimeFixture();

    @AfterEach
    void close() {
        k4s.close();
    }

    @Test
    void listenerThrowingAnError_doesNotCrashTheContainer_norStallItsEvents() {
        k4s.runtime.subscribe(event -> {
            throw new AssertionError("listener bug on " + event.type());
        });
        Queue<RuntimeEvent.Type> heard = new ConcurrentLinkedQueue<>();
        k4s.runtime.subscribe(event -> heard.add(event.type()));

        k4s.startReady("w-0", script(Map.of()));

        assertEquals("w-0", Await.result(k4s.router.request(WORKER, "whoami")));
        assertEquals(Phase.RUNNING, k4s.state("w-0").phase());
        assertEquals(0, k4s.state("w-0").restartCount());
        Await.result(k4s.runtime.stop(ResourceKey.of("w-0"), Duration.ofSeconds(1)));
        Await.until(() -> heard.contains(RuntimeEvent.Type.STOPPED), "the later events reach the other listener");
        assertEquals(RuntimeEvent.Type.STARTED, heard.peek());
        assertEquals(List.of(), k4s.runtime.list());
    }
}
