package io.k4s.api.resource;

import java.util.List;

/**
 * Contribute kinds to a cluster: the service provider interface through which a jar adds its own
 * resource kinds, next to its reconciler.
 *
 * <p>Register an implementation in {@code META-INF/services/io.k4s.api.resource.KindProvider}
 * (one class name a line) on the classpath or in a {@code --plugins} jar; it needs a public
 * no-arg constructor. A kind, plural, singular or short name that another provider already
 * claims stops the cluster from starting, with both providers named.
 */
public interface KindProvider {

    /** The kinds this provider describes; called once per cluster start. */
    List<ResourceKind<?>> kinds();
}
