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
 * <p>Producers (any thread) reserve a slot in {@link #count} by CAS, then link a node by
 * swapping the tail (Vyukov's MPSC queue). The consumer (the container's thread) takes linked
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
    private static final VarHandle NEXT;
    private static final VarHandle TAKEN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            COUNT = lookup.findVarHandle(Mailbox.class, "count", int.class);
            TAIL = lookup.findVarHandle(Mailbox.class, "tail", Node.class);
            IDLE = lookup.findVarHandle(Mailbox.class, "idle", boolean.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
            TAKEN = lookup.findVarHandle(Mailbox.class, "taken", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Node {
        Envelope value;
        volatile Node next;

        Node(Envelope value) {
            this.value = value;
        }
    }

    private final int capacity;
    /** The producers parked until this mailbox has room. */
    final WaitingSenders waitingSenders = new WaitingSenders();
    /** Accepted and not yet taken, plus {@link #CLOSED_BIT} once closed. */
    private volatile int count = CLOSED_BIT;
    private volatile Node tail;
    private volatile boolean idle;
    private volatile Thread consumer;
    /** Consumer only: the last taken node (the stub). */
    private Node head;
    /** Written by the consumer only (opaque): how many messages it took in all. */
    private long taken;

    /** A closed, empty mailbox; {@link #open} it for a consumer. */
    Mailbox(int capacity) {
        this.capacity = capacity;
        Node stub = new Node(null);
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
     * {@link #CLOSED}; any thread. The node is allocated before a slot is reserved: an
     * allocation that fails ({@link OutOfMemoryError}) then leaves no reserved slot that no
     * message fills, which would make the consumer wait for it forever. A mailbox that is full
     * or closed already refuses before allocating, so a refusal costs one volatile read.
     */
    int tryOffer(Envelope e) {
        int c = count;
        if (c >= capacity) {
            return (c & CLOSED_BIT) != 0 ? CLOSED : FULL;
        }
        Node node = new Node(e);
        while (!COUNT.weakCompareAndSet(this, c, c + 1)) {
            c = count;
            if (c >= capacity) {
                return (c & CLOSED_BIT) != 0 ? CLOSED : FULL; // the closed bit is above any capacity
            }
        }
        Node previous = (Node) TAIL.getAndSet(this, node);
        NEXT.setRelease(previous, node);
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
        Node next = head.next;
        if (next == null) {
            return null;
        }
        head = next;
        Envelope e = next.value;
        next.value = null;
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
