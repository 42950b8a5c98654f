package io.k4s.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Keep some platform threads computing, to measure on a busy machine: each thread runs an
 * arithmetic loop until {@link #close()}, competing for the cores with the system under test
 * as other programs' work would.
 *
 * <p>Start and close from one thread.
 */
final class CpuLoad implements AutoCloseable {

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    /** Written now and then so the loop cannot be removed as dead code. */
    private volatile long sink;

    private CpuLoad(int threadCount) {
        for (int i = 0; i < threadCount; i++) {
            threads.add(Thread.ofPlatform().name("bench-cpu-load-" + i).daemon(true).start(this::spin));
        }
    }

    /** Start {@code threadCount} computing threads; 0 starts none. */
    static CpuLoad start(int threadCount) {
        if (threadCount < 0) {
            throw new IllegalArgumentException("threadCount must not be negative, got " + threadCount);
        }
        return new CpuLoad(threadCount);
    }

    private void spin() {
        long x = Thread.currentThread().threadId() | 1;
        while (running) {
            for (int i = 0; i < 100_000; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            sink = x;
        }
    }

    /** Stop the threads and wait for them to end. */
    @Override
    public void close() {
        running = false;
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
