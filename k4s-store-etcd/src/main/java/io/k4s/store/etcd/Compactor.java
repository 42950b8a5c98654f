package io.k4s.store.etcd;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compact etcd's history periodically, as Kubernetes' API server does: at each tick, to the
 * revision seen at the tick before, so a watch always has at least one interval of history.
 *
 * <p>Runs on the backend's housekeeping thread; a failed compaction is logged and tried at the
 * next tick.
 */
final class Compactor {

    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

    private final EtcdBackend backend;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    /** Timer thread only: the revision at the previous tick. */
    private long previous;

    Compactor(EtcdBackend backend, ScheduledExecutorService timer, Duration interval) {
        this.backend = backend;
        this.timer = timer;
        this.interval = interval;
    }

    void start() {
        previous = backend.currentRevision();
        timer.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        long now = backend.currentRevision();
        try {
            if (previous > 1) {
                backend.compactTo(previous);
                LOG.debug("etcd compacted to revision {}", previous);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not compact etcd to revision {} (tried again in {}): {}", previous, interval, e.getMessage());
        }
        previous = now;
    }
}
