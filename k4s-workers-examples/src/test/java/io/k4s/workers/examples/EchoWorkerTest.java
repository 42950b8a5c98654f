package io.k4s.workers.examples;

import static io.k4s.workers.examples.TestMessage.request;
import static io.k4s.workers.examples.TestMessage.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.InvalidParamException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EchoWorkerTest {

    private static EchoWorker started(FakeWorkerContext context) {
        EchoWorker worker = new EchoWorker();
        worker.start(context);
        return worker;
    }

    @Test
    void withoutPrefix_repliesWithThePayloadItself() {
        FakeWorkerContext context = new FakeWorkerContext("echo", Map.of());
        EchoWorker worker = started(context);
        Map<String, Integer> payload = Map.of("a", 1);

        assertEquals("hello", worker.handle(request("hello"), context));
        assertSame(payload, worker.handle(request(payload), context));
        assertEquals(42, worker.handle(request(42), context));
    }

    @Test
    void prefix_isPrependedToThePayloadsText() {
        FakeWorkerContext context = new FakeWorkerContext("echo", Map.of("prefix", "echo: "));
        EchoWorker worker = started(context);

        assertEquals("echo: hello", worker.handle(request("hello"), context));
        assertEquals("echo: 42", worker.handle(request(42), context));
        assertEquals("echo: null", worker.handle(request(null), context));
    }

    @Test
    void handlingMessages_logsNothingAndSendsNothing() throws Exception {
        FakeWorkerContext context = new FakeWorkerContext("echo", Map.of("prefix", ">"));
        EchoWorker worker = started(context);

        worker.handle(request("a"), context);
        worker.handle(send("b"), context);
        worker.stop(context);

        assertEquals(List.of(), context.recordingLog().events());
        assertEquals(List.of(), context.sent());
        assertEquals(List.of(), context.timers());
    }

    @Test
    void prefixOfTheWrongType_failsStartNamingIt() {
        FakeWorkerContext context = new FakeWorkerContext("echo", Map.of("prefix", List.of("x")));

        InvalidParamException e = assertThrows(InvalidParamException.class, () -> started(context));
        assertEquals("prefix", e.param());
    }

    @Test
    void unknownParam_failsStartNamingItAndTheAcceptedOnes() {
        FakeWorkerContext context = new FakeWorkerContext("echo", Map.of("prefx", "> "));

        InvalidParamException e = assertThrows(InvalidParamException.class, () -> started(context));
        assertEquals("prefx", e.param());
        assertTrue(e.getMessage().contains("accepted parameters: prefix"), e.getMessage());
    }
}
