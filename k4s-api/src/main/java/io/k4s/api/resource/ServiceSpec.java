package io.k4s.api.resource;

import java.util.Objects;

/**
 * Say which containers a service routes to and how it picks one.
 *
 * @param selector      a glob on container names or a label map ({@link Selector.Glob} or
 *                      {@link Selector.Labels}; a Kubernetes Service selects by equalities only)
 * @param loadBalancing the policy; {@link LoadBalancing#RANDOM} when null
 */
public record ServiceSpec(Selector selector, LoadBalancing loadBalancing) {

    /**
     * Requires a glob or label selector; defaults the policy.
     *
     * @throws IllegalArgumentException if the selector has set-based requirements, which a
     *                                  manifest cannot write (a string is a glob, a map is labels)
     */
    public ServiceSpec {
        Objects.requireNonNull(selector, "selector");
        if (selector instanceof Selector.Requirements r) {
            throw new IllegalArgumentException("a Service selects by a glob on container names or by a label map,"
                    + " as a Kubernetes Service, not by set-based requirements (\"" + r + "\"); use"
                    + " Selector.labels(Map.of(...)) or Selector.glob(\"calc-*\")");
        }
        loadBalancing = loadBalancing == null ? LoadBalancing.RANDOM : loadBalancing;
    }
}
