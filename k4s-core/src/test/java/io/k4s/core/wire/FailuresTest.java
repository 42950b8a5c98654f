package io.k4s.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.HandleTimeoutException;
import io.k4s.api.K4sException;
import io.k4s.api.MailboxFullException;
import io.k4s.api.NoEndpointsException;
import io.k4s.api.PayloadNotEncodableException;
import io.k4s.api.RateLimitedException;
import io.k4s.api.RequestTimeoutException;
import io.k4s.api.WorkerFailedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailuresTest {

    private static final Address C = Address.container("ns", "calc-0");
    private static final Address S = Address.service("ns", "calc");

    private static <T extends Throwable> T roundTrip(Throwable failure, Class<T> type) {
        K4sException back = Failures.decode(Failures.encode(failure), C);
        assertEquals(failure instanceof K4sException ? failure.getMessage() : back.getMessage(), back.getMessage());
        return assertInstanceOf(type, back);
    }

    @Test
    void everyTypedFailure_isRebuiltAsItsOwnType_withItsFields() {
        MailboxFullException full = roundTrip(new MailboxFullException(C, 8, Duration.ofMillis(20)),
                MailboxFullException.class);
        assertEquals(C, full.container());
        assertEquals(8, full.capacity());
        assertEquals(Duration.ofMillis(20), full.waited());
        assertEquals(2.5, roundTrip(new RateLimitedException(C, 8, 2.5), RateLimitedException.class).maxHandleRate());
        assertEquals(S, roundTrip(new NoEndpointsException(S), NoEndpointsException.class).service());
        roundTrip(NoEndpointsException.unknownService(S), NoEndpointsException.class);
        assertEquals("grace period ended", roundTrip(new ContainerTerminatedException(C, "grace period ended"),
                ContainerTerminatedException.class).reason());
        roundTrip(new ContainerNotFoundException(C), ContainerNotFoundException.class);
        assertEquals(Duration.ofSeconds(2), roundTrip(new HandleTimeoutException(C, Duration.ofSeconds(2)),
                HandleTimeoutException.class).timeout());
        assertEquals(C, roundTrip(new RequestTimeoutException(C, Duration.ofSeconds(1)), RequestTimeoutException.class)
                .target());
        assertEquals("java.lang.Thread", roundTrip(new PayloadNotEncodableException(C, "java.lang.Thread", "payload is"
                + " a thread"), PayloadNotEncodableException.class).payloadType());
    }

    @Test
    void workerFailure_keepsTheCausesClassNameAndMessage() {
        WorkerFailedException back = roundTrip(new WorkerFailedException(C, new ArithmeticException("/ by zero")),
                WorkerFailedException.class);
        RemoteCause cause = assertInstanceOf(RemoteCause.class, back.getCause());
        assertEquals(ArithmeticException.class.getName(), cause.type());
        assertEquals("java.lang.ArithmeticException: / by zero", cause.toString());
    }

    @Test
    void anyOtherFailure_arrivesAsK4sExceptionWithItsMessage() {
        K4sException back = Failures.decode(Failures.encode(new IllegalStateException("odd")), C);
        assertEquals("java.lang.IllegalStateException: odd", back.getMessage());
        K4sException unreadable = Failures.decode(new byte[] {'{'}, C);
        assertEquals(true, unreadable.getMessage().startsWith("ns/container/calc-0"), unreadable.getMessage());
    }
}
