package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.ContainerNotFoundException;
import io.k4s.api.ContainerTerminatedException;
import io.k4s.api.K4sException;
import io.k4s.api.NoEndpointsException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Put one envelope into a mailbox of its target, for the {@link Router}: a container's, or one
 * of a service's ready replicas', refusing at once or waiting for room.
 *
 * <p>A service's policy chooses the replica to try first; when its mailbox is full, every other
 * ready replica is tried in turn after it (in endpoint order), so a full replica never refuses a
 * message that another could take. A replica that stops meanwhile is skipped.
 *
 * <p>Waiting ({@link #await}): the sender arms a {@link RoomWaiter} on the mailboxes it may use
 * (the container's, or every ready replica's), offers once more, and parks until a consumer
 * wakes it, the deadline passes, or {@value #RECHECK_MILLIS} ms go by; then it disarms, offers
 * again (to the mailbox that woke it first), and arms again only if that fails. A sender that
 * does not use its wake-up (its message went elsewhere, or it gave up) passes it on to the next
 * sender waiting on that mailbox, so none is lost. Looking again every {@value #RECHECK_MILLIS}
 * ms, it sees replicas that became ready meanwhile and a closed router without any signal for
 * them.
 *
 * <p>Thread-safe; runs on the sending thread.
 */
final class Delivery {

    static final long RECHECK_MILLIS = 10;
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS);

    private final Router router;
    private final Directory directory;

    Delivery(Router router, Directory directory) {
        this.router = router;
        this.directory = directory;
    }

    /**
     * Put {@code envelope} into a mailbox of {@code to} (resolved in {@code namespace} if it is
     * relative) if one has room now.
     *
     * @return {@code null} if a mailbox accepted it, else the full endpoint tried first
     * @throws NoEndpointsException if the target is a service with no ready endpoint
     * @throws ContainerNotFoundException if the target container is not registered
     * @throws ContainerTerminatedException if the target container takes no messages, or every
     *         ready replica of the service stopped meanwhile
     */
    ContainerEndpoint offer(Address to, String namespace, Envelope envelope) {
        String ns = to.namespace() != null ? to.namespace() : namespace;
        if (to.kind() == Address.Kind.CONTAINER) {
            ContainerEndpoint c = directory.container(ns, to.name());
            if (c == null) {
                throw new ContainerNotFoundException(to.resolveIn(namespace));
            }
            return c.offer(envelope) ? null : c;
        }
        Endpoints endpoints = directory.service(ns, to.name());
        if (endpoints == null) {
            throw NoEndpointsException.unknownService(to.resolveIn(namespace));
        }
        ContainerEndpoint first = endpoints.pick();
        try {
            if (first.offer(envelope)) {
                return null;
            }
        } catch (ContainerTerminatedException | ContainerNotFoundException gone) {
            // It stopped between the pick and the offer; the others are tried below.
        }
        return offerToOthers(endpoints, first, envelope);
    }

    /** After {@code first} refused: try every other ready replica, in endpoint order after it. */
    private ContainerEndpoint offerToOthers(Endpoints endpoints, ContainerEndpoint first, Envelope envelope) {
        Endpoints.Slot[] slots = endpoints.slots;
        int n = slots.length;
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (slots[i].endpoint == first) {
                start = i + 1;
                break;
            }
        }
        ContainerEndpoint full = first.accepting() ? first : null;
        RuntimeException gone = null;
        for (int i = 0; i < n; i++) {
            int at = start + i;
            ContainerEndpoint e = slots[at >= n ? at - n : at].endpoint;
            if (e == null || e == first || !e.ready()) {
                continue;
            }
            try {
                if (e.offer(envelope)) {
                    return null;
                }
                if (full == null) {
                    full = e;
                }
            } catch (ContainerTerminatedException | ContainerNotFoundException stopped) {
                gone = stopped;
            }
        }
        if (full != null) {
            return full;
        }
        throw gone != null ? gone : new NoEndpointsException(endpoints.service);
    }

    /**
     * Wait until a mailbox of {@code target} takes {@code envelope}, or {@code deadline}
     * ({@link System#nanoTime()}) passes; see the class comment.
     *
     * @param refused the endpoint that refused it first, named when the wait fails
     * @return {@code null} if a mailbox accepted it, else {@code refused}
     * @throws InterruptedException if the thread is interrupted while it waits; nothing was sent
     * @throws RouterClosedException if the router closes meanwhile
     * @throws K4sException the failures of {@link #offer} (no endpoints, container not found or
     *         terminated), when the target comes to that while the sender waits
     */
    ContainerEndpoint await(Address target, Envelope envelope, ContainerEndpoint refused, long deadline)
            throws InterruptedException {
        RoomWaiter waiter = new RoomWaiter();
        ContainerEndpoint woke = null; // whose wake-up this sender holds and has not used
        try {
            List<ContainerEndpoint> candidates = candidates(target);
            while (true) {
                // Armed: a consumer that frees a slot from here on wakes this sender.
                waiter.arm(candidates);
                ContainerEndpoint into;
                try {
                    into = offerAny(target, candidates, envelope, null);
                    if (into == null) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return refused;
                        }
                        LockSupport.parkNanos(this, Math.min(left, RECHECK_NANOS));
                    }
                } finally {
                    woke = waiter.disarm();
                }
                if (into != null) {
                    return null; // a wake-up that came after the offer is passed on below
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException(target + ": interrupted while waiting for room in a mailbox;"
                            + " nothing was sent");
                }
                // Unarmed: most wake-ups find room, and then arming again costs more than it saves.
                candidates = candidates(target);
                into = offerAny(target, candidates, envelope, woke);
                if (into != null) {
                    if (into == woke) {
                        woke = null;
                    }
                    return null;
                }
                woke = null; // its mailbox was full again: another sender took the slot, nothing to pass on
            }
        } finally {
            if (woke != null) {
                woke.waitingSenders().wakeOne();
            }
        }
    }

    /**
     * Yield the carrier if the calling thread is virtual: a refused sender's courtesy to the
     * consumers, often virtual threads on the same carriers, so a producer that retries at once
     * cannot keep them from making room. A platform thread returns at once.
     */
    static void yieldIfVirtual() {
        if (Thread.currentThread().isVirtual()) {
            Thread.yield();
        }
    }

    /** The endpoints a waiting sender may use now: the container, or every ready replica. */
    private List<ContainerEndpoint> candidates(Address target) {
        router.checkOpen(target);
        if (target.kind() == Address.Kind.CONTAINER) {
            ContainerEndpoint c = directory.container(target);
            if (c == null) {
                throw new ContainerNotFoundException(target);
            }
            return List.of(c);
        }
        Endpoints endpoints = directory.service(target);
        if (endpoints == null) {
            throw NoEndpointsException.unknownService(target);
        }
        List<ContainerEndpoint> ready = new ArrayList<>(endpoints.size());
        for (Endpoints.Slot slot : endpoints.slots) {
            ContainerEndpoint e = slot.endpoint;
            if (e != null && e.ready()) {
                ready.add(e);
            }
        }
        if (ready.isEmpty()) {
            throw new NoEndpointsException(target);
        }
        return ready;
    }

    /**
     * Offer to {@code preferred} (if it is a candidate), then to the other candidates in order;
     * the one that took it, or {@code null}. A replica of a service that stopped is skipped; a
     * container addressed directly that stopped fails the send.
     */
    private static ContainerEndpoint offerAny(Address target, List<ContainerEndpoint> candidates, Envelope envelope,
                                              ContainerEndpoint preferred) {
        boolean direct = target.kind() == Address.Kind.CONTAINER;
        if (preferred != null && candidates.contains(preferred) && offered(preferred, envelope, direct)) {
            return preferred;
        }
        for (ContainerEndpoint c : candidates) {
            if (c != preferred && offered(c, envelope, direct)) {
                return c;
            }
        }
        return null;
    }

    private static boolean offered(ContainerEndpoint c, Envelope envelope, boolean direct) {
        try {
            return c.offer(envelope);
        } catch (ContainerTerminatedException | ContainerNotFoundException gone) {
            if (direct) {
                throw gone;
            }
            return false; // a replica that stopped: its mailbox closing woke this sender
        }
    }
}
