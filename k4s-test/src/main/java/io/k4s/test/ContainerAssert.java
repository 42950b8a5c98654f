package io.k4s.test;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ResourceKey;
import java.util.Optional;

/**
 * Assertions about one container's status as its reconciler writes it, each waiting up to the
 * deadline; made by {@link ClusterAssert#container(String)}.
 */
public final class ContainerAssert {

    private final ClusterAssert cluster;
    private final ResourceKey key;

    ContainerAssert(ClusterAssert cluster, String namespace, String name) {
        this.cluster = cluster;
        this.key = ResourceKey.of(namespace, name);
    }

    /** Wait until the container exists and is ready (its services route to it). */
    public ContainerAssert isReady() {
        cluster.await("container " + key + " to be ready", () -> status().map(ContainerStatus::ready).orElse(false),
                this::seen);
        return this;
    }

    /** Wait until the container is in {@code phase} (Running, Succeeded, Failed, Pending...). */
    public ContainerAssert hasPhase(ContainerPhase phase) {
        cluster.await("container " + key + " to be " + phase.text(),
                () -> status().map(s -> s.phase() == phase).orElse(false), this::seen);
        return this;
    }

    /** Wait until the container has been restarted at least {@code times} times. */
    public ContainerAssert hasRestarted(int times) {
        cluster.await("container " + key + " to have restarted " + times + " times",
                () -> status().map(s -> s.restartCount() >= times).orElse(false), this::seen);
        return this;
    }

    /** Wait until the container's status says {@code reason} (such as {@code Unschedulable} or {@code ImageNotFound}). */
    public ContainerAssert hasReason(String reason) {
        cluster.await("container " + key + " to say " + reason,
                () -> status().map(s -> s.reason().equals(reason)).orElse(false), this::seen);
        return this;
    }

    /** Wait until the container is gone from the store. */
    public void isGone() {
        cluster.await("container " + key + " to be gone", () -> status().isEmpty(), this::seen);
    }

    private Optional<ContainerStatus> status() {
        return cluster.cluster().resources().get(Container.class, key).map(Container::status);
    }

    private String seen() {
        return status().map(s -> "it is " + s.phase().text() + (s.ready() ? ", ready" : ", not ready")
                        + (s.reason().isEmpty() ? "" : ", " + s.reason())
                        + (s.message().isEmpty() ? "" : ": " + s.message())
                        + (s.restartCount() == 0 ? "" : " (" + s.restartCount() + " restarts)"))
                .orElse("there is no such container");
    }
}
