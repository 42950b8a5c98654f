package io.k4s.core.control;

import java.util.Objects;
import java.util.Optional;

/**
 * Decide which node runs the controllers: at most one candidate of an election leads at a time.
 *
 * <p>One JVM (a store no other JVM shares) needs none: {@link #always(String)} leads at once
 * and for good. A shared store brings its own, such as etcd's election recipe (a key per
 * candidate under one prefix, each on its own expiring etcd lease; the lowest creation revision
 * leads, so candidacy is ordered and a leader that dies loses its key when its lease runs out).
 *
 * <p>Implementations are thread-safe; the listener is called on the election's own thread, one
 * call at a time, {@code elected} and {@code deposed} alternating.
 */
public interface LeaderElection extends AutoCloseable {

    /** Hear when this candidate starts or stops leading. */
    interface Listener {
        /** This candidate leads from now on, until {@link #deposed()}. */
        void elected();

        /** This candidate no longer leads (its session expired, or the election closed). */
        void deposed();
    }

    /**
     * Campaign from now on, telling {@code listener} when this candidate leads and when it stops;
     * once only.
     *
     * @throws IllegalStateException if started already
     */
    void start(Listener listener);

    /** Whether this candidate leads now. */
    boolean isLeader();

    /** Who leads now, as far as this candidate knows. */
    Optional<String> leader();

    /** Stop campaigning and give the leadership up if held; idempotent. */
    @Override
    void close();

    /** An election that {@code identity} wins at once and never loses: one JVM. */
    static LeaderElection always(String identity) {
        Objects.requireNonNull(identity, "identity");
        return new LeaderElection() {
            private volatile boolean leading;

            @Override
            public synchronized void start(Listener listener) {
                if (leading) {
                    throw new IllegalStateException("the election of " + identity + " is started already");
                }
                leading = true;
                listener.elected();
            }

            @Override
            public boolean isLeader() {
                return leading;
            }

            @Override
            public Optional<String> leader() {
                return Optional.of(identity);
            }

            @Override
            public void close() {
                leading = false;
            }
        };
    }
}
