package io.k4s.core;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.DeleteOptions;
import io.k4s.api.resource.Image;
import io.k4s.api.resource.ImageNodeStatus;
import io.k4s.api.resource.ImageStatus;
import io.k4s.api.resource.ImageWorker;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.registry.ImageInfo;
import io.k4s.core.registry.Images;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Report this node's images in the Image resources, as a kubelet reports its node: each Image that
 * several nodes share (one store) holds one entry per node in {@code status.nodes}, and this node
 * writes only its own. It adds its entry when an image appears in its plugins folder (creating the
 * Image if no node had it), rewrites it when the image changes (phase, worker types, problems, the
 * containers running on it), and removes it once the image is gone here and unused; the node that
 * removes the last entry deletes the Image. Status writes are what wake the containers waiting for
 * an image (the ContainerReconciler watches Images).
 *
 * <p>Every write compares and sets (the resourceVersion read): when another node wrote meanwhile, the
 * next pass reads again and retries, {@link #RETRY} later. Runs on the platform thread
 * {@code k4s-image-sync}; changes of the images only signal it, so many container starts at once
 * cost one pass. It also passes every {@link #RESYNC} as a safety net. {@link #close()} stops it.
 */
final class ImageSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImageSync.class);
    static final Duration RESYNC = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofMillis(50);

    private final ResourceClient store;
    private final Images images;
    private final String node;
    private final BlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile boolean running = true;
    private AutoCloseable subscription;

    /** Report {@code images}, the images of node {@code node}'s plugins folder, in {@code store}. */
    ImageSync(ResourceClient store, Images images, String node) {
        this.store = store;
        this.images = images;
        this.node = node;
        this.thread = Thread.ofPlatform().name("k4s-image-sync").daemon(true).unstarted(this::run);
        thread.setContextClassLoader(ImageSync.class.getClassLoader());
    }

    void start() {
        subscription = images.subscribe(() -> signal.offer(Boolean.TRUE));
        signal.offer(Boolean.TRUE);
        thread.start();
    }

    private void run() {
        Duration wait = RESYNC;
        while (running) {
            try {
                signal.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            try {
                wait = syncOnce() ? RESYNC : RETRY;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("reporting the node's images failed: {}; trying again in {} ms", e.toString(), RETRY.toMillis());
                wait = RETRY;
            }
        }
    }

    /**
     * Make this node's entries of the Image resources match its images: add or update the entry of
     * each image it has, creating the Image if no node had it; remove its entry from those it no
     * longer has, deleting an Image whose last entry that was. Other nodes' entries stay as they
     * are. Whether every write went through: a conflict (another node wrote meanwhile) is retried by
     * the next pass, which reads again.
     */
    boolean syncOnce() {
        Map<String, Image> stored = new HashMap<>();
        for (Image i : store.list(Image.class, null).items()) {
            stored.put(i.metadata().name(), i);
        }
        boolean clean = true;
        for (ImageInfo info : images.list()) {
            String name = info.ref().resourceName();
            Image have = stored.remove(name);
            ImageNodeStatus entry = entry(node, info);
            try {
                if (have == null) {
                    have = store.create(Image.of(info.ref()));
                }
                if (!have.status().node(node).equals(Optional.of(entry))) {
                    store.updateStatus(have.withStatus(have.status().withNode(entry)));
                }
            } catch (AlreadyExistsException | ConflictException | NotFoundException e) {
                LOG.debug("image {} changed while it was reported; reporting again", name);
                clean = false;
            }
        }
        for (Image other : stored.values()) {
            clean &= leave(other);
        }
        return clean;
    }

    /**
     * Remove this node's entry from {@code image}, which it no longer has; delete the image if no
     * other node holds it (or if it was written before images had entries per node). Whether that
     * went through.
     */
    private boolean leave(Image image) {
        ImageStatus status = image.status();
        boolean legacy = status.nodes().isEmpty() && !status.equals(ImageStatus.EMPTY);
        if (status.node(node).isEmpty() && !legacy) {
            return true;
        }
        ImageStatus rest = status.withoutNode(node);
        String name = image.metadata().name();
        try {
            if (rest.nodes().isEmpty()) {
                // Only the version read: a node that added itself meanwhile keeps the image.
                store.delete(Image.class, image.metadata().namespace(), name,
                        DeleteOptions.BACKGROUND.withResourceVersion(image.metadata().resourceVersion()));
            } else {
                store.updateStatus(image.withStatus(rest));
            }
            return true;
        } catch (NotFoundException e) {
            LOG.debug("image {} was deleted already", name);
            return true;
        } catch (ConflictException e) {
            LOG.debug("image {} changed while node {} left it; leaving it again", name, node);
            return false;
        }
    }

    /** What this node reports of {@code info}. */
    static ImageNodeStatus entry(String node, ImageInfo info) {
        List<ResourceKey> users = info.users();
        List<String> listed = users.stream().limit(ImageStatus.MAX_LISTED)
                .map(k -> k.namespace() + "/" + k.name()).toList();
        return new ImageNodeStatus(node, info.phase(), info.source().toString(),
                info.files().stream().map(Path::toString).toList(),
                info.workers().stream().map(w -> new ImageWorker(w.name(), w.className(), w.description())).toList(),
                info.problems(), listed, users.size(), info.loadedAt());
    }

    @Override
    public void close() {
        running = false;
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("unsubscribing from the images failed: {}", e.toString());
            }
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
