package io.k4s.workers.examples;

import static io.k4s.workers.examples.TestMessage.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.InvalidParamException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimesWorkerTest {

    @Test
    void start_countsThePrimesBelowTheLimit_andEndsTheRunWithTheCount() {
        FakeWorkerContext context = new FakeWorkerContext("primes-1", Map.of("limit", 100));
        PrimesWorker worker = new PrimesWorker();

        worker.start(context);

        assertTrue(context.exited());
        assertEquals("25 primes below 100", context.result());
        assertNull(context.failure());
        assertEquals("counting primes below 100", worker.handle(request("progress?"), context));
    }

    @Test
    void count_agreesWithKnownPrimeCounts() {
        assertEquals(0, PrimesWorker.count(2));
        assertEquals(1, PrimesWorker.count(3));
        assertEquals(4, PrimesWorker.count(10));
        assertEquals(9592, PrimesWorker.count(100_000));
    }

    @Test
    void aContainerListedInFailIn_failsItsRun_andOthersSucceed() {
        FakeWorkerContext listed = new FakeWorkerContext("batch-2", Map.of("limit", 10, "failIn", List.of("batch-2")));
        FakeWorkerContext other = new FakeWorkerContext("batch-3", Map.of("limit", 10, "failIn", List.of("batch-2")));

        new PrimesWorker().start(listed);
        new PrimesWorker().start(other);

        assertFalse(listed.exited());
        assertEquals("flaky on purpose: batch-2 is listed in failIn", listed.failure().getMessage());
        assertEquals("4 primes below 10", other.result());
    }

    @Test
    void limitOutOfRange_orUnknownParam_failsStartNamingIt() {
        assertEquals("limit", assertThrows(InvalidParamException.class, () -> new PrimesWorker()
                .start(new FakeWorkerContext("p", Map.of("limit", 1)))).param());
        assertEquals("limit", assertThrows(InvalidParamException.class, () -> new PrimesWorker()
                .start(new FakeWorkerContext("p", Map.of("limit", PrimesWorker.MAX_LIMIT + 1)))).param());
        assertEquals("limt", assertThrows(InvalidParamException.class, () -> new PrimesWorker()
                .start(new FakeWorkerContext("p", Map.of("limt", 5)))).param());
    }
}
