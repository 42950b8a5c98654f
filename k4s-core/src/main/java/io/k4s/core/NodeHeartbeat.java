package io.k4s.core;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.ImagePhase;
import io.k4s.api.resource.Lease;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.Node;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceClient;
import io.k4s.core.registry.Images;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>It also reports the node's images in {@code status.images} (as a kubelet reports the images
 * it pulled): those of its plugins folder containers can start from ({@code Available}),
 * {@code NAME:VERSION}, sorted, so that the scheduler binds a container naming an image only to a
 * node that has it. Every change of the images signals it; many at once cost one write.
 *
 * <p>Renewals and image reports run on the platform thread {@code k4s-node-heartbeat}; a failed
 * renewal is logged and tried again at the next interval (the lease runs out only after several), an
 * image report that lost a race with another write {@link #RETRY} later, one that failed otherwise at
 * the next interval. {@link #close()} stops both; the Node stays, as a
 * kubelet that stops leaves its Node.
 */
final class NodeHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);
    private static final Duration RETRY = Duration.ofMillis(50);

    private final ResourceClient store;
    private final Clock clock;
    private final NodeSettings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "k4s-node-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final Images images;
    /** Whether an image report is queued on the heartbeat thread. */
    private final AtomicBoolean imagesQueued = new AtomicBoolean();
    private volatile boolean failing;
    /** The images the Node last said it has: written by the heartbeat thread and by start. */
    private volatile List<String> reportedImages;
    private AutoCloseable imageSubscription;

    /** Register node {@code settings} in {@code store}, reporting the images of {@code images}. */
    NodeHeartbeat(ResourceClient store, Clock clock, NodeSettings settings, Images images) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.images = images;
    }

    /**
     * Register the node now (failures propagate); with a store other JVMs share, also take its lease
     * and renew it every interval. A JVM with a store of its own has no lease to renew: nobody else
     * could see it stop, and a write every few seconds would only churn the store.
     */
    void start(boolean shared) {
        imageSubscription = images.subscribe(this::imagesChanged);
        if (!shared) {
            reportReady(clock.instant());
            imagesChanged();
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
        reportImages();
    }

    /** The images containers can start from here, {@code NAME:VERSION}, sorted. */
    private List<String> availableImages() {
        return images.list().stream().filter(i -> i.phase() == ImagePhase.AVAILABLE).map(i -> i.ref().toString())
                .sorted().toList();
    }

    /** Queue an image report on the heartbeat thread unless one is queued; any thread. */
    private void imagesChanged() {
        if (imagesQueued.compareAndSet(false, true)) {
            try {
                timer.execute(this::reportImages);
            } catch (RejectedExecutionException e) {
                LOG.debug("node {}: closed, its images are not reported any more", settings.name());
            }
        }
    }

    /** Write the node's images into its status if they changed; heartbeat thread only. */
    private void reportImages() {
        imagesQueued.set(false);
        List<String> now = availableImages();
        if (now.equals(reportedImages)) {
            return;
        }
        try {
            Optional<Node> found = store.get(Node.class, ObjectMeta.NO_NAMESPACE, settings.name());
            if (found.isEmpty()) {
                return; // not registered (yet, or any more): registering it reports them
            }
            Node node = found.get();
            if (!node.status().images().equals(now)) {
                store.updateStatus(node.withStatus(node.status().withImages(now)));
                LOG.debug("node {} reports the images {}", settings.name(), now);
            }
            reportedImages = now;
        } catch (ConflictException | NotFoundException e) {
            LOG.debug("node {} changed while its images were reported; reporting them again", settings.name());
            reportImagesLater(RETRY);
        } catch (RuntimeException e) {
            LOG.warn("node {}: could not report its images {}: {}; trying again in {} ms", settings.name(), now,
                    e.toString(), settings.renewInterval().toMillis());
            reportImagesLater(settings.renewInterval());
        }
    }

    private void reportImagesLater(Duration delay) {
        try {
            timer.schedule(this::imagesChanged, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("node {}: closed, its images are not reported any more", settings.name());
        }
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
                List<String> available = availableImages();
                store.updateStatus(created.withStatus(new Node.NodeStatus(settings.capacity(), null, available)
                        .with(ready)));
                reportedImages = available;
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
        if (imageSubscription != null) {
            try {
                imageSubscription.close();
            } catch (Exception e) {
                LOG.debug("node {}: unsubscribing from its images failed: {}", settings.name(), e.toString());
            }
        }
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
