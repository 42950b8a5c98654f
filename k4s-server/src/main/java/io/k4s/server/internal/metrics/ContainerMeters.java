package io.k4s.server.internal.metrics;

import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerRuntime;
import io.k4s.api.runtime.ContainerState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Export each container's message metrics: messages received, handled and failed, mailbox
 * depth, restarts and its phase, tagged with namespace and container. The one class that reads
 * the runtime for {@code /metrics}: today from {@link ContainerState}'s counters; a runtime that
 * keeps handle-time histograms adds them here.
 *
 * <p>{@link #refresh()} runs before each scrape (scrapes are serialized by the caller): it takes
 * one snapshot per container, registers meters for new containers and removes those of
 * containers that are gone, so a scrape never reports a container twice or a stale one.
 */
final class ContainerMeters {

    /** The latest snapshot of one container, read by its meters. */
    private static final class Snapshot {
        volatile MessageCounters counters = MessageCounters.ZERO;
        volatile int restarts;
        volatile int running;
        final List<Meter> meters = new ArrayList<>();
    }

    private final MeterRegistry registry;
    private final ContainerRuntime runtime;
    /** Guarded by this. */
    private final Map<ResourceKey, Snapshot> snapshots = new HashMap<>();

    ContainerMeters(MeterRegistry registry, ContainerRuntime runtime) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /** Take a snapshot of every container the runtime knows. */
    synchronized void refresh() {
        Set<ResourceKey> seen = new HashSet<>();
        for (ContainerState state : runtime.list()) {
            seen.add(state.key());
            Snapshot s = snapshots.computeIfAbsent(state.key(), this::register);
            s.counters = state.counters();
            s.restarts = state.restartCount();
            s.running = state.phase() == ContainerState.Phase.RUNNING ? 1 : 0;
        }
        snapshots.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            e.getValue().meters.forEach(registry::remove);
            return true;
        });
    }

    private Snapshot register(ResourceKey key) {
        Snapshot s = new Snapshot();
        Tags tags = Tags.of("namespace", key.namespace(), "container", key.name());
        s.meters.add(FunctionCounter.builder("k4s.container.messages.received", s, x -> x.counters.received())
                .description("Messages accepted into the container's mailbox").tags(tags).register(registry));
        s.meters.add(FunctionCounter.builder("k4s.container.messages.handled", s, x -> x.counters.processed())
                .description("Messages whose handler returned normally").tags(tags).register(registry));
        s.meters.add(FunctionCounter.builder("k4s.container.messages.failed", s, x -> x.counters.failed())
                .description("Messages whose handler threw").tags(tags).register(registry));
        s.meters.add(Gauge.builder("k4s.container.mailbox.depth", s, x -> x.counters.queued())
                .description("Messages waiting in the mailbox now").tags(tags).register(registry));
        s.meters.add(FunctionCounter.builder("k4s.container.restarts", s, x -> x.restarts)
                .description("How often the container was restarted").tags(tags).register(registry));
        s.meters.add(Gauge.builder("k4s.container.running", s, x -> x.running)
                .description("1 while the container runs, 0 while it starts, backs off or stops").tags(tags)
                .register(registry));
        return s;
    }
}
