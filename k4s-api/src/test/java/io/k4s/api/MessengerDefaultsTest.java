package io.k4s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The default waiting methods, for messengers that implement only the refusing ones. */
class MessengerDefaultsTest {

    private static final Address TO = Address.service("default", "sink");
    private static final Address SINK_0 = Address.container("default", "sink-0");

    /** Refuses the first {@code refusals} messages as full, then takes everything. */
    private static final class Refusing implements Messenger {
        private int refusals;
        final List<Object> accepted = new ArrayList<>();

        Refusing(int refusals) {
            this.refusals = refusals;
        }

        @Override
        public void send(Address to, Object payload) {
            if (refusals > 0) {
                refusals--;
                throw new MailboxFullException(SINK_0, 4);
            }
            accepted.add(payload);
        }

        @Override
        public CompletableFuture<Object> request(Address to, Object payload) {
            return request(to, payload, Duration.ofSeconds(1));
        }

        @Override
        public CompletableFuture<Object> request(Address to, Object payload, Duration timeout) {
            try {
                send(to, payload);
                return CompletableFuture.completedFuture("reply to " + payload);
            } catch (MailboxFullException full) {
                return CompletableFuture.failedFuture(full);
            }
        }
    }

    @Test
    void trySend_isFalseWhenFull_andTrueWhenTaken() {
        Refusing messenger = new Refusing(1);

        assertFalse(messenger.trySend(TO, "a"));
        assertTrue(messenger.trySend(TO, "b"));
        assertEquals(List.of("b"), messenger.accepted);
    }

    @Test
    void waitingSend_retriesUntilTaken() throws InterruptedException {
        Refusing messenger = new Refusing(5);

        messenger.send(TO, "a", Duration.ofSeconds(30));

        assertEquals(List.of("a"), messenger.accepted);
    }

    @Test
    void waitingSend_failsWithTheWaitOnceTheDeadlinePassed() {
        Refusing messenger = new Refusing(Integer.MAX_VALUE);

        MailboxFullException e = assertThrows(MailboxFullException.class,
                () -> messenger.send(TO, "a", Duration.ofMillis(20)));

        assertEquals(Duration.ofMillis(20), e.waited());
        assertEquals(SINK_0, e.container());
        assertEquals(List.of(), messenger.accepted);
    }

    @Test
    void waitingSend_withoutAWait_isAPlainSend() {
        Refusing messenger = new Refusing(1);

        MailboxFullException e = assertThrows(MailboxFullException.class,
                () -> messenger.send(TO, "a", Duration.ZERO));
        assertEquals(Duration.ZERO, e.waited());
        assertThrows(NullPointerException.class, () -> messenger.send(TO, "a", null));
    }

    @Test
    void waitingSend_interrupted_sendsNothing() {
        Refusing messenger = new Refusing(Integer.MAX_VALUE);
        Thread.currentThread().interrupt();

        assertThrows(InterruptedException.class, () -> messenger.send(TO, "a", Duration.ofSeconds(30)));
        assertFalse(Thread.interrupted(), "the flag is cleared, as InterruptedException does");
        assertEquals(List.of(), messenger.accepted);
    }

    @Test
    void waitingRequest_retriesWhileRefused_thenReturnsTheFuture() throws Exception {
        Refusing messenger = new Refusing(3);

        assertEquals("reply to q", messenger.request(TO, "q", Duration.ofSeconds(1), Duration.ofSeconds(30)).join());

        Refusing never = new Refusing(Integer.MAX_VALUE);
        CompletableFuture<Object> refused = never.request(TO, "q", Duration.ofSeconds(1), Duration.ofMillis(5));
        assertInstanceOf(MailboxFullException.class, refused.exceptionNow());
        assertSame(CompletableFuture.class, refused.getClass());
    }
}
