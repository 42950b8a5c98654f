package io.k4s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FlowControlExceptionsTest {

    private static final Address CALC_0 = Address.container("default", "calc-0");
    private static final Address CALC = Address.service("default", "calc");

    private static List<K4sException> flowControlFailures() {
        return List.of(new MailboxFullException(CALC_0, 8), new MailboxFullException(CALC_0, 8, Duration.ofMillis(250)),
                new NoEndpointsException(CALC), NoEndpointsException.unknownService(CALC),
                new ContainerTerminatedException(CALC_0, "it is stopping and takes no new messages"),
                new RequestTimeoutException(CALC, Duration.ofSeconds(2)));
    }

    @Test
    void flowControlFailures_haveNoStackTrace() {
        for (K4sException e : flowControlFailures()) {
            assertEquals(0, e.getStackTrace().length, e.getClass().getSimpleName() + " has a stack trace");
        }
    }

    @Test
    void otherFailures_keepTheirStackTrace() {
        assertTrue(new K4sException("something broke").getStackTrace().length > 0);
        assertTrue(new WorkerFailedException(CALC_0, new IllegalStateException("no")).getStackTrace().length > 0);
    }

    @Test
    void flowControlMessages_nameTheTargetAndWhatToDo_andAreBuiltOnce() {
        List<String> messages = flowControlFailures().stream().map(Throwable::getMessage).toList();

        assertEquals(List.of(
                "default/container/calc-0: mailbox full (capacity 8); slow down, add replicas or raise"
                        + " resources.mailboxCapacity",
                "default/container/calc-0: mailbox full (capacity 8), and no room came within the 250 ms the sender"
                        + " waited; slow down, add replicas or raise resources.mailboxCapacity",
                "default/service/calc: no ready endpoints (no ready container matches the service's selector)",
                "default/service/calc: no ready endpoints: no such service (check the name with get svc; a Service"
                        + " applied a moment ago may not be routed to yet)",
                "default/container/calc-0: terminated before the message was handled (it is stopping and takes no"
                        + " new messages)",
                "default/service/calc: no reply within 2 s"), messages);
        MailboxFullException full = new MailboxFullException(CALC_0, 8);
        assertSame(full.getMessage(), full.getMessage(), "built once, then kept");
        assertEquals(MailboxFullException.class.getName() + ": " + full.getMessage(), full.toString());
    }

    @Test
    void aWaitBelowOneMillisecond_isWrittenInMicroseconds() {
        assertTrue(new MailboxFullException(CALC_0, 8, Duration.ofNanos(500_000)).getMessage()
                .contains("within the 500 µs the sender waited"));
    }

    @Test
    void joiningAFailedFuture_givesACompletionExceptionWithTheJoinersStackTrace() {
        CompletableFuture<Object> failed = CompletableFuture.failedFuture(new RequestTimeoutException(CALC,
                Duration.ofMillis(10)));

        CompletionException e = assertThrows(CompletionException.class, failed::join);

        assertTrue(e.getStackTrace().length > 0, "where the caller joined");
        assertEquals(0, e.getCause().getStackTrace().length);
    }
}
