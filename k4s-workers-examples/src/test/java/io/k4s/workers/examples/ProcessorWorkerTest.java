package io.k4s.workers.examples;

import static io.k4s.workers.examples.TestMessage.request;
import static io.k4s.workers.examples.TestMessage.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.InvalidParamException;
import io.k4s.api.NoEndpointsException;
import io.k4s.workers.examples.FakeWorkerContext.Sent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessorWorkerTest {

    private static ProcessorWorker started(FakeWorkerContext context) {
        ProcessorWorker worker = new ProcessorWorker();
        worker.start(context);
        return worker;
    }

    private static Object process(String operation, Object payload) {
        FakeWorkerContext context = new FakeWorkerContext("processor-0", Map.of("operation", operation));
        return started(context).handle(request(payload), context);
    }

    @Test
    void defaultOperation_isUpper() {
        FakeWorkerContext context = new FakeWorkerContext("processor-0", Map.of());
        assertEquals("ORDER 1", started(context).handle(request("order 1"), context));
    }

    @ParameterizedTest(name = "{0}({1}) = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            upper      | Hello World        | HELLO WORLD
            lower      | Hello World        | hello world
            reverse    | abc                | cba
            trim       | "  padded  "       | padded
            capitalize | hELLO wORLD        | Hello world
            identity   | "  As Is "         | "  As Is "
            UPPER      | case-insensitive   | CASE-INSENSITIVE
            """)
    void textOperations(String operation, String payload, String expected) {
        assertEquals(expected, process(operation, payload));
    }

    @Test
    void lengthAndWords_areIntegers() {
        assertEquals(5, process("length", "hello"));
        assertEquals(2, process("length", "a\uD83D\uDE00"), "an emoji is one code point");
        assertEquals(3, process("words", "  one two\tthree  "));
        assertEquals(0, process("words", "   "));
        assertEquals(0, process("length", ""));
    }

    @Test
    void reverse_keepsSurrogatePairsTogether() {
        assertEquals("\uD83D\uDE00a", process("reverse", "a\uD83D\uDE00"));
    }

    @Test
    void capitalize_ofEmptyText_isEmpty() {
        assertEquals("", process("capitalize", ""));
    }

    @Test
    void nonStringPayload_isProcessedAsItsText() {
        assertEquals("24", process("reverse", 42));
        assertEquals("[A, B]", process("upper", List.of("a", "b")));
        assertEquals(4, process("length", null));
    }

    @Test
    void forwardTo_sendsTheResultThereAndStillReplies() {
        FakeWorkerContext context = new FakeWorkerContext("processor-0",
                Map.of("operation", "upper", "forwardTo", "service/aggregator"));
        ProcessorWorker worker = started(context);

        assertEquals("ORDER 1", worker.handle(request("order 1"), context));
        worker.handle(send("order 2"), context);

        assertEquals(List.of(new Sent(Address.service("aggregator"), "ORDER 1"),
                new Sent(Address.service("aggregator"), "ORDER 2")), context.sent());
    }

    @Test
    void forwardTo_acceptsAContainerAddressInAnotherNamespace() {
        FakeWorkerContext context = new FakeWorkerContext("processor-0",
                Map.of("operation", "length", "forwardTo", "team-a/container/agg-0"));
        started(context).handle(send("four"), context);

        assertEquals(List.of(new Sent(Address.container("team-a", "agg-0"), 4)), context.sent());
    }

    @Test
    void withoutForwardTo_sendsNothing() {
        FakeWorkerContext context = new FakeWorkerContext("processor-0", Map.of("operation", "lower"));
        started(context).handle(send("X"), context);
        assertEquals(List.of(), context.sent());
    }

    @Test
    void failedForward_propagatesToTheCaller() {
        FakeWorkerContext context = new FakeWorkerContext("processor-0", Map.of("forwardTo", "service/agg"));
        ProcessorWorker worker = started(context);
        context.refuseSends(NoEndpointsException::new);

        NoEndpointsException e = assertThrows(NoEndpointsException.class,
                () -> worker.handle(request("x"), context));
        assertEquals(Address.service("agg"), e.service());
    }

    @Test
    void unknownOperation_failsStartNamingTheParamAndTheChoices() {
        FakeWorkerContext context = new FakeWorkerContext("processor-0", Map.of("operation", "shout"));

        InvalidParamException e = assertThrows(InvalidParamException.class, () -> started(context));
        assertEquals("operation", e.param());
        assertEquals("spec.params.operation: expected one of upper, lower, reverse, trim, length,"
                + " capitalize, words, identity, got \"shout\"", e.getMessage());
    }

    @Test
    void malformedForwardTo_failsStartNamingTheParam() {
        FakeWorkerContext context = new FakeWorkerContext("processor-0", Map.of("forwardTo", "aggregator"));

        InvalidParamException e = assertThrows(InvalidParamException.class, () -> started(context));
        assertEquals("forwardTo", e.param());
        assertTrue(e.getMessage().contains("invalid address \"aggregator\""), e.getMessage());
    }

    @Test
    void unknownParam_failsStart() {
        FakeWorkerContext context = new FakeWorkerContext("processor-0", Map.of("forward", "service/x"));

        InvalidParamException e = assertThrows(InvalidParamException.class, () -> started(context));
        assertEquals("forward", e.param());
        assertTrue(e.getMessage().endsWith("accepted parameters: forwardTo, operation"), e.getMessage());
    }

    @Test
    void eachContainerGetsItsOwnConfiguration() {
        FakeWorkerContext upper = new FakeWorkerContext("p-0", Map.of("operation", "upper"));
        FakeWorkerContext lower = new FakeWorkerContext("p-1", Map.of("operation", "lower"));
        ProcessorWorker first = started(upper);
        ProcessorWorker second = started(lower);

        assertEquals("AB", first.handle(request("aB"), upper));
        assertEquals("ab", second.handle(request("aB"), lower));
    }
}
