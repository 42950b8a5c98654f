package io.k4s.core;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Close a cluster gracefully when the JVM shuts down, within a bound: on Ctrl-C, SIGTERM, or
 * {@code System.exit} from any thread, a worker's included. Containers drain and their workers'
 * {@code stop} runs, as with {@link K4sCluster#close()}.
 *
 * <pre>{@code
 * try (K4sCluster cluster = K4sCluster.start();
 *      ShutdownHook hook = ShutdownHook.install(cluster, ShutdownHook.DEFAULT_BOUND)) {
 *     ... // the application runs; closing the hook removes it, then the cluster closes
 * }
 * }</pre>
 *
 * <p>What no hook can cover: {@code Runtime.halt} (and {@code kill -9}) end the JVM without
 * running any hook, and Java offers no way to forbid either to code in the same JVM since the
 * Security Manager was removed (JEP 486). See docs/RELIABILITY.md.
 *
 * <p>Thread-safe.
 */
public final class ShutdownHook implements AutoCloseable {

    /** How long the hook waits for the cluster to close unless told otherwise: 10 s. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHook.class);

    private final K4sCluster cluster;
    private final Duration bound;
    private final Thread hook;

    private ShutdownHook(K4sCluster cluster, Duration bound) {
        this.cluster = cluster;
        this.bound = bound;
        this.hook = Thread.ofPlatform().name("k4s-shutdown-hook").unstarted(this::closeWithinBound);
    }

    /**
     * Register a JVM shutdown hook that closes {@code cluster}, waiting for it at most
     * {@code bound}; the JVM then ends even if the cluster has not finished closing.
     *
     * @throws IllegalArgumentException if {@code bound} is not positive
     * @throws IllegalStateException    if the JVM is already shutting down
     */
    public static ShutdownHook install(K4sCluster cluster, Duration bound) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(bound, "bound");
        if (bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        ShutdownHook h = new ShutdownHook(cluster, bound);
        Runtime.getRuntime().addShutdownHook(h.hook);
        return h;
    }

    /** Close the cluster on a thread of its own and wait for it up to the bound; the hook thread. */
    private void closeWithinBound() {
        Thread closer = Thread.ofPlatform().name("k4s-shutdown").daemon(true).start(() -> {
            try {
                cluster.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the cluster at JVM shutdown failed: {}", e.toString(), e);
            }
        });
        try {
            if (!closer.join(bound)) {
                LOG.warn("the cluster did not close within {} of the JVM shutdown; the JVM ends anyway", bound);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Remove the hook: the application closes the cluster itself. Does nothing once the JVM
     * is shutting down (the hook is running then). Idempotent.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            LOG.debug("the JVM is shutting down; the hook closes the cluster");
        }
    }
}
