package io.k4s.api.control;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import java.util.List;
import java.util.Set;

/**
 * Converge one resource's actual state with its spec: the controller SPI.
 *
 * <p>Found with {@link java.util.ServiceLoader}; needs a public no-argument constructor. The
 * controller manager watches {@link #resourceType()}, {@link #ownedTypes()} (an event on an
 * owned resource enqueues its owner's key) and {@link #triggers()}; runtime events of a
 * container (started, crashed, stopped) enqueue its key for reconcilers of {@code Container}.
 * It never runs one key on two threads at once, retries a failed key with per-key exponential
 * backoff, and re-lists every key on a resync period.
 */
public interface Reconciler {

    /** The kind this reconciler converges, for example {@code ReplicaSet.class}. */
    Class<? extends Resource> resourceType();

    /** Kinds whose resources carry an owner reference to {@link #resourceType()}. */
    default Set<Class<? extends Resource>> ownedTypes() {
        return Set.of();
    }

    /** Other kinds whose changes should enqueue keys of {@link #resourceType()}. */
    default List<Trigger> triggers() {
        return List.of();
    }

    /** A short name for logs and metrics; the simple class name by default. */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * Whether this reconciler belongs to the node agent (the kubelet: it acts on this node's
     * containers, {@link ReconcileContext#nodeName()}) and so runs on every node; by default
     * false: a controller, which runs on the elected leader only.
     */
    default boolean nodeAgent() {
        return false;
    }

    /** How many keys may be reconciled at once (never the same key twice). */
    default int concurrency() {
        return 2;
    }

    /**
     * Make the resource named by {@code key} as its spec asks, and report status; must be
     * idempotent.
     *
     * <p>Read the current state from {@link ReconcileContext#resources()} (the key may name a
     * resource that no longer exists: clean up then), act on the difference, and return what
     * should happen next. A thrown exception is logged with the key and retried with backoff;
     * a {@link io.k4s.api.resource.ConflictException} just means "read again".
     *
     * @param key     the namespace and name of the resource
     * @param context the resource API, the container runtime, a clock and a logger
     * @return {@link Result#done()} or {@link Result#requeueAfter(java.time.Duration)}
     * @throws Exception to retry the key with backoff
     */
    Result reconcile(ResourceKey key, ReconcileContext context) throws Exception;
}
