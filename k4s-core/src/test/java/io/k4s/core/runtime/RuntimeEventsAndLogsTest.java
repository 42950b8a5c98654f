package io.k4s.core.runtime;

import static io.k4s.core.runtime.RuntimeFixture.container;
import static io.k4s.core.runtime.RuntimeFixture.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.event.EventRecorder;
import io.k4s.api.event.EventType;
import io.k4s.api.resource.Probe;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.LogLine;
import io.k4s.core.Await;
import io.k4s.core.messaging.Router;
import io.k4s.core.messaging.RouterConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runtime reports to its EventRecorder as a kubelet does, and keeps a bounded log per run. */
class RuntimeEventsAndLogsTest {

    /** One recorded event: type, reason, message and the involved object's name. */
    private record Recorded(EventType type, String reason, String message, String name) {}

    private final Queue<Recorded> recorded = new ConcurrentLinkedQueue<>();
    private final EventRecorder recorder = (involved, type, reason, message) ->
            recorded.add(new Recorded(type, reason, message, involved.name()));
    private final Router router = new Router(RouterConfig.defaults());
    private final VirtualThreadRuntime runtime = new VirtualThreadRuntime(RuntimeFixture.registry(), router,
            RuntimeFixture.resources(), RuntimeConfig.defaults().withBackoff(Duration.ofMillis(10),
                    Duration.ofMillis(40), Duration.ofSeconds(10)).withLogLines(3), Clock.systemUTC(), recorder);

    @AfterEach
    void close() {
        runtime.close();
        router.close();
    }

    private boolean recorded(EventType type, String reason, String message) {
        return recorded.stream().anyMatch(r -> r.type() == type && r.reason().equals(reason)
                && r.message().equals(message) && r.name().equals("ev"));
    }

    @Test
    void startedUnhealthyAndBackOff_goToTheRecorder() {
        runtime.start(container("ev", script(Map.of("notReady", "warming up"))
                .withProbes(Probe.every(Duration.ofMillis(10)).withThresholds(1, 1), null, null)));
        Await.until(() -> recorded(EventType.WARNING, "Unhealthy", "Readiness probe failed: warming up"),
                "an Unhealthy event");
        assertTrue(recorded(EventType.NORMAL, "Started", "Started worker test-script"), recorded.toString());
        assertEquals(false, runtime.state(ResourceKey.of("ev")).orElseThrow().ready(), "never ready");

        router.send(Address.container("ev"), "crash");
        Await.until(() -> recorded.stream().anyMatch(r -> r.reason().equals("BackOff")), "a BackOff event");
        assertTrue(recorded(EventType.WARNING, "BackOff", "Back-off restarting failed worker test-script"),
                recorded.toString());
    }

    @Test
    void theLogKeepsTheLastLinesOfARun_andThePreviousRun() {
        runtime.start(container("ev", script(Map.of())));
        Await.until(() -> runtime.state(ResourceKey.of("ev")).orElseThrow().ready(), "ev ready");
        for (String line : List.of("a", "b", "c", "d")) {
            router.request(Address.container("ev"), "log:" + line).join();
        }
        assertEquals(List.of("INFO b", "INFO c", "INFO d"), texts(runtime.logs(ResourceKey.of("ev"), false)
                .orElseThrow()), "3 lines kept, the oldest dropped");
        assertEquals(List.of(), runtime.logs(ResourceKey.of("ev"), true).orElseThrow());

        router.send(Address.container("ev"), "crash");
        Await.until(() -> runtime.state(ResourceKey.of("ev")).orElseThrow().restartCount() == 1
                && runtime.state(ResourceKey.of("ev")).orElseThrow().ready(), "ev restarted");
        List<String> previous = texts(runtime.logs(ResourceKey.of("ev"), true).orElseThrow());
        assertTrue(previous.getLast().startsWith("ERROR crashed"), previous.toString());
        assertTrue(texts(runtime.logs(ResourceKey.of("ev"), false).orElseThrow()).getFirst()
                .startsWith("INFO [k4s] started worker test-script"));
    }

    private static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(l -> l.format(false)).toList();
    }
}
