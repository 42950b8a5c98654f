package io.k4s.core;

import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Service;
import io.k4s.core.messaging.Router;
import io.k4s.core.store.ResourceStore;
import java.util.Set;

/**
 * Keep the router's view of service endpoints equal to the endpoints the Service reconciler
 * writes into Service status, following the Services in the store on one platform thread
 * ({@code k4s-endpoints}; see {@link ResourceFollower}).
 */
final class EndpointsSync implements AutoCloseable, ResourceFollower.Listener<Service> {

    private final Router router;
    private final ResourceFollower<Service> follower;

    EndpointsSync(ResourceStore store, Router router) {
        this.router = router;
        this.follower = new ResourceFollower<>(store, Service.class, "k4s-endpoints", this);
    }

    void start() {
        follower.start();
    }

    @Override
    public void present(Service s) {
        router.updateEndpoints(s.key(), s.spec().loadBalancing(), s.status().endpoints());
    }

    @Override
    public void deleted(Service s) {
        router.removeService(s.key());
    }

    @Override
    public void retain(Set<ResourceKey> keys) {
        router.retainServices(keys);
    }

    @Override
    public void close() {
        follower.close();
    }
}
