package io.k4s.core;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Lease;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.Node;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep this JVM's node registered and alive, as a kubelet's node status and lease updates: create
 * (or take back) its {@link Node} with its labels and capacity and {@code Ready=True}, and, when
 * the store is shared with other JVMs, renew its {@link Lease} in
 * {@value Lease#NODE_LEASE_NAMESPACE} every renew interval. A renewal also
 * sets {@code Ready} back to {@code True} when the node lifecycle controller had turned it
 * {@code Unknown} (the node was cut off and is back), and creates the Node again if it was
 * deleted.
 *
 * <p>Renewals run on the platform thread {@code k4s-node-heartbeat}; a failed one is logged and
 * tried again at the next interval (the lease runs out only after several). {@link #close()}
 * stops renewing; the Node stays, as a kubelet that stops leaves its Node.
 */
final class NodeHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final ResourceClient store;
    private final Clock clock;
    private final NodeSettings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "k4s-node-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean failing;

    NodeHeartbeat(ResourceClient store, Clock clock, NodeSettings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Register the node now (failures propagate); with a store other JVMs share, also take its lease
     * and renew it every interval. A JVM with a store of its own has no lease to renew: nobody else
     * could see it stop, and a write every few seconds would only churn the store.
     */
    void start(boolean shared) {
        if (!shared) {
            reportReady(clock.instant());
            return;
        }
        ensureNamespace();
        beat();
        long every = settings.renewInterval().toNanos();
        timer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.NANOSECONDS);
    }

    private void renew() {
        try {
            beat();
            if (failing) {
                LOG.info("node {}: its lease is renewed again", settings.name());
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("node {}: could not renew its lease: {}; trying again in {} ms", settings.name(), e.toString(),
                        settings.renewInterval().toMillis());
            }
            failing = true;
        }
    }

    /** Renew the lease, and report the node Ready when it is not. */
    private void beat() {
        Instant now = clock.instant();
        renewLease(now);
        reportReady(now);
    }

    private void renewLease(Instant now) {
        int seconds = settings.leaseDurationSeconds();
        Optional<Lease> found = store.get(Lease.class, Lease.NODE_LEASE_NAMESPACE, settings.name());
        if (found.isEmpty()) {
            try {
                store.create(new Lease(ObjectMeta.of(Lease.NODE_LEASE_NAMESPACE, settings.name()),
                        new Lease.LeaseSpec(settings.name(), seconds, now, now, 0)));
            } catch (AlreadyExistsException e) {
                LOG.debug("node {}: its lease appeared meanwhile; renewing it next time", settings.name());
            }
            return;
        }
        Lease.LeaseSpec spec = found.get().spec();
        Lease.LeaseSpec renewed = settings.name().equals(spec.holderIdentity()) && spec.leaseDurationSeconds() == seconds
                ? spec.renewedAt(now)
                : new Lease.LeaseSpec(settings.name(), seconds, now, now, spec.leaseTransitions() + 1);
        try {
            store.update(found.get().withSpec(renewed));
        } catch (ConflictException | NotFoundException e) {
            LOG.debug("node {}: its lease changed meanwhile; renewing it next time: {}", settings.name(), e.toString());
        }
    }

    private void reportReady(Instant now) {
        Optional<Node> found = store.get(Node.class, ObjectMeta.NO_NAMESPACE, settings.name());
        Node.NodeCondition ready = new Node.NodeCondition(Node.READY, Node.NodeCondition.Status.TRUE, "NodeReady",
                "the k4s node agent is running and renewing its lease", now, now);
        if (found.isEmpty()) {
            Node node = new Node(ObjectMeta.cluster(settings.name()).withLabels(settings.labels()), Node.NodeSpec.SCHEDULABLE,
                    null);
            try {
                Node created = store.create(node);
                store.updateStatus(created.withStatus(new Node.NodeStatus(settings.capacity(), null, null).with(ready)));
                LOG.info("node {} registered", settings.name());
            } catch (AlreadyExistsException | ConflictException e) {
                LOG.debug("node {} appeared meanwhile; reporting it next time", settings.name());
            }
            return;
        }
        Node node = found.get();
        if (node.ready() && Objects.equals(node.status().capacity(), settings.capacity())
                && node.metadata().labels().entrySet().containsAll(settings.labels().entrySet())) {
            return;
        }
        if (!node.metadata().labels().entrySet().containsAll(settings.labels().entrySet())) {
            Map<String, String> labels = new LinkedHashMap<>(node.metadata().labels());
            labels.putAll(settings.labels());
            node = store.update(node.withMetadata(node.metadata().withLabels(labels)));
        }
        Node.NodeStatus status = new Node.NodeStatus(settings.capacity(), node.status().conditions(),
                node.status().images()).with(ready);
        try {
            store.updateStatus(node.withStatus(status));
            LOG.info("node {} is Ready", settings.name());
        } catch (ConflictException | NotFoundException e) {
            LOG.debug("node {} changed meanwhile; reporting it next time", settings.name());
        }
    }

    private void ensureNamespace() {
        if (store.get(Namespace.class, ObjectMeta.NO_NAMESPACE, Lease.NODE_LEASE_NAMESPACE).isPresent()) {
            return;
        }
        try {
            Namespace ns = Namespace.of(Lease.NODE_LEASE_NAMESPACE);
            store.create(ns.withMetadata(ns.metadata().withFinalizers(List.of(Namespace.FINALIZER))));
        } catch (AlreadyExistsException e) {
            LOG.debug("namespace {} was created by another node meanwhile", Lease.NODE_LEASE_NAMESPACE);
        }
    }

    /** Stop renewing; the Node and its lease stay (the lease runs out unless the node comes back). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("node {}: the heartbeat thread did not end within 5 s", settings.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A node's name, labels, capacity and lease timing.
     *
     * @param name          the node's name
     * @param labels        labels its Node gets (what {@code nodeSelector}s match)
     * @param capacity      the most containers it takes, or {@code null} for no limit
     * @param leaseDuration how long its lease lasts without a renewal (whole seconds)
     * @param renewInterval how often it renews its lease
     */
    record NodeSettings(String name, Map<String, String> labels, Integer capacity, Duration leaseDuration,
                        Duration renewInterval) {

        NodeSettings {
            labels = Map.copyOf(labels);
        }

        int leaseDurationSeconds() {
            return (int) Math.max(1, (leaseDuration.toMillis() + 999) / 1000);
        }
    }
}
