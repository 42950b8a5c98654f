package io.k4s.core.control;

import io.k4s.api.control.Lister;
import io.k4s.api.control.ReconcileContext;
import io.k4s.api.event.EventRecorder;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.runtime.ContainerRuntime;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What the manager hands each reconcile: shared parts, the informer caches of every watched kind
 * a logger named after the reconciler, the cluster's event recorder and the node's name.
 */
record ManagerContext(ResourceClient resources, ContainerRuntime runtime, Clock clock, Logger log,
                      Map<Class<? extends Resource>, InformerCache> caches, EventRecorder events,
                      String nodeName)
        implements ReconcileContext {

    ManagerContext {
        caches = Map.copyOf(caches);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <R extends Resource> Lister<R> lister(Class<R> type) {
        InformerCache cache = caches.get(type);
        if (cache == null) {
            throw new IllegalArgumentException("no reconciler of this controller manager watches " + type.getSimpleName()
                    + ", so there is no cache of it; declare it in resourceType(), ownedTypes() or triggers(), or read"
                    + " the store (resources())");
        }
        return (Lister) cache;
    }
}
