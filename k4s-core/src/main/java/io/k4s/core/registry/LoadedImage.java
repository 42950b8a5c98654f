package io.k4s.core.registry;

import io.k4s.api.resource.ImageRef;
import io.k4s.api.resource.ResourceKey;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One load of an image: its class loader and worker types, or why it could not be loaded; and
 * the containers holding a lease on it. A changed jar is a new load; the old one stays until
 * its last container stops.
 *
 * <p>{@link #users} and {@link #retired} are guarded by the lock of the {@link Images} that owns
 * it; the rest is immutable.
 */
final class LoadedImage {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedImage.class);

    final ImageFiles.Source source;
    /** The image's classes; {@code null} if it could not be loaded. */
    final ImageClassLoader loader;
    /** Its worker types; {@code null} if it could not be loaded. */
    final WorkerRegistry workers;
    final List<String> problems;
    final Instant loadedAt;
    /** Leases per container; one container may hold two while an old generation drains. Guarded by the owner's lock. */
    final Map<ResourceKey, Integer> users = new HashMap<>();
    /** Whether a newer load or the image's removal replaced it. Guarded by the owner's lock. */
    boolean retired;

    private LoadedImage(ImageFiles.Source source, ImageClassLoader loader, WorkerRegistry workers,
                        List<String> problems, Instant loadedAt) {
        this.source = source;
        this.loader = loader;
        this.workers = workers;
        this.problems = List.copyOf(problems);
        this.loadedAt = loadedAt;
    }

    ImageRef ref() {
        return source.ref();
    }

    boolean available() {
        return loader != null;
    }

    /**
     * Load {@code source} in a class loader of its own under {@code parent}: read its worker
     * services file and initialize each provider, on a thread of its own, for at most
     * {@code timeout} (a static initializer that never returns must not hold up the caller).
     * Anything wrong makes the whole image broken, with every problem named.
     */
    static LoadedImage load(ImageFiles.Source source, ClassLoader parent, Instant now, Duration timeout) {
        List<String> problems = new ArrayList<>();
        if (source.problem() != null) {
            problems.add(source.problem());
            return new LoadedImage(source, null, null, problems, now);
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : source.jars()) {
            String unreadable = unreadable(jar);
            if (unreadable != null) {
                problems.add(unreadable);
                continue;
            }
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                problems.add("jar " + jar + " has no usable URL: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return new LoadedImage(source, null, null, problems, now);
        }
        ImageClassLoader loader = new ImageClassLoader(source.ref(), urls.toArray(URL[]::new), parent);
        Scan scan = scan(source, loader, timeout, problems);
        if (scan.workers() != null && problems.isEmpty() && scan.workers().types().isEmpty()) {
            problems.add("image " + source.ref() + " (" + source.path() + ") offers no worker type: list its workers in "
                    + ProviderScan.SERVICES_FILE);
        }
        if (!problems.isEmpty()) {
            if (!scan.stuck()) {
                close(loader);
            }
            return new LoadedImage(source, null, null, problems, now);
        }
        return new LoadedImage(source, loader, scan.workers(), problems, now);
    }

    /** The image's worker types ({@code null} if the scan failed), and whether the scan is still running. */
    private record Scan(WorkerRegistry workers, boolean stuck) {}

    private static Scan scan(ImageFiles.Source source, ImageClassLoader loader, Duration timeout,
                                       List<String> problems) {
        CompletableFuture<ProviderScan> done = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name("k4s-image-load-" + source.ref()).daemon(true).unstarted(() -> {
            try {
                done.complete(ProviderScan.scan(loader, true));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        // Static initializers see the image's loader as context loader, as its workers' callbacks will.
        thread.setContextClassLoader(loader);
        thread.start();
        try {
            ProviderScan scan = done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            List<String> duplicates = new ArrayList<>();
            WorkerRegistry workers = WorkerRegistry.build(scan, duplicates);
            problems.addAll(scan.problems());
            problems.addAll(duplicates);
            return new Scan(workers, false);
        } catch (TimeoutException e) {
            problems.add("loading image " + source.ref() + " (" + source.path() + ") did not finish within "
                    + timeout.toSeconds() + " s: a static initializer of one of its workers does not return; fix it"
                    + " (thread " + thread.getName() + " is left running)");
            return new Scan(null, true);
        } catch (ExecutionException e) {
            problems.add("loading image " + source.ref() + " (" + source.path() + ") failed: " + e.getCause());
            return new Scan(null, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("loading image " + source.ref() + " was interrupted");
            return new Scan(null, true);
        }
    }

    /** Why {@code jar} is not a readable jar, or {@code null}. */
    private static String unreadable(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().count(); // reads the central directory: a truncated jar fails here
            return null;
        } catch (IOException | RuntimeException e) {
            return "jar " + jar + " is not a readable jar (" + e + "): rebuild or replace it";
        }
    }

    /** Close the class loader; what goes wrong is logged, the loader is dropped either way. */
    static void close(ImageClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.warn("closing the class loader of image {} failed: {}", loader.image(), e.toString());
        }
    }

    @Override
    public String toString() {
        return "image " + source.ref() + " loaded " + loadedAt + (available() ? "" : " (broken)");
    }
}
