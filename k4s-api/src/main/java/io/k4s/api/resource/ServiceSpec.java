package io.k4s.api.resource;

import java.util.Objects;

/**
 * Say which containers a service routes to and how it picks one.
 *
 * @param selector      a glob on container names or a label selector
 * @param loadBalancing the policy; {@link LoadBalancing#RANDOM} when null
 */
public record ServiceSpec(Selector selector, LoadBalancing loadBalancing) {

    /** Requires a selector; defaults the policy. */
    public ServiceSpec {
        Objects.requireNonNull(selector, "selector");
        loadBalancing = loadBalancing == null ? LoadBalancing.RANDOM : loadBalancing;
    }
}
