package io.k4s.core.registry;

import io.k4s.api.ImageUnavailableException;
import io.k4s.api.resource.ImagePhase;
import io.k4s.api.resource.ImageRef;
import io.k4s.api.resource.ResourceKey;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Know the images of a node's plugins folder: load each jar {@code NAME-VERSION.jar} and each
 * folder {@code NAME-VERSION/} of jars in a class loader of its own ({@link ImageClassLoader}),
 * follow the folder (a jar dropped in is loaded, a removed one retired, a replaced one loaded
 * again), lease worker types to containers, and unload an image (close its loader and drop every
 * reference to it) once it is gone from the folder and its last container stopped.
 *
 * <p>A new or changed file is loaded once it has not changed for {@link #SETTLE}, so a jar being
 * copied in is not read half written. A broken image (an unreadable jar, a bad services file, a
 * provider that fails to load or whose static initializer throws, two types of one name, no type
 * at all) is kept with its problems, and leases on it fail with them.
 *
 * <p>Thread-safe. Scans run one at a time (the watcher's thread, or a caller of {@link #rescan});
 * loading happens outside the lock that leases take, so a slow image never delays a container
 * start. Listeners are called on the thread that made the change and must return quickly.
 */
public final class Images implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Images.class);

    /** How long a new or changed file must stay unchanged before it is loaded. */
    public static final Duration SETTLE = Duration.ofMillis(200);
    /** How often the folder is scanned even without a file-system event (the watch's safety net). */
    public static final Duration POLL = Duration.ofSeconds(1);
    /** How long loading one image may take, static initializers included. */
    static final Duration LOAD_TIMEOUT = Duration.ofSeconds(10);

    private static final Comparator<ResourceKey> BY_NAMESPACE_AND_NAME =
            Comparator.comparing(ResourceKey::namespace).thenComparing(ResourceKey::name);

    /** A fingerprint seen at {@code since} ({@link System#nanoTime()}), not loaded yet. */
    private record Seen(String fingerprint, long since) {}

    private final Path folder;
    private final ClassLoader parent;
    private final Clock clock;
    private final Object scanning = new Object();
    private final Object lock = new Object();
    /** The current load of each image, by resource name. Guarded by lock. */
    private final Map<String, LoadedImage> current = new TreeMap<>();
    /** Replaced or removed loads that containers still run on. Guarded by lock. */
    private final Set<LoadedImage> retired = new HashSet<>();
    /** Files seen with a new fingerprint, waiting to settle, by resource name. Scanning thread only. */
    private final Map<String, Seen> settling = new HashMap<>();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<ClassLoader>> unloadListeners = new CopyOnWriteArrayList<>();
    private volatile PluginsWatch watch;
    /** Guarded by lock. */
    private boolean closed;

    private Images(Path folder, ClassLoader parent, Clock clock) {
        this.folder = folder;
        this.parent = parent;
        this.clock = clock;
    }

    /** A node without a plugins folder: every image is not found. */
    public static Images none() {
        return new Images(null, Images.class.getClassLoader(), Clock.systemUTC());
    }

    /**
     * Load the images in {@code folder} now, each in a class loader under {@code parent} (the
     * application's, which sees k4s-api), without watching the folder; see {@link #watch}.
     *
     * @throws IllegalArgumentException if {@code folder} is not a directory
     */
    public static Images load(Path folder, ClassLoader parent, Clock clock) {
        Objects.requireNonNull(folder, "folder");
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("plugins folder " + dir + " is not a directory: point --plugins"
                    + " (or K4S_PLUGINS) at a folder that holds jars");
        }
        Images images = new Images(dir, Objects.requireNonNull(parent, "parent"), Objects.requireNonNull(clock, "clock"));
        images.scan(true);
        return images;
    }

    /**
     * Follow the folder from now on, on the platform thread {@code k4s-image-watch}: a file-system
     * watch, and a scan every {@code period} as a safety net. Idempotent; nothing happens
     * without a folder.
     */
    public Images watch(Duration period) {
        synchronized (lock) {
            if (folder != null && watch == null && !closed) {
                watch = new PluginsWatch(folder, this::rescan, period);
            }
        }
        return this;
    }

    /** The plugins folder, if the node has one. */
    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /**
     * Scan the folder now: load what is new or changed and settled, retire what was removed.
     *
     * @return how long until a file waiting to settle is due, or {@code null} if none waits
     */
    public Duration rescan() {
        return folder == null ? null : scan(false);
    }

    private Duration scan(boolean initial) {
        synchronized (scanning) {
            Map<String, ImageFiles.Source> now;
            try {
                now = ImageFiles.scan(folder);
            } catch (UncheckedIOException e) {
                LOG.warn("cannot scan the plugins folder: {}; the images loaded stay as they are", e.getMessage());
                return null;
            }
            List<ImageFiles.Source> toLoad = new ArrayList<>();
            List<String> gone = new ArrayList<>();
            long wait = Long.MAX_VALUE;
            long nanos = System.nanoTime();
            synchronized (lock) {
                if (closed) {
                    return null;
                }
                for (Map.Entry<String, ImageFiles.Source> e : now.entrySet()) {
                    String fingerprint = e.getValue().fingerprint();
                    LoadedImage loaded = current.get(e.getKey());
                    if (loaded != null && loaded.source.fingerprint().equals(fingerprint)) {
                        settling.remove(e.getKey());
                        continue;
                    }
                    Seen seen = settling.get(e.getKey());
                    if (!initial && (seen == null || !seen.fingerprint().equals(fingerprint))) {
                        settling.put(e.getKey(), new Seen(fingerprint, nanos));
                        wait = Math.min(wait, SETTLE.toNanos());
                    } else if (!initial && nanos - seen.since() < SETTLE.toNanos()) {
                        wait = Math.min(wait, SETTLE.toNanos() - (nanos - seen.since()));
                    } else {
                        settling.remove(e.getKey());
                        toLoad.add(e.getValue());
                    }
                }
                current.keySet().stream().filter(name -> !now.containsKey(name)).forEach(gone::add);
                settling.keySet().retainAll(now.keySet());
            }
            List<LoadedImage> loaded = new ArrayList<>(toLoad.size());
            for (ImageFiles.Source source : toLoad) {
                loaded.add(LoadedImage.load(source, parent, clock.instant(), LOAD_TIMEOUT));
            }
            if (!gone.isEmpty() || !loaded.isEmpty()) {
                install(loaded, gone);
            }
            return wait == Long.MAX_VALUE ? null : Duration.ofNanos(wait);
        }
    }

    /** Make {@code loaded} current and retire what they replace and what is {@code gone}. Scanning thread. */
    private void install(List<LoadedImage> loaded, List<String> gone) {
        List<LoadedImage> unload = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                loaded.stream().filter(LoadedImage::available).forEach(unload::add);
                gone.clear();
                loaded = List.of();
            }
            for (String name : gone) {
                retire(current.remove(name), unload);
            }
            for (LoadedImage image : loaded) {
                retire(current.put(image.source.ref().resourceName(), image), unload);
            }
        }
        for (String name : gone) {
            LOG.info("image {} was removed from the plugins folder", name);
        }
        for (LoadedImage image : loaded) {
            if (image.available()) {
                LOG.info("image {} loaded from {}: worker types {}", image.ref(), image.source.path(),
                        image.workers.names());
            } else {
                LOG.warn("image {} ({}) cannot be loaded, and containers naming it stay Pending: {}", image.ref(),
                        image.source.path(), String.join("; ", image.problems));
            }
        }
        unload.forEach(this::unload);
        changed();
    }

    /** {@code old} is no longer current: unload it now if unused, else when its last container stops. Caller holds lock. */
    private void retire(LoadedImage old, List<LoadedImage> unload) {
        if (old == null) {
            return;
        }
        old.retired = true;
        if (old.users.isEmpty()) {
            unload.add(old);
        } else {
            retired.add(old);
            LOG.info("{} is kept loaded for the {} containers still running on it, and unloaded when they stop",
                    old, old.users.size());
        }
    }

    /** Close a load's class loader, after the unload listeners had it (no lock held). */
    private void unload(LoadedImage image) {
        if (!image.available()) {
            return;
        }
        for (Consumer<ClassLoader> listener : unloadListeners) {
            try {
                listener.accept(image.loader);
            } catch (RuntimeException e) {
                LOG.error("image unload listener {} failed on {}", listener, image, e);
            }
        }
        LoadedImage.close(image.loader);
        LOG.info("{} unloaded", image);
    }

    /**
     * Lease worker type {@code workerType} of image {@code ref} for container {@code user}: the
     * image stays loaded until the lease is released, whatever happens to its file.
     *
     * @throws ImageUnavailableException if the image is not in the folder
     *                                   ({@link ImageUnavailableException#IMAGE_NOT_FOUND}), could not be loaded
     *                                   ({@link ImageUnavailableException#INVALID_IMAGE}) or has no such type
     *                                   ({@link ImageUnavailableException#UNKNOWN_WORKER_TYPE})
     */
    public WorkerLease lease(ImageRef ref, String workerType, ResourceKey user) {
        Objects.requireNonNull(user, "user");
        WorkerLease lease;
        synchronized (lock) {
            LoadedImage image = usable(ref, workerType);
            lease = image.workers.lease(workerType, image.loader, () -> release(image, user));
            image.users.merge(user, 1, Integer::sum);
        }
        changed();
        return lease;
    }

    /** The current, loaded image {@code ref} that offers {@code workerType}; caller holds lock. */
    private LoadedImage usable(ImageRef ref, String workerType) {
        LoadedImage image = closed ? null : current.get(ref.resourceName());
        if (image == null) {
            throw new ImageUnavailableException(ref.toString(), ImageUnavailableException.IMAGE_NOT_FOUND,
                    notFound(ref));
        }
        if (!image.available()) {
            throw new ImageUnavailableException(ref.toString(), ImageUnavailableException.INVALID_IMAGE, "image " + ref
                    + " (" + image.source.path() + ") cannot be loaded: " + String.join("; ", image.problems)
                    + "; fix it and drop it into the plugins folder again");
        }
        String problem = typeProblem(image, workerType);
        if (problem != null) {
            throw new ImageUnavailableException(ref.toString(), ImageUnavailableException.UNKNOWN_WORKER_TYPE, problem);
        }
        return image;
    }

    private String notFound(ImageRef ref) {
        if (folder == null) {
            return "image " + ref + " not found: this node has no plugins folder; start k4s with --plugins DIR (or"
                    + " K4S_PLUGINS) and put " + ref.jarName() + " in DIR";
        }
        return "image " + ref + " not found: no " + ref.jarName() + " and no folder " + ref.folderName() + "/ in "
                + folder + " (images there: " + (current.isEmpty() ? "none" : String.join(", ",
                current.values().stream().map(i -> i.ref().toString()).toList())) + "); drop it in and the container"
                + " starts";
    }

    private static String typeProblem(LoadedImage image, String workerType) {
        if (image.workers.problem(workerType) == null) {
            return null;
        }
        String closest = image.workers.closest(workerType);
        return "image " + image.ref() + " (" + image.source.path() + ") has no worker type \"" + workerType + "\""
                + (closest != null ? " (did you mean \"" + closest + "\"?)" : "") + "; its worker types: "
                + String.join(", ", image.workers.names());
    }

    private void release(LoadedImage image, ResourceKey user) {
        boolean unload = false;
        synchronized (lock) {
            Integer left = image.users.computeIfPresent(user, (k, n) -> n > 1 ? n - 1 : null);
            if (left == null && image.users.isEmpty() && image.retired && retired.remove(image)) {
                unload = !closed;
            }
        }
        if (unload) {
            unload(image);
        }
        changed();
    }

    /**
     * Say what is wrong with worker type {@code workerType} of image {@code ref} as far as can be
     * told now, or return {@code null}: only a loaded image without that type is an error (an
     * absent or broken one may be fixed before the container starts).
     */
    public String workerProblem(ImageRef ref, String workerType) {
        synchronized (lock) {
            LoadedImage image = current.get(ref.resourceName());
            return image == null || !image.available() ? null : typeProblem(image, workerType);
        }
    }

    /** Every image: those in the folder, and those removed that containers still run on; sorted. */
    public List<ImageInfo> list() {
        synchronized (lock) {
            Set<String> names = new TreeSet<>(current.keySet());
            retired.forEach(r -> names.add(r.ref().resourceName()));
            List<ImageInfo> all = new ArrayList<>(names.size());
            for (String name : names) {
                all.add(info(name));
            }
            return all;
        }
    }

    /** The image {@code ref}, if the folder holds it or containers still run on it. */
    public Optional<ImageInfo> get(ImageRef ref) {
        synchronized (lock) {
            String name = ref.resourceName();
            boolean known = current.containsKey(name) || retired.stream().anyMatch(r -> r.ref().resourceName().equals(name));
            return known ? Optional.of(info(name)) : Optional.empty();
        }
    }

    /** Caller holds lock. */
    private ImageInfo info(String name) {
        LoadedImage image = current.get(name);
        Set<ResourceKey> users = new TreeSet<>(BY_NAMESPACE_AND_NAME);
        if (image != null) {
            users.addAll(image.users.keySet());
        }
        LoadedImage shown = image;
        for (LoadedImage r : retired) {
            if (r.ref().resourceName().equals(name)) {
                users.addAll(r.users.keySet());
                shown = shown != null ? shown : r;
            }
        }
        ImagePhase phase = image == null ? ImagePhase.REMOVED : image.available() ? ImagePhase.AVAILABLE
                : ImagePhase.BROKEN;
        return new ImageInfo(shown.ref(), phase, shown.source.path(), shown.source.jars(),
                shown.available() ? shown.workers.types() : List.of(), shown.problems, List.copyOf(users),
                image != null ? image.loadedAt : null);
    }

    /**
     * Call {@code listener} after every change of the images or of who uses them, on the thread
     * that made it; it must return quickly. Close the handle to stop.
     */
    public AutoCloseable subscribe(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Call {@code listener} with the class loader of every image about to be unloaded, so that
     * whoever keeps objects of its classes (dead letters) can let go of them. It must not keep
     * the loader.
     */
    public AutoCloseable onUnload(Consumer<ClassLoader> listener) {
        Objects.requireNonNull(listener, "listener");
        unloadListeners.add(listener);
        return () -> unloadListeners.remove(listener);
    }

    private void changed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.error("image listener {} failed", listener, e);
            }
        }
    }

    /**
     * Stop watching and close every class loader, those of images in use included (call it after
     * the containers stopped). Idempotent.
     */
    @Override
    public void close() {
        List<LoadedImage> all = new ArrayList<>();
        PluginsWatch w;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all.addAll(current.values());
            all.addAll(retired);
            current.clear();
            retired.clear();
            w = watch;
        }
        if (w != null) {
            w.close();
        }
        for (LoadedImage image : all) {
            if (image.available()) {
                LoadedImage.close(image.loader);
            }
        }
    }
}
