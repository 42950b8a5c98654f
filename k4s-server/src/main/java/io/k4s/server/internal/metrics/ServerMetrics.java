package io.k4s.server.internal.metrics;

import io.k4s.api.Address;
import io.k4s.api.DeadLetter;
import io.k4s.api.resource.ResourceKind;
import io.k4s.core.K4sCluster;
import io.k4s.core.control.ControllerStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep the API server's metrics in a Micrometer Prometheus registry and write them in
 * Prometheus' text format: containers ({@link ContainerMeters}), the gateway's requests by
 * target and outcome, API requests by verb, resource and code, dead letters by reason, the
 * store's revision and objects per kind, open watches, each controller's reconciles, failures,
 * time and queue depth, and the JVM's basics. Every name starts with {@code k4s_} (the JVM's too:
 * {@code k4s_jvm_memory_used_bytes}).
 *
 * <p>Thread-safe: meters are recorded from any request thread; {@link #scrape()} is serialized.
 */
public final class ServerMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ContainerMeters containers;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final AutoCloseable deadLetters;

    /** Metrics of {@code cluster}; {@code openWatches} counts the server's watch streams. */
    public ServerMetrics(K4sCluster cluster, IntSupplier openWatches) {
        Objects.requireNonNull(cluster, "cluster");
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith("k4s.") ? id : id.withName("k4s." + id.getName());
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        containers = new ContainerMeters(cluster.runtime());
        registry.getPrometheusRegistry().register(containers);
        Gauge.builder("k4s.store.revision", cluster.resources(), r -> r.resourceVersion())
                .description("The store's revision: the resourceVersion of the latest write").register(registry);
        for (ResourceKind<?> kind : cluster.kinds().kinds()) {
            Gauge.builder("k4s.store.objects", cluster.resources(), r -> r.list(kind.type(), null).size())
                    .description("Objects in the store, by kind").tag("kind", kind.kind()).register(registry);
        }
        Gauge.builder("k4s.api.watches", openWatches, IntSupplier::getAsInt)
                .description("Watch streams open now").register(registry);
        FunctionCounter.builder("k4s.messaging.late.replies", cluster.router(), r -> r.lateReplies())
                .description("Replies that came after their request timed out").register(registry);
        for (ControllerStats stats : cluster.controllerStats()) {
            String name = stats.name();
            FunctionCounter.builder("k4s.controller.reconciles", cluster, c -> stat(c, name).reconciles())
                    .description("Reconciles finished").tag("controller", name).register(registry);
            FunctionCounter.builder("k4s.controller.reconcile.failures", cluster, c -> stat(c, name).failures())
                    .description("Reconciles that failed (conflicts not counted)").tag("controller", name)
                    .register(registry);
            FunctionCounter.builder("k4s.controller.reconcile.conflicts", cluster, c -> stat(c, name).conflicts())
                    .description("Reconciles retried after a stale resourceVersion").tag("controller", name)
                    .register(registry);
            FunctionCounter.builder("k4s.controller.reconcile.seconds", cluster,
                            c -> stat(c, name).reconcileNanos() / 1e9)
                    .description("Time spent reconciling").tag("controller", name).register(registry);
            Gauge.builder("k4s.controller.queue.depth", cluster, c -> stat(c, name).queueDepth())
                    .description("Keys waiting to be reconciled").tag("controller", name).register(registry);
        }
        deadLetters = cluster.router().deadLetters().subscribe(this::deadLetter);
    }

    private static ControllerStats stat(K4sCluster cluster, String name) {
        return cluster.controllerStats().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElse(new ControllerStats(name, 0, 0, 0, 0, 0));
    }

    private void deadLetter(DeadLetter letter) {
        Throwable cause = letter.cause();
        String reason = cause == null ? "Other" : cause.getClass().getSimpleName().replaceAll("Exception$", "");
        Counter.builder("k4s.dead.letters").description("Fire-and-forget messages that could not be handled, by"
                + " reason").tag("reason", reason).register(registry).increment();
    }

    /** Count an API request. */
    public void apiRequest(String verb, String resource, int code, long nanos) {
        Timer.builder("k4s.api.requests").description("Requests to the API server by verb, resource and code")
                .tags("verb", verb, "resource", resource, "code", String.valueOf(code))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /**
     * Count a request or send through the gateway to {@code target}, with its outcome
     * ({@code ok}, {@code no_endpoints}, {@code mailbox_full}, {@code timeout}, {@code worker_failed},
     * {@code not_found}, ...), and how long it took.
     */
    public void gateway(Address target, String operation, String outcome, long nanos) {
        Timer.builder("k4s.gateway.requests").description("Requests and sends through the HTTP gateway, by target"
                        + " and outcome")
                .tags("namespace", target.namespace(), "kind", target.kind().text(), "name", target.name(),
                        "operation", operation, "outcome", outcome)
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** Every metric in Prometheus' text format (0.0.4). */
    public synchronized String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        try {
            deadLetters.close();
        } catch (Exception e) {
            LOG.debug("closing the dead-letter subscription failed", e);
        }
        gc.close();
        registry.close();
    }
}
