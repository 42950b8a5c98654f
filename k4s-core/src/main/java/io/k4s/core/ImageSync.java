package io.k4s.core;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Image;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Report the node's images as Image resources, as a kubelet reports its node: create one when
 * an image appears, write its status (phase, worker types, problems, the containers running on
 * it) when it changes, and delete it once the image is gone and unused. Status writes are
 * what wake the containers waiting for an image (the ContainerReconciler watches Images).
 *
 * <p>Runs on the platform thread {@code k4s-image-sync}; changes of the images only signal it,
 * so many container starts at once cost one pass. It also passes every {@link #RESYNC}, and after
 * a failed write, as a safety net. {@link #close()} stops it.
 */
final class ImageSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImageSync.class);
    static final Duration RESYNC = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofMillis(50);

    private final ResourceClient store;
    private final Images images;
    private final BlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile boolean running = true;
    private AutoCloseable subscription;

    ImageSync(ResourceClient store, Images images) {
        this.store = store;
        this.images = images;
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

    /** Make the Image resources match the images; whether every write went through. */
    boolean syncOnce() {
        Map<String, Image> stored = new HashMap<>();
        for (Image i : store.list(Image.class, null).items()) {
            stored.put(i.metadata().name(), i);
        }
        boolean clean = true;
        for (ImageInfo info : images.list()) {
            String name = info.ref().resourceName();
            Image have = stored.remove(name);
            ImageStatus status = status(info);
            try {
                if (have == null) {
                    have = store.create(Image.of(info.ref()));
                }
                if (!have.status().equals(status)) {
                    store.updateStatus(have.withStatus(status));
                }
            } catch (AlreadyExistsException | ConflictException | NotFoundException e) {
                LOG.debug("image {} changed while it was reported; reporting again", name);
                clean = false;
            }
        }
        for (Image gone : stored.values()) {
            try {
                store.delete(Image.class, gone.metadata().namespace(), gone.metadata().name());
            } catch (NotFoundException e) {
                LOG.debug("image {} was deleted already", gone.metadata().name());
            }
        }
        return clean;
    }

    /** The status that reports {@code info}. */
    static ImageStatus status(ImageInfo info) {
        List<ResourceKey> users = info.users();
        List<String> listed = users.stream().limit(ImageStatus.MAX_LISTED)
                .map(k -> k.namespace() + "/" + k.name()).toList();
        return new ImageStatus(info.phase(), info.source().toString(), info.files().stream().map(Path::toString).toList(),
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
