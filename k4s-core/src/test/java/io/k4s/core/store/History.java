package io.k4s.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Record operations on the store with their invocation and response times, for
 * {@link LinearizabilityChecker}.
 *
 * <p>Each thread records into its own list ({@link #forThread()}); {@link #operations()} is
 * called after every recording thread has ended.
 */
final class History {

    /** What an operation asked for. */
    enum Kind { GET, CREATE, UPDATE, DELETE }

    /** How a write ended, besides success. */
    enum Outcome { OK, NOT_FOUND, ALREADY_EXISTS, CONFLICT }

    /**
     * One operation on one key.
     *
     * @param id        unique, dense from 0
     * @param key       the resource name
     * @param kind      what was asked
     * @param written   for CREATE and UPDATE, the value written
     * @param readRv    for UPDATE, the resourceVersion the update carried
     * @param outcome   how it ended
     * @param value     for GET, the value read ({@code null}: absent)
     * @param rv        for GET the rv read, for a successful write its rv, for CONFLICT the stored rv
     * @param invoked   System.nanoTime() before the call
     * @param responded System.nanoTime() after it returned
     */
    record Op(int id, String key, Kind kind, String written, long readRv, Outcome outcome, String value, long rv,
              long invoked, long responded) {}

    private final AtomicInteger ids = new AtomicInteger();
    private final List<List<Op>> perThread = new ArrayList<>();

    /** A list for one recording thread; call from the test thread before starting it. */
    synchronized Recorder forThread() {
        List<Op> ops = new ArrayList<>();
        perThread.add(ops);
        return new Recorder(ops);
    }

    /** Every operation recorded. */
    synchronized List<Op> operations() {
        List<Op> all = new ArrayList<>();
        perThread.forEach(all::addAll);
        return all;
    }

    /** Records one thread's operations. */
    final class Recorder {
        private final List<Op> ops;

        private Recorder(List<Op> ops) {
            this.ops = ops;
        }

        void add(String key, Kind kind, String written, long readRv, Outcome outcome, String value, long rv,
                 long invoked, long responded) {
            ops.add(new Op(ids.getAndIncrement(), key, kind, written, readRv, outcome, value, rv, invoked, responded));
        }
    }
}
