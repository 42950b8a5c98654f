package io.k4s.test;

import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Service;
import java.util.List;
import java.util.Optional;

/**
 * Assertions about one Service, each waiting up to the deadline; made by
 * {@link ClusterAssert#service(String)}.
 */
public final class ServiceAssert {

    private final ClusterAssert cluster;
    private final ResourceKey key;

    ServiceAssert(ClusterAssert cluster, String namespace, String name) {
        this.cluster = cluster;
        this.key = ResourceKey.of(namespace, name);
    }

    /**
     * Wait until the service routes to exactly {@code count} ready containers: its status lists
     * them and the router sends to them, so a request to the service finds them.
     */
    public ServiceAssert hasEndpoints(int count) {
        cluster.await("service " + key + " to have " + count + " ready endpoints",
                () -> cluster.cluster().router().readyEndpoints(key) == count
                        && endpoints().map(e -> e.size() == count).orElse(false),
                () -> endpoints().map(e -> "its status lists " + e + " and the router has "
                        + cluster.cluster().router().readyEndpoints(key)).orElse("there is no such service"));
        return this;
    }

    private Optional<List<String>> endpoints() {
        return cluster.cluster().resources().get(Service.class, key).map(s -> s.status().endpoints());
    }
}
