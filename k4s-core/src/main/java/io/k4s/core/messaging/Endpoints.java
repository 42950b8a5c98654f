package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.NoEndpointsException;
import io.k4s.api.resource.LoadBalancing;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One service's endpoints as the router sees them: a snapshot of the names it routes to, each
 * a {@link Slot} bound to the container registered under that name (if any), its policy, and a
 * turn counter that survives new snapshots.
 *
 * <p>A new snapshot is made only when the service's names or policy change; a container that
 * registers or leaves just rebinds its slots. {@link #pick()} is called by sending threads,
 * concurrently, for every message.
 */
final class Endpoints {

    /** One name among a service's endpoints, bound to the container registered under it, or not. */
    static final class Slot {
        final Address container;
        volatile ContainerEndpoint endpoint;

        Slot(Address container, ContainerEndpoint endpoint) {
            this.container = container;
            this.endpoint = endpoint;
        }
    }

    final Address service;
    final LoadBalancing policy;
    final List<String> names;
    final Slot[] slots;
    final AtomicLong turn;

    Endpoints(Address service, LoadBalancing policy, List<String> names, Slot[] slots, AtomicLong turn) {
        this.service = service;
        this.policy = policy;
        this.names = names;
        this.slots = slots;
        this.turn = turn;
    }

    int size() {
        return slots.length;
    }

    /** How many slots hold a ready container now. */
    int ready() {
        int n = 0;
        for (Slot s : slots) {
            if (usable(s)) {
                n++;
            }
        }
        return n;
    }

    private static boolean usable(Slot s) {
        ContainerEndpoint e = s.endpoint;
        return e != null && e.ready();
    }

    /**
     * Choose a ready endpoint by the policy, falling back to the next one in order when the
     * chosen one is not registered or not ready.
     *
     * @throws NoEndpointsException naming the service if none is ready
     */
    ContainerEndpoint pick() {
        Slot[] s = slots;
        int n = s.length;
        if (n == 1) {
            ContainerEndpoint only = s[0].endpoint;
            if (only != null && only.ready()) {
                return only;
            }
            throw new NoEndpointsException(service);
        }
        if (n == 0) {
            throw new NoEndpointsException(service);
        }
        return switch (policy) {
            case RANDOM -> firstReady(s, ThreadLocalRandom.current().nextInt(n));
            case ROUND_ROBIN -> firstReady(s, (int) Math.floorMod(turn.getAndIncrement(), (long) n));
            case LEAST_LOADED -> leastLoaded(s, (int) Math.floorMod(turn.getAndIncrement(), (long) n));
        };
    }

    private ContainerEndpoint firstReady(Slot[] s, int start) {
        int n = s.length;
        for (int i = 0; i < n; i++) {
            int at = start + i;
            ContainerEndpoint e = s[at >= n ? at - n : at].endpoint;
            if (e != null && e.ready()) {
                return e;
            }
        }
        throw new NoEndpointsException(service);
    }

    /** The ready endpoint with the shortest queue; ties go to the first from a rotating start. */
    private ContainerEndpoint leastLoaded(Slot[] s, int start) {
        int n = s.length;
        ContainerEndpoint best = null;
        int bestQueued = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            int at = start + i;
            ContainerEndpoint e = s[at >= n ? at - n : at].endpoint;
            if (e != null && e.ready()) {
                int q = e.queued();
                if (q < bestQueued) {
                    best = e;
                    bestQueued = q;
                    if (q == 0) {
                        break;
                    }
                }
            }
        }
        if (best == null) {
            throw new NoEndpointsException(service);
        }
        return best;
    }
}
