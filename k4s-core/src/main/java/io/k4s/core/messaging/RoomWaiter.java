package io.k4s.core.messaging;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * One sender waiting for room in one or more mailboxes: its thread, its places in their
 * {@link WaitingSenders}, and which consumer woke it.
 *
 * <p>The sender's thread {@linkplain #arm arms} it before its last offer of a round and
 * {@linkplain #disarm disarms} it after parking; in between, the first consumer to take a
 * message from one of those mailboxes wakes it ({@link #wake}, a compare-and-set, so only one
 * does). Reused for every round of one wait.
 */
final class RoomWaiter {

    private static final VarHandle WOKEN_BY;
    /** {@link #wokenBy} of a waiter that was disarmed before any consumer woke it. */
    private static final Object DISARMED = new Object();

    static {
        try {
            WOKEN_BY = MethodHandles.lookup().findVarHandle(RoomWaiter.class, "wokenBy", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread = Thread.currentThread();
    /** {@code null} while armed, the {@link ContainerEndpoint} whose consumer woke it, or {@link #DISARMED}. */
    private volatile Object wokenBy = DISARMED;
    /** Sender's thread only. */
    private final List<WaitingSenders.Link> links = new ArrayList<>(4);

    /** Wait on each of {@code endpoints}' mailboxes from now on; the sender's thread. */
    void arm(List<ContainerEndpoint> endpoints) {
        wokenBy = null;
        for (ContainerEndpoint e : endpoints) {
            links.add(e.waitingSenders().add(this, e));
        }
    }

    /**
     * Stop waiting: leave every list, and return the endpoint whose consumer woke this sender
     * since {@link #arm}, or {@code null}. The sender's thread.
     */
    ContainerEndpoint disarm() {
        for (WaitingSenders.Link l : links) {
            l.endpoint.waitingSenders().remove(l);
        }
        links.clear();
        Object by = WOKEN_BY.getAndSet(this, DISARMED);
        return by == DISARMED ? null : (ContainerEndpoint) by;
    }

    /** Wake this sender for room in {@code endpoint}'s mailbox, unless another did first or it stopped waiting. */
    boolean wake(ContainerEndpoint endpoint) {
        return WOKEN_BY.compareAndSet(this, null, endpoint);
    }
}
