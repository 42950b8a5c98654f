package io.k4s.core.runtime;

import io.k4s.core.messaging.Envelope;
import io.k4s.core.messaging.WaitingSenders;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Hold one container's waiting messages: a bounded, lock-free, multi-producer single-consumer
 * linked queue that allocates nothing while empty.
 *
 * <p>Producers (any thread) reserve a slot in {@link #count} by CAS, then link the envelope by
 * swapping the tail (Vyukov's intrusive MPSC queue: each {@link Envelope} is its own node, and
 * a stub envelope is linked in again whenever the consumer takes the last one, so a message
 * costs no node and a taken one is not kept). The consumer (the container's thread) takes linked
 * messages one by one, releasing each slot, and keeps draining without parking or signalling
 * until the queue is empty; then it parks, and a producer unparks it only when it announced
 * that it is idle. A closed
 * mailbox refuses new messages but keeps every message it accepted, so the consumer can
 * account for each one.
 *
 * <p>Producers that wait for room park in {@link #waitingSenders}: each message taken wakes one
 * (a volatile read when none waits), and closing wakes them all, so none waits on a mailbox that
 * will never take another message.
 */
final class Mailbox {

    /** {@link #tryOffer} accepted the message. */
    static final int ACCEPTED = 0;
    /** {@link #tryOffer} refused: the mailbox holds {@link #capacity()} messages. */
    static final int FULL = 1;
    /** {@link #tryOffer} refused: the mailbox is closed. */
    static final int CLOSED = 2;

    private static final int CLOSED_BIT = 1 << 30;
    private static final int COUNT_MASK = CLOSED_BIT - 1;

    private static final VarHandle COUNT;
    private static final VarHandle TAIL;
    private static final VarHandle IDLE;
    private static final VarHandle TAKEN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            COUNT = lookup.findVarHandle(Mailbox.class, "count", int.class);
            TAIL = lookup.findVarHandle(Mailbox.class, "tail", Envelope.class);
            IDLE = lookup.findVarHandle(Mailbox.class, "idle", boolean.class);
            TAKEN = lookup.findVarHandle(Mailbox.class, "taken", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    /** The producers parked until this mailbox has room. */
    final WaitingSenders waitingSenders = new WaitingSenders();
    /** Accepted and not yet taken, plus {@link #CLOSED_BIT} once closed. */
    private volatile int count = CLOSED_BIT;
    /** The last envelope linked, or the stub. */
    private volatile Envelope tail;
    private volatile boolean idle;
    private volatile Thread consumer;
    /** The placeholder linked in whenever the queue would otherwise lose its last node. */
    private final Envelope stub = Envelope.mailboxStub();
    /** Consumer only: the next envelope to take, or the stub. */
    private Envelope head;
    /** Written by the consumer only (opaque): how many messages it took in all. */
    private long taken;

    /** A closed, empty mailbox; {@link #open} it for a consumer. */
    Mailbox(int capacity) {
        this.capacity = capacity;
        this.head = stub;
        this.tail = stub;
    }

    int capacity() {
        return capacity;
    }

    /** Messages accepted and not yet taken by the consumer; any thread. */
    int queued() {
        return count & COUNT_MASK;
    }

    /** Messages the consumer took in all; any thread. */
    long taken() {
        return (long) TAKEN.getOpaque(this);
    }

    boolean isClosed() {
        return (count & CLOSED_BIT) != 0;
    }

    /**
     * Accept messages again, for {@code newConsumer}; only when closed and emptied (a new run
     * of the container).
     */
    void open(Thread newConsumer) {
        if (count != CLOSED_BIT) {
            throw new IllegalStateException("a mailbox can only be opened when closed and empty, count="
                    + count);
        }
        consumer = newConsumer;
        idle = false;
        count = 0;
    }

    /**
     * Put {@code e} at the end, or say why not: {@link #ACCEPTED}, {@link #FULL} or
     * {@link #CLOSED}; any thread. {@code e} must be new: linked into no mailbox before
     * (refused offers do not link it). Nothing is allocated, so nothing can fail between
     * reserving a slot and filling it; a mailbox that is full or closed refuses after one
     * volatile read.
     */
    int tryOffer(Envelope e) {
        int c = count;
        if (c >= capacity) {
            return (c & CLOSED_BIT) != 0 ? CLOSED : FULL;
        }
        while (!COUNT.weakCompareAndSet(this, c, c + 1)) {
            c = count;
            if (c >= capacity) {
                return (c & CLOSED_BIT) != 0 ? CLOSED : FULL; // the closed bit is above any capacity
            }
        }
        link(e);
        if (idle) {
            signal();
        }
        return ACCEPTED;
    }

    /**
     * Refuse further messages and wake the consumer; the messages already accepted stay for
     * the consumer to take. Any thread; idempotent.
     */
    void close() {
        int c;
        do {
            c = count;
            if ((c & CLOSED_BIT) != 0) {
                return;
            }
        } while (!COUNT.weakCompareAndSet(this, c, c | CLOSED_BIT));
        signal();
        waitingSenders.wakeAll();
    }

    /**
     * The next message, or {@code null} if none is linked right now; wakes a producer waiting
     * for the slot it frees. Consumer only.
     */
    Envelope poll() {
        Envelope h = head;
        Envelope next = h.mailboxNext();
        if (h == stub) {
            if (next == null) {
                return null; // empty, or the first producer is still linking
            }
            stub.mailboxUnlink();
            head = next;
            h = next;
            next = h.mailboxNext();
        }
        if (next == null) {
            if (h != tail) {
                return null; // a producer swapped the tail and is still linking after h
            }
            // h is the last node: link the stub after it, so that h can leave the queue.
            link(stub);
            next = h.mailboxNext(); // the stub, or an envelope linked before it
            if (next == null) {
                return null; // a producer swapped the tail between the check and the stub; not yet linked
            }
        }
        head = next;
        h.mailboxUnlink();
        return release(h);
    }

    /** Put {@code e} (new, or the stub) at the end; its slot was reserved (or it is the stub). */
    private void link(Envelope e) {
        Envelope previous = (Envelope) TAIL.getAndSet(this, e);
        previous.mailboxLink(e);
    }

    /** Account for {@code e}, just unlinked from the queue; consumer only. */
    private Envelope release(Envelope e) {
        // The slot is freed before the waiters are looked at; a waiter offers again after it
        // announced itself, so one of the two sees the other (WaitingSenders).
        COUNT.getAndAdd(this, -1);
        TAKEN.setOpaque(this, taken + 1);
        if (!waitingSenders.isEmpty()) {
            waitingSenders.wakeOne();
        }
        return e;
    }

    /**
     * After {@link #close()}: the next message still accepted, or {@code null} once every
     * accepted message was taken; waits for a producer that is still linking. Consumer only.
     */
    Envelope pollRemaining() {
        while (true) {
            Envelope e = poll();
            if (e != null || queued() == 0) {
                return e;
            }
            Thread.onSpinWait();
        }
    }

    /** Whether the mailbox is closed and every accepted message was taken; consumer only. */
    boolean drained() {
        return count == CLOSED_BIT;
    }

    /**
     * Park until a message arrives or the mailbox closes; returns at once if either already
     * happened, and may return spuriously. Clears the consumer's interrupt flag first: parking
     * returns at once for an interrupted thread, so a flag left set would make the consumer
     * spin; whoever wants the consumer to act closes the mailbox instead. Consumer only.
     */
    void await() {
        Thread.interrupted();
        IDLE.setVolatile(this, true);
        if (count == 0) {
            LockSupport.park(this);
        } else {
            Thread.onSpinWait();
        }
        IDLE.setVolatile(this, false);
    }

    private void signal() {
        if (IDLE.compareAndSet(this, true, false)) {
            LockSupport.unpark(consumer);
        }
    }
}
