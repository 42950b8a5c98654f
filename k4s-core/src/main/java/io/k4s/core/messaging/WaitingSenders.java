package io.k4s.core.messaging;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The senders parked until one mailbox has room: the consumer's half of back-pressure.
 *
 * <p>One per mailbox. A sender that found the mailbox full adds itself here (through a
 * {@link RoomWaiter}), offers once more, and parks. The consumer calls {@link #wakeOne()} after
 * each message it takes while {@link #isEmpty()} is false, so a consumer nobody waits on pays one
 * volatile read per message and nothing else; closing the mailbox calls {@link #wakeAll()}. No
 * wake-up is lost: a sender adds itself before its last offer and the consumer frees the slot
 * before it looks here (both through volatile accesses), so either the offer sees the room or
 * the consumer sees the sender.
 *
 * <p>Thread-safe. Adding, removing and waking take a lock that is never held while parking or
 * unparking; {@link #isEmpty()} takes none.
 */
public final class WaitingSenders {

    /** One sender's place in this list: a sender waiting on several mailboxes has one in each. */
    static final class Link {
        final RoomWaiter waiter;
        final ContainerEndpoint endpoint;
        /** Guarded by the list's lock. */
        Link prev;
        Link next;
        boolean linked;

        Link(RoomWaiter waiter, ContainerEndpoint endpoint) {
            this.waiter = waiter;
            this.endpoint = endpoint;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}: oldest first. */
    private Link head;
    private Link tail;
    /** Links in the list; written under the lock, read without it. */
    private volatile int size;

    /** Whether no sender waits; any thread, lock-free. */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Wake the longest-waiting sender that is still waiting, if any: one slot was freed. Senders
     * that a wake-up from another mailbox reached first are dropped on the way. Any thread.
     */
    public void wakeOne() {
        RoomWaiter woken = null;
        lock.lock();
        try {
            for (Link l = head; l != null; l = head) {
                unlink(l);
                if (l.waiter.wake(l.endpoint)) {
                    woken = l.waiter;
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        if (woken != null) {
            LockSupport.unpark(woken.thread);
        }
    }

    /** Wake every waiting sender: the mailbox closed, so each must look again. Any thread. */
    public void wakeAll() {
        if (isEmpty()) {
            return;
        }
        Link woken = null;
        lock.lock();
        try {
            for (Link l = head; l != null; l = head) {
                unlink(l);
                if (l.waiter.wake(l.endpoint)) {
                    l.next = woken; // reuse the unlinked link as a list of whom to unpark
                    woken = l;
                }
            }
        } finally {
            lock.unlock();
        }
        for (Link l = woken; l != null; l = l.next) {
            LockSupport.unpark(l.waiter.thread);
        }
    }

    /** Add {@code waiter}, waiting for room in {@code endpoint}'s mailbox; the sender's thread. */
    Link add(RoomWaiter waiter, ContainerEndpoint endpoint) {
        Link l = new Link(waiter, endpoint);
        lock.lock();
        try {
            l.prev = tail;
            if (tail == null) {
                head = l;
            } else {
                tail.next = l;
            }
            tail = l;
            l.linked = true;
            size = size + 1;
        } finally {
            lock.unlock();
        }
        return l;
    }

    /** Take {@code l} out, unless a wake-up did already; the sender's thread. */
    void remove(Link l) {
        lock.lock();
        try {
            if (l.linked) {
                unlink(l);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. */
    private void unlink(Link l) {
        if (l.prev == null) {
            head = l.next;
        } else {
            l.prev.next = l.next;
        }
        if (l.next == null) {
            tail = l.prev;
        } else {
            l.next.prev = l.prev;
        }
        l.prev = null;
        l.next = null;
        l.linked = false;
        size = size - 1;
    }
}
