package io.k4s.server.internal.metrics;

import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerMetrics;
import io.k4s.api.runtime.ContainerRuntime;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.runtime.HandleTimes;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Export each container's message metrics from the runtime's own snapshots
 * ({@link ContainerRuntime#metrics()}), tagged with namespace and container: messages received,
 * handled and failed, mailbox depth, replies pending, busy time, the handle-time histogram (the
 * runtime's power-of-two buckets from 1 µs, as classic Prometheus buckets), the request-latency
 * histogram (sending to answer, same buckets), restarts, long handles,
 * dropped timer ticks, and whether it runs. The one class that reads the runtime for
 * {@code /metrics}.
 *
 * <p>A Prometheus collector: each scrape takes one snapshot of every container, so containers that
 * are gone disappear at once and nothing is registered per container. Called by the scraping
 * thread; the runtime's snapshots are lock-free.
 */
final class ContainerMeters implements MultiCollector {

    private static final double[] UPPER_BOUNDS = new double[HandleTimes.BUCKETS];

    static {
        for (int b = 0; b < HandleTimes.BUCKETS; b++) {
            long upper = HandleTimes.upperBoundNanos(b);
            UPPER_BOUNDS[b] = upper == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : upper / 1e9;
        }
    }

    private final ContainerRuntime runtime;

    ContainerMeters(ContainerRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public MetricSnapshots collect() {
        List<ContainerMetrics> all = runtime.metrics();
        Map<ResourceKey, Boolean> running = new HashMap<>();
        for (ContainerState state : runtime.list()) {
            running.put(state.key(), state.phase() == ContainerState.Phase.RUNNING);
        }
        HistogramSnapshot.Builder handleTimes = HistogramSnapshot.builder().name("k4s_container_handle_seconds")
                .help("How long each handle took");
        HistogramSnapshot.Builder requestTimes = HistogramSnapshot.builder().name("k4s_container_request_seconds")
                .help("How long each answered request took from its sending to its answer (mailbox wait plus handle)");
        for (ContainerMetrics m : all) {
            handleTimes.dataPoint(histogram(m, m.handleTimes(), m.busyNanos()));
            requestTimes.dataPoint(histogram(m, m.requestTimes(), m.requestNanos()));
        }
        return MetricSnapshots.of(
                counter(all, "k4s_container_messages_received", "Messages accepted into the mailbox", m -> m.received()),
                counter(all, "k4s_container_messages_handled", "Messages whose handle returned or whose stage completed",
                        m -> m.handled()),
                counter(all, "k4s_container_messages_failed", "Messages whose handle threw or whose stage failed",
                        m -> m.failed()),
                gauge(all, "k4s_container_mailbox_depth", "Messages waiting in the mailbox now", m -> m.queued()),
                gauge(all, "k4s_container_pending_replies", "Replies whose stage has not completed yet",
                        m -> m.pendingReplies()),
                counter(all, "k4s_container_busy_seconds", "Time spent inside handle", m -> m.busyNanos() / 1e9),
                handleTimes.build(),
                requestTimes.build(),
                counter(all, "k4s_container_restarts", "How often the container was restarted", m -> m.restarts()),
                counter(all, "k4s_container_long_handles", "Handles that held a carrier thread past the runtime's"
                        + " long-handle threshold", m -> m.longHandles()),
                counter(all, "k4s_container_ticks_dropped", "Timer ticks not delivered", m -> m.ticksDropped()),
                gauge(all, "k4s_container_running", "1 while the container runs", m -> Boolean.TRUE.equals(
                        running.get(m.key())) ? 1 : 0));
    }

    private static HistogramDataPointSnapshot histogram(ContainerMetrics m, HandleTimes times, long sumNanos) {
        return HistogramDataPointSnapshot.builder().labels(labels(m))
                .classicHistogramBuckets(ClassicHistogramBuckets.of(UPPER_BOUNDS, times.counts()))
                .sum(sumNanos / 1e9).build();
    }

    private static CounterSnapshot counter(List<ContainerMetrics> all, String name, String help,
                                           ToDoubleFunction<ContainerMetrics> value) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        all.forEach(m -> b.dataPoint(CounterDataPointSnapshot.builder().labels(labels(m))
                .value(value.applyAsDouble(m)).build()));
        return b.build();
    }

    private static GaugeSnapshot gauge(List<ContainerMetrics> all, String name, String help,
                                       ToDoubleFunction<ContainerMetrics> value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        all.forEach(m -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels(m))
                .value(value.applyAsDouble(m)).build()));
        return b.build();
    }

    private static Labels labels(ContainerMetrics m) {
        return Labels.of("namespace", m.key().namespace(), "container", m.key().name());
    }
}
