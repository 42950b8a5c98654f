package io.k4s.demo;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Turn Ctrl-C (SIGINT) and SIGTERM into a graceful stop, and a second one into an immediate
 * exit: the first signal releases {@link #await()}, so the command closes the server and drains
 * the cluster; a second one, while that takes too long, halts the JVM at once (exit 130).
 *
 * <p>Java's shutdown hooks cannot do this (a second signal waits for them), so this uses
 * {@code sun.misc.Signal} from the {@code jdk.unsupported} module, which every JDK ships. Where
 * signals cannot be handled, the JVM's default handling stays (the shutdown hook still closes
 * the cluster). Thread-safe.
 */
final class StopSignals {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();

    /** Handle SIGINT and SIGTERM; report to {@code err} what happens. */
    static StopSignals install(PrintStream err) {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> signals.received(s.getName(), err));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                err.println("warning: SIG" + name + " cannot be handled here (" + e.getMessage() + "); it stops the"
                        + " JVM through its shutdown hook");
            }
        }
        return signals;
    }

    private void received(String name, PrintStream err) {
        if (received.incrementAndGet() == 1) {
            err.println("SIG" + name + ": stopping gracefully (closing watches, draining containers);"
                    + " send it again to stop at once");
            stop.countDown();
        } else {
            err.println("SIG" + name + " again: stopping at once");
            Runtime.getRuntime().halt(130);
        }
    }

    /** Stop as if a signal came (for tests and for the end of input). */
    void stop() {
        stop.countDown();
    }

    /** Wait for the first signal. */
    void await() throws InterruptedException {
        stop.await();
    }
}
