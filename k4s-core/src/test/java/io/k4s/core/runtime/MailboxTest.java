package io.k4s.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.core.Await;
import io.k4s.core.messaging.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MailboxTest {

    private static final Address OWNER = Address.container("default", "box-0");

    private static Envelope message(Object payload) {
        return Envelope.timerTick(OWNER, payload);
    }

    private static Mailbox open(int capacity) {
        Mailbox box = new Mailbox(capacity);
        box.open(Thread.currentThread());
        return box;
    }

    @Test
    void poll_returnsMessagesInOfferOrder() {
        Mailbox box = open(10);
        List<Envelope> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Envelope e = message(i);
            sent.add(e);
            assertEquals(Mailbox.ACCEPTED, box.tryOffer(e));
        }
        assertEquals(5, box.queued());
        for (Envelope e : sent) {
            assertSame(e, box.poll());
        }
        assertNull(box.poll());
        assertEquals(0, box.queued());
        assertEquals(5, box.taken());
    }

    @Test
    void tryOffer_refusesBeyondCapacityUntilTheConsumerTakes() {
        Mailbox box = open(2);
        assertEquals(Mailbox.ACCEPTED, box.tryOffer(message(1)));
        assertEquals(Mailbox.ACCEPTED, box.tryOffer(message(2)));
        assertEquals(Mailbox.FULL, box.tryOffer(message(3)));
        assertEquals(1, box.poll().payload());
        assertEquals(Mailbox.ACCEPTED, box.tryOffer(message(4)));
        assertEquals(2, box.queued());
    }

    @Test
    void close_refusesNewMessagesButKeepsAcceptedOnes() {
        Mailbox box = open(5);
        box.tryOffer(message("a"));
        box.tryOffer(message("b"));
        box.close();
        box.close();

        assertTrue(box.isClosed());
        assertEquals(Mailbox.CLOSED, box.tryOffer(message("c")));
        assertEquals("a", box.pollRemaining().payload());
        assertFalse(box.drained());
        assertEquals("b", box.pollRemaining().payload());
        assertNull(box.pollRemaining());
        assertTrue(box.drained());
    }

    @Test
    void open_onlyWhenClosedAndEmpty() {
        Mailbox box = new Mailbox(3);
        assertEquals(Mailbox.CLOSED, box.tryOffer(message("early")), "a new mailbox is closed until opened");
        box.open(Thread.currentThread());
        box.tryOffer(message("x"));
        assertThrows(IllegalStateException.class, () -> box.open(Thread.currentThread()));
        box.close();
        assertThrows(IllegalStateException.class, () -> box.open(Thread.currentThread()));
        box.pollRemaining();
        box.open(Thread.currentThread());
        assertEquals(Mailbox.ACCEPTED, box.tryOffer(message("again")));
    }

    @Test
    void manyProducers_oneParkingConsumer_receiveEverythingOnceInPerProducerOrder() throws Exception {
        int producers = 4;
        int perProducer = 50_000;
        Mailbox box = new Mailbox(1_000);
        int[] next = new int[producers];
        CountDownLatch go = new CountDownLatch(1);
        Thread consumer = Thread.ofVirtual().unstarted(() -> {
            int received = 0;
            while (received < producers * perProducer) {
                Envelope e = box.poll();
                if (e == null) {
                    box.await();
                    continue;
                }
                int[] pair = (int[]) e.payload();
                if (next[pair[0]] != pair[1]) {
                    throw new AssertionError("producer " + pair[0] + ": expected " + next[pair[0]] + ", got " + pair[1]);
                }
                next[pair[0]]++;
                received++;
            }
        });
        box.open(consumer);
        consumer.start();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < perProducer; i++) {
                    Envelope e = message(new int[] {id, i});
                    while (box.tryOffer(e) == Mailbox.FULL) {
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(consumer.join(Await.DEADLINE), "the consumer did not receive every message");
        for (int p = 0; p < producers; p++) {
            assertEquals(perProducer, next[p], "messages of producer " + p);
        }
        assertEquals(0, box.queued());
        assertEquals((long) producers * perProducer, box.taken());
    }
}
