package io.k4s.controllers;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.k4s.api.control.Lister;
import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Selector;
import io.k4s.api.runtime.ContainerRuntime;
import io.k4s.api.runtime.MetricsSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * Controllers over an in-memory store with a simulated kubelet, stepped by the test: each
 * {@link #step} runs the reconcilers under test, then makes the containers a predicate allows
 * ready (the others stay unready, like a worker that never starts), then moves the clock.
 */
final class Simulation implements ReconcileContext {

    private static final int MAX_IMMEDIATE_REQUEUES = 1000;

    final TestContext.MovableClock clock = new TestContext.MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final InMemoryResources resources = new InMemoryResources(clock);
    final ContainerRuntime runtime = mock(ContainerRuntime.class);
    final Logger log = mock(Logger.class);
    /** Which containers the simulated kubelet makes ready. */
    Predicate<Container> healthy = c -> true;
    /** What {@link #metrics()} reads; no figures by default. */
    MetricsSource metrics = key -> Optional.empty();

    Simulation() {
        when(runtime.list()).thenReturn(List.of());
    }

    @Override
    public ResourceClient resources() {
        return resources;
    }

    @Override
    public ContainerRuntime runtime() {
        return runtime;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public MetricsSource metrics() {
        return metrics;
    }

    /** A lister that reads the in-memory store itself: a cache that is never behind. */
    @Override
    public <R extends Resource> Lister<R> lister(Class<R> type) {
        return new Lister<>() {
            @Override
            public Optional<R> get(ResourceKey key) {
                return resources.get(type, key);
            }

            @Override
            public List<R> list(String namespace) {
                return list(namespace, null);
            }

            @Override
            public List<R> list(String namespace, Selector selector) {
                return resources.list(type, namespace, selector).items();
            }

            @Override
            public List<R> ownedBy(String ownerUid) {
                return resources.list(type, null).items().stream().filter(r -> r.metadata().ownerReferences()
                        .stream().anyMatch(ref -> ref.uid().equals(ownerUid))).toList();
            }
        };
    }

    /**
     * Reconcile every resource of each reconciler's kind, in order: once, or again at once while
     * it asks to be requeued without delay (as the work queue would, for example between the
     * slow-start batches of a ReplicaSet).
     */
    void reconcileAll(Reconciler... reconcilers) throws Exception {
        for (Reconciler r : reconcilers) {
            for (var res : resources.list(r.resourceType(), null).items()) {
                reconcile(r, res.key());
            }
        }
    }

    private void reconcile(Reconciler r, ResourceKey key) throws Exception {
        for (int round = 0; round < MAX_IMMEDIATE_REQUEUES; round++) {
            if (!r.reconcile(key, this).requeueDelay().equals(Optional.of(Duration.ZERO))) {
                return;
            }
        }
        throw new AssertionError(r.name() + " still asks to reconcile " + key + " again at once after "
                + MAX_IMMEDIATE_REQUEUES + " rounds");
    }

    /** Make the healthy containers that are not ready yet ready, as of now. */
    void kubelet() {
        for (Container c : resources.list(Container.class, null).items()) {
            if (!c.status().ready() && healthy.test(c)) {
                resources.updateStatus(c.withStatus(new ContainerStatus(ContainerPhase.RUNNING, "", "", true, 0,
                        clock.instant(), null, "", c.metadata().generation(), "", clock.instant())));
            }
        }
    }

    /** One round: the reconcilers, the kubelet, then {@code tick} of time. */
    void step(Duration tick, Reconciler... reconcilers) throws Exception {
        reconcileAll(reconcilers);
        kubelet();
        clock.advance(tick);
    }

    /** The containers whose name starts with {@code prefix}. */
    List<Container> containers(String prefix) {
        return resources.list(Container.class, null).items().stream()
                .filter(c -> c.metadata().name().startsWith(prefix)).toList();
    }

    /** The key of {@code name} in the default namespace. */
    static ResourceKey key(String name) {
        return ResourceKey.of(name);
    }
}
