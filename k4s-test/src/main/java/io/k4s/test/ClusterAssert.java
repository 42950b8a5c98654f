package io.k4s.test;

import io.k4s.api.K4sException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.core.K4sCluster;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Assertions about one cluster, each waiting up to its deadline; made by
 * {@link K4sAssertions#assertThat(K4sCluster)}. Immutable.
 */
public final class ClusterAssert {

    private final K4sCluster cluster;
    private final Duration deadline;

    ClusterAssert(K4sCluster cluster, Duration deadline) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.deadline = deadline;
    }

    /** The same assertions, waiting up to {@code wait} instead. */
    public ClusterAssert within(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("an assertion's deadline must not be negative, got " + wait);
        }
        return new ClusterAssert(cluster, wait);
    }

    /** Assertions about the container {@code name} of the default namespace. */
    public ContainerAssert container(String name) {
        return container(ObjectMeta.DEFAULT_NAMESPACE, name);
    }

    /** Assertions about the container {@code namespace/name}. */
    public ContainerAssert container(String namespace, String name) {
        return new ContainerAssert(this, namespace, name);
    }

    /** Assertions about the Service {@code name} of the default namespace. */
    public ServiceAssert service(String name) {
        return service(ObjectMeta.DEFAULT_NAMESPACE, name);
    }

    /** Assertions about the Service {@code namespace/name}. */
    public ServiceAssert service(String namespace, String name) {
        return new ServiceAssert(this, namespace, name);
    }

    /** Assertions about the cluster's dead letters. */
    public DeadLettersAssert deadLetters() {
        return new DeadLettersAssert(this);
    }

    /** Assertions about the Events of the default namespace; {@link EventsAssert#forObject} narrows them. */
    public EventsAssert events() {
        return events(ObjectMeta.DEFAULT_NAMESPACE);
    }

    /** Assertions about the Events of {@code namespace}. */
    public EventsAssert events(String namespace) {
        return new EventsAssert(this, namespace, null, null);
    }

    K4sCluster cluster() {
        return cluster;
    }

    /**
     * Wait until {@code condition} holds; fail saying {@code what} was awaited and, from
     * {@code seen}, what was seen when the deadline passed.
     */
    void await(String what, BooleanSupplier condition, Supplier<String> seen) {
        try {
            cluster.await(deadline, what, condition);
        } catch (K4sException e) {
            throw new AssertionError("expected " + what + " within " + deadline.toMillis() + " ms, but "
                    + seen.get(), e);
        }
    }
}
