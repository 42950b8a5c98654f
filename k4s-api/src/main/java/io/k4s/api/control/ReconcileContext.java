package io.k4s.api.control;

import io.k4s.api.event.EventRecorder;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.runtime.ContainerRuntime;
import io.k4s.api.runtime.MetricsSource;
import java.time.Clock;
import org.slf4j.Logger;

/**
 * Give a reconciler what it may act on: the resource API, the informer caches, the container
 * runtime, a clock and a logger. Thread-safe.
 */
public interface ReconcileContext {

    /** The resource API. */
    ResourceClient resources();

    /** The container runtime (the CRI of k4s). */
    ContainerRuntime runtime();

    /** The cluster's clock, for timestamps in status. */
    Clock clock();

    /**
     * The node this context runs on ({@code spec.nodeName} of the containers it runs), or
     * {@code null} for a context of no node (then a node agent runs every container).
     */
    default String nodeName() {
        return null;
    }

    /** A logger named after the reconciler. */
    Logger log();

    /**
     * Read resources of {@code type} from the controller manager's informer cache instead of
     * listing the store on every reconcile.
     *
     * <p>The manager keeps a cache for every kind some reconciler watches: its
     * {@link Reconciler#resourceType()}, {@link Reconciler#ownedTypes()} and
     * {@link Reconciler#triggers()}. Contexts written before listers existed have none.
     *
     * @throws IllegalArgumentException      if no reconciler of the manager watches {@code type}
     * @throws UnsupportedOperationException if this context has no informer caches
     */
    default <R extends Resource> Lister<R> lister(Class<R> type) {
        throw new UnsupportedOperationException(getClass().getName() + " has no informer caches");
    }

    /**
     * The per-container load figures an autoscaler reads; by default the runtime's metrics
     * ({@link MetricsSource#fromRuntime}: mailbox depth, messages handled, busy time) sampled at
     * {@link #clock()}'s time.
     */
    default MetricsSource metrics() {
        return MetricsSource.fromRuntime(runtime(), clock());
    }

    /**
     * Record events about the resources this reconciler manages ({@code SuccessfulCreate},
     * {@code ScalingReplicaSet}, {@code FailedCreate}...); they show in {@code describe} and
     * {@code get events}. Contexts without an event store drop them ({@link EventRecorder#NONE}).
     */
    default EventRecorder events() {
        return EventRecorder.NONE;
    }
}
