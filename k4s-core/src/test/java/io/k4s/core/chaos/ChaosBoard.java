package io.k4s.core.chaos;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Shared state between a chaos test and the {@link ChaosWorker}s it runs: switches the driver
 * flips and counters the workers bump.
 *
 * <p>Thread-safe. Workers find their board by the name in {@code spec.params.board}, so tests
 * running one after another never share counters.
 */
public final class ChaosBoard implements AutoCloseable {

    private static final Map<String, ChaosBoard> BOARDS = new ConcurrentHashMap<>();

    public final String name = "board-" + UUID.randomUUID();
    /** Fire-and-forget work messages handled successfully. */
    public final LongAdder handled = new LongAdder();
    /** Worker starts, and those that failed on purpose. */
    public final LongAdder starts = new LongAdder();
    public final LongAdder failedStarts = new LongAdder();
    /** While true, handle throws for every seventh work id. */
    volatile boolean throwing;
    /** While true, every worker start throws. */
    volatile boolean failStarts;

    private ChaosBoard() {
    }

    public static ChaosBoard create() {
        ChaosBoard board = new ChaosBoard();
        BOARDS.put(board.name, board);
        return board;
    }

    static ChaosBoard named(String name) {
        ChaosBoard board = BOARDS.get(name);
        if (board == null) {
            throw new IllegalStateException("no chaos board named " + name + " (closed, or never created)");
        }
        return board;
    }

    /** Stop the faults: the cluster may converge now. */
    void calm() {
        throwing = false;
        failStarts = false;
    }

    @Override
    public void close() {
        BOARDS.remove(name);
    }
}
