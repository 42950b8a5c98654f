package io.k4s.core.registry;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follow a plugins folder on the platform thread {@code k4s-image-watch}: wake on a file-system
 * event (java.nio's {@link WatchService}), and at least every poll period anyway, because a
 * watch misses changes inside image folders and some file systems deliver no events; then run
 * the scan, which says when it wants to run again (a file settling).
 *
 * <p>Owned by {@link Images}; {@link #close()} ends the thread.
 */
final class PluginsWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginsWatch.class);

    private final Path folder;
    private final Supplier<Duration> scan;
    private final Duration period;
    private final WatchService service;
    private final Thread thread;
    private volatile boolean closed;

    /** Start watching {@code folder}; {@code scan} returns when it wants to run again, or {@code null}. */
    PluginsWatch(Path folder, Supplier<Duration> scan, Duration period) {
        this.folder = folder;
        this.scan = scan;
        this.period = period;
        this.service = register(folder);
        this.thread = Thread.ofPlatform().name("k4s-image-watch").daemon(true).unstarted(this::run);
        thread.setContextClassLoader(PluginsWatch.class.getClassLoader());
        thread.start();
    }

    private static WatchService register(Path folder) {
        try {
            WatchService s = folder.getFileSystem().newWatchService();
            folder.register(s, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            return s;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("cannot watch the plugins folder {} for changes ({}); scanning it every second instead", folder,
                    e.toString());
            return null;
        }
    }

    private void run() {
        Duration wait = period;
        while (!closed) {
            try {
                awaitChange(wait);
            } catch (InterruptedException | ClosedWatchServiceException e) {
                if (closed) {
                    return;
                }
                Thread.interrupted();
            }
            if (closed) {
                return;
            }
            try {
                Duration next = scan.get();
                wait = next == null || next.compareTo(period) > 0 ? period : next;
            } catch (RuntimeException e) {
                LOG.error("scanning the plugins folder {} failed; trying again in {}", folder, period, e);
                wait = period;
            }
        }
    }

    /** Return after an event, or after {@code wait}. */
    private void awaitChange(Duration wait) throws InterruptedException {
        long nanos = Math.max(1, wait.toNanos());
        if (service == null) {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return;
        }
        WatchKey key = service.poll(nanos, TimeUnit.NANOSECONDS);
        if (key != null) {
            key.pollEvents();
            key.reset();
            // Let a burst of events (a copy in several writes) arrive before scanning once.
            WatchKey more;
            while ((more = service.poll(20, TimeUnit.MILLISECONDS)) != null) {
                more.pollEvents();
                more.reset();
            }
        }
    }

    /** Stop the thread and wait for it (at most 5 s: a scan loading an image may be running). */
    @Override
    public void close() {
        closed = true;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.debug("closing the watch of {} failed: {}", folder, e.toString());
            }
        }
        thread.interrupt();
        try {
            if (!thread.join(Duration.ofSeconds(5))) {
                LOG.warn("the k4s-image-watch thread did not end within 5 s of close()");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
