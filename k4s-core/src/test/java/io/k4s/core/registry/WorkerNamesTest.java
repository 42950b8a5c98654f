package io.k4s.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerNamesTest {

    @Test
    void derive_dropsTheWorkerSuffixAndWritesKebabCase() {
        assertEquals("echo", WorkerNames.derive("EchoWorker"));
        assertEquals("text-processor", WorkerNames.derive("TextProcessorWorker"));
        assertEquals("http-gateway", WorkerNames.derive("HTTPGateway"));
        assertEquals("base64-decoder", WorkerNames.derive("Base64DecoderWorker"));
        assertEquals("worker", WorkerNames.derive("Worker"));
        assertEquals("calc", WorkerNames.derive("calc"));
    }

    @Test
    void closest_findsPlausibleTyposOnly() {
        List<String> known = List.of("calculator", "echo", "aggregator");
        assertEquals("calculator", WorkerNames.closest("calculater", known));
        assertEquals("echo", WorkerNames.closest("Ecko", known));
        assertNull(WorkerNames.closest("xy", known));
        assertNull(WorkerNames.closest("database", known));
    }
}
