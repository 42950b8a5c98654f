package io.k4s.core.messaging;

import io.k4s.api.Address;
import io.k4s.api.NoEndpointsException;
import io.k4s.api.resource.LoadBalancing;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One service's endpoints as the router sees them: an immutable snapshot of the registered
 * containers it routes to, its policy, and a turn counter that survives re-snapshots.
 *
 * <p>{@link #pick()} is called by sending threads, concurrently, for every message.
 */
final class Endpoints {

    final Address service;
    final LoadBalancing policy;
    private final ContainerEndpoint[] members;
    private final AtomicLong turn;

    Endpoints(Address service, LoadBalancing policy, ContainerEndpoint[] members, AtomicLong turn) {
        this.service = service;
        this.policy = policy;
        this.members = members;
        this.turn = turn;
    }

    int size() {
        return members.length;
    }

    /** How many members are ready now. */
    int ready() {
        int n = 0;
        for (ContainerEndpoint e : members) {
            if (e.ready()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Choose a ready endpoint by the policy, falling back to the next one in order when the
     * chosen one is not ready.
     *
     * @throws NoEndpointsException naming the service if none is ready
     */
    ContainerEndpoint pick() {
        ContainerEndpoint[] m = members;
        int n = m.length;
        if (n == 0) {
            throw new NoEndpointsException(service);
        }
        if (n == 1) {
            if (m[0].ready()) {
                return m[0];
            }
            throw new NoEndpointsException(service);
        }
        return switch (policy) {
            case RANDOM -> firstReady(m, ThreadLocalRandom.current().nextInt(n));
            case ROUND_ROBIN -> firstReady(m, (int) Math.floorMod(turn.getAndIncrement(), (long) n));
            case LEAST_LOADED -> leastLoaded(m, (int) Math.floorMod(turn.getAndIncrement(), (long) n));
        };
    }

    private ContainerEndpoint firstReady(ContainerEndpoint[] m, int start) {
        int n = m.length;
        for (int i = 0; i < n; i++) {
            int at = start + i;
            ContainerEndpoint e = m[at >= n ? at - n : at];
            if (e.ready()) {
                return e;
            }
        }
        throw new NoEndpointsException(service);
    }

    /** The ready endpoint with the shortest queue; ties go to the first from a rotating start. */
    private ContainerEndpoint leastLoaded(ContainerEndpoint[] m, int start) {
        int n = m.length;
        ContainerEndpoint best = null;
        int bestQueued = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            int at = start + i;
            ContainerEndpoint e = m[at >= n ? at - n : at];
            if (e.ready()) {
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
