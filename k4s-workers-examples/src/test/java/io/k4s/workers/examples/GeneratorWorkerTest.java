package io.k4s.workers.examples;

import static io.k4s.workers.examples.TestMessage.request;
import static io.k4s.workers.examples.TestMessage.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.InvalidParamException;
import io.k4s.api.MailboxFullException;
import io.k4s.api.NoEndpointsException;
import io.k4s.workers.examples.FakeWorkerContext.FakeTimer;
import io.k4s.workers.examples.FakeWorkerContext.Sent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class GeneratorWorkerTest {

    private static GeneratorWorker started(FakeWorkerContext context) {
        GeneratorWorker worker = new GeneratorWorker();
        worker.start(context);
        return worker;
    }

    private static void tick(GeneratorWorker worker, FakeWorkerContext context, int times) {
        for (int i = 0; i < times; i++) {
            assertNull(worker.handle(context.onlyTimer().tick(), context));
        }
    }

    @Test
    void defaults_everySecondUnlimitedWithTheDefaultTemplate() {
        FakeWorkerContext context = new FakeWorkerContext("gen", Map.of("target", "service/sink"));
        GeneratorWorker worker = started(context);
        FakeTimer timer = context.onlyTimer();
        assertEquals(Duration.ofSeconds(1), timer.period());
        assertTrue(timer.repeating());
        assertEquals(List.of(), context.sent(), "nothing is sent before the first tick");

        tick(worker, context, 25);

        assertEquals(IntStream.rangeClosed(1, 25).mapToObj(n -> "message " + n).toList(), context.sentPayloads());
        assertTrue(context.sent().stream().allMatch(s -> s.to().equals(Address.service("sink"))));
        assertTrue(context.sent().stream().allMatch(s -> s.maxWait().equals(Duration.ofSeconds(1))),
                "waits up to 1 s for room by default: " + context.sent());
        assertFalse(timer.cancelled(), "count 0 never stops");
    }

    @Test
    void interval_setsTheTimerPeriod() {
        FakeWorkerContext context = new FakeWorkerContext("gen", Map.of("target", "service/sink", "interval", "100ms"));
        started(context);
        assertEquals(Duration.ofMillis(100), context.onlyTimer().period());
    }

    @Test
    void template_replacesSequenceNumberAndContainerName() {
        FakeWorkerContext context = new FakeWorkerContext("gen-0",
                Map.of("target", "container/sink-0", "template", "order {n} from {container} ({n})"));
        GeneratorWorker worker = started(context);
        tick(worker, context, 2);

        assertEquals(List.of("order 1 from gen-0 (1)", "order 2 from gen-0 (2)"), context.sentPayloads());
        assertTrue(context.sent().stream().allMatch(s -> s.to().equals(Address.container("sink-0"))));
    }

    @Test
    void count_cancelsTheTimerAfterThatManyAndIgnoresLateTicks() {
        FakeWorkerContext context = new FakeWorkerContext("gen", Map.of("target", "service/sink", "count", 3));
        GeneratorWorker worker = started(context);
        FakeTimer timer = context.onlyTimer();

        tick(worker, context, 2);
        assertFalse(timer.cancelled());
        tick(worker, context, 1);
        assertTrue(timer.cancelled());
        assertTrue(context.recordingLog().messages(Level.INFO).contains("sent 3 messages to service/sink;"
                + " stopped the timer"), context.recordingLog().events().toString());

        tick(worker, context, 2); // ticks that were queued before the cancel still arrive
        assertEquals(List.of("message 1", "message 2", "message 3"), context.sentPayloads());
    }

    @Test
    void unavailableTarget_isSkippedLoggedAtDebugAndTheNumberRetried() {
        FakeWorkerContext context = new FakeWorkerContext("gen", Map.of("target", "service/sink", "count", 2));
        GeneratorWorker worker = started(context);

        context.refuseSends(NoEndpointsException::new);
        tick(worker, context, 2);
        context.refuseSends(to -> new MailboxFullException(Address.container("sink-0"), 5));
        tick(worker, context, 1);
        context.refuseSends(ContainerNotFoundException::new);
        tick(worker, context, 1);
        context.refuseSends(to -> new ContainerTerminatedException(to, "it is stopping and takes no new messages"));
        tick(worker, context, 1);
        assertEquals(Map.of("sent", 0L, "skipped", 5L), worker.handle(request("stats"), context));
        List<String> debug = context.recordingLog().messages(Level.DEBUG);
        assertEquals(5, debug.size());
        assertTrue(debug.getFirst().startsWith("skipped message 1 to service/sink (1 skipped so far):"
                + " service/sink: no ready endpoints"), debug.getFirst());

        context.acceptSends();
        tick(worker, context, 2);
        assertEquals(List.of("message 1", "message 2"), context.sentPayloads(), "numbers without gaps");
        assertEquals(Map.of("sent", 2L, "skipped", 5L), worker.handle(request("stats"), context));
        assertTrue(context.onlyTimer().cancelled(), "count counts messages actually sent");
    }

    @Test
    void maxWait_isHowLongASendWaitsForRoom_zeroNeverWaits() {
        FakeWorkerContext context = new FakeWorkerContext("gen", Map.of("target", "service/sink", "maxWait", "0"));
        GeneratorWorker worker = started(context);
        tick(worker, context, 1);
        assertEquals(List.of(new Sent(Address.service("sink"), "message 1", Duration.ZERO)), context.sent());
    }

    @Test
    void aSendInterruptedWhileWaiting_isSkipped_andTheInterruptKept() {
        FakeWorkerContext context = new FakeWorkerContext("gen", Map.of("target", "service/sink"));
        GeneratorWorker worker = started(context);
        context.interruptWaitingSends();

        try {
            tick(worker, context, 1);
            assertTrue(Thread.interrupted(), "the interrupt is restored for the runtime to see");
        } finally {
            Thread.interrupted();
        }
        assertEquals(Map.of("sent", 0L, "skipped", 1L), worker.handle(request("stats"), context));
        context.acceptSends();
        tick(worker, context, 1);
        assertEquals(List.of("message 1"), context.sentPayloads());
    }

    @Test
    void otherSendFailures_propagate() {
        FakeWorkerContext context = new FakeWorkerContext("gen", Map.of("target", "service/sink"));
        GeneratorWorker worker = started(context);
        context.refuseSends(to -> new IllegalStateException("router closed"));

        assertThrows(IllegalStateException.class, () -> tick(worker, context, 1));
        assertEquals(Map.of("sent", 0L, "skipped", 0L), worker.handle(request("stats"), context));
    }

    @Test
    void stats_reportsSentAndSkippedInThatOrder() {
        FakeWorkerContext context = new FakeWorkerContext("gen", Map.of("target", "service/sink"));
        GeneratorWorker worker = started(context);
        tick(worker, context, 3);

        Map<?, ?> stats = (Map<?, ?>) worker.handle(request("stats"), context);
        assertEquals(List.of("sent", "skipped"), List.copyOf(stats.keySet()));
        assertEquals(3L, stats.get("sent"));
    }

    @Test
    void otherMessages_areRejectedWithAClearError() {
        FakeWorkerContext context = new FakeWorkerContext("gen", Map.of("target", "service/sink"));
        GeneratorWorker worker = started(context);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> worker.handle(request("go"), context));
        assertEquals("generator gen answers only the request \"stats\"; it got String go", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> worker.handle(send("stats"), context));
        assertThrows(IllegalStateException.class, () -> worker.handle(TestMessage.tick("other"), context));
    }

    @Test
    void badParams_failStartNamingTheParamAndStartNoTimer() {
        assertParamError("target", Map.of(), "is required");
        assertParamError("target", Map.of("target", "sink"), "invalid address \"sink\"");
        assertParamError("interval", Map.of("target", "service/s", "interval", "-1s"), "positive duration");
        assertParamError("interval", Map.of("target", "service/s", "interval", "often"), "expected a duration");
        assertParamError("count", Map.of("target", "service/s", "count", -1), "at least 0, got -1");
        assertParamError("count", Map.of("target", "service/s", "count", 1.5), "expected an integer");
        assertParamError("template", Map.of("target", "service/s", "template", List.of()), "expected a string");
        assertParamError("maxWait", Map.of("target", "service/s", "maxWait", "-5ms"), "a duration of 0 or more");
        assertParamError("targets", Map.of("targets", "service/s"), "accepted parameters: count, interval,"
                + " maxWait, target, template");
    }

    private static void assertParamError(String param, Map<String, ?> params, String expected) {
        FakeWorkerContext context = new FakeWorkerContext("gen", params);
        InvalidParamException e = assertThrows(InvalidParamException.class, () -> started(context));
        assertEquals(param, e.param());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(List.of(), context.timers());
    }
}
