package com.example.greeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.k4s.api.Address;
import io.k4s.api.InvalidParamException;
import io.k4s.api.Message;
import io.k4s.api.Messenger;
import io.k4s.api.Params;
import io.k4s.api.Timer;
import io.k4s.api.WorkerContext;
import io.k4s.api.resource.ResourceClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

class GreeterWorkerTest {

    /** Just enough of a container for the greeter: its params and a logger. */
    record TestContext(Params params) implements WorkerContext {
        TestContext(Map<String, ?> params) {
            this(Params.of(params));
        }

        @Override public String containerName() { return "greeter-0"; }
        @Override public String namespace() { return "default"; }
        @Override public Map<String, String> labels() { return Map.of(); }
        @Override public Address self() { return Address.container("default", "greeter-0"); }
        @Override public Logger log() { return NOPLogger.NOP_LOGGER; }
        @Override public Messenger messenger() { throw new UnsupportedOperationException("not used"); }
        @Override public ResourceClient resources() { throw new UnsupportedOperationException("not used"); }
        @Override public Timer every(Duration period, Object tick) { throw new UnsupportedOperationException("not used"); }
        @Override public Timer after(Duration delay, Object tick) { throw new UnsupportedOperationException("not used"); }
        @Override public void exit() { throw new UnsupportedOperationException("not used"); }
    }

    /** A request from outside the cluster, as k4s hands it to handle(). */
    record Request(Object payload) implements Message {
        @Override public long id() { return 1; }
        @Override public Map<String, String> headers() { return Map.of(); }
        @Override public Optional<Address> sender() { return Optional.empty(); }
        @Override public boolean replyExpected() { return true; }
        @Override public boolean timer() { return false; }
    }

    private static Object greet(Map<String, ?> params, Object payload) {
        TestContext context = new TestContext(params);
        GreeterWorker worker = new GreeterWorker();
        worker.start(context);
        return worker.handle(new Request(payload), context);
    }

    @Test
    void greetsTheNameWithTheDefaultGreeting() {
        assertEquals("Hello, World!", greet(Map.of(), "World"));
        assertEquals("Hello, Ada!", greet(Map.of(), "  Ada "));
    }

    @Test
    void greetingParam_replacesHello() {
        assertEquals("Bonjour, Monde!", greet(Map.of("greeting", "Bonjour"), "Monde"));
    }

    @Test
    void unknownParam_failsStartNamingIt() {
        InvalidParamException e = assertThrows(InvalidParamException.class,
                () -> greet(Map.of("greting", "Hi"), "World"));
        assertEquals("greting", e.param());
    }

    @Test
    void emptyPayload_failsTheRequestWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> greet(Map.of(), " "));
        assertEquals("send a name to greet, for example: request service/greeter World", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> greet(Map.of(), null));
    }

    @Test
    void greetingOfTheWrongType_failsStartNamingTheParam() {
        InvalidParamException e = assertThrows(InvalidParamException.class,
                () -> greet(Map.of("greeting", List.of("Hi")), "World"));
        assertEquals("greeting", e.param());
    }
}
