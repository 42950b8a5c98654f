package io.k4s.core.control;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerRuntime;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.runtime.RuntimeEvent;
import io.k4s.api.runtime.RuntimeListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A container runtime that runs nothing: the test emits its events; the manager only subscribes. */
final class FakeRuntime implements ContainerRuntime {

    final List<RuntimeListener> listeners = new CopyOnWriteArrayList<>();

    void emit(RuntimeEvent event) {
        listeners.forEach(l -> l.onEvent(event));
    }

    @Override
    public AutoCloseable subscribe(RuntimeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public ContainerState start(Container container) {
        throw new UnsupportedOperationException("the manager tests run no containers");
    }

    @Override
    public CompletableFuture<Void> stop(ResourceKey key, Duration gracePeriod) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<ContainerState> state(ResourceKey key) {
        return Optional.empty();
    }

    @Override
    public List<ContainerState> list() {
        return List.of();
    }
}
