package io.k4s.core;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.messaging.Router;
import io.k4s.core.store.ResourceStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tell the router which containers run on other nodes: every Container whose
 * {@code spec.nodeName} names another node is {@linkplain Router#locate located} there, and
 * forgotten when it is deleted, unbound or bound to this node. Follows the Containers in the
 * store on one platform thread ({@code k4s-placement}; see {@link ResourceFollower}); runs only
 * when the cluster has a transport.
 */
final class ContainerPlacement implements AutoCloseable, ResourceFollower.Listener<Container> {

    private final Router router;
    private final String node;
    private final ResourceFollower<Container> follower;
    /** Containers located on another node: thread of the follower only. */
    private final Map<ResourceKey, Address> located = new HashMap<>();

    ContainerPlacement(ResourceStore store, Router router, String node) {
        this.router = router;
        this.node = node;
        this.follower = new ResourceFollower<>(store, Container.class, "k4s-placement", this);
    }

    void start() {
        follower.start();
    }

    @Override
    public void present(Container c) {
        String at = c.spec().nodeName();
        Address address = Address.container(c.metadata().namespace(), c.metadata().name());
        if (at == null || at.equals(node)) {
            if (located.remove(c.key()) != null) {
                router.forget(address);
            }
            return;
        }
        located.put(c.key(), address);
        router.locate(address, at);
    }

    @Override
    public void deleted(Container c) {
        Address address = located.remove(c.key());
        if (address != null) {
            router.forget(address);
        }
    }

    @Override
    public void retain(Set<ResourceKey> keys) {
        located.entrySet().removeIf(e -> {
            if (keys.contains(e.getKey())) {
                return false;
            }
            router.forget(e.getValue());
            return true;
        });
    }

    @Override
    public void close() {
        follower.close();
    }
}
