package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.MailboxFullException;
import io.k4s.api.Messenger;
import io.k4s.api.resource.LoadBalancing;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measure what a refused send costs the producer in k4s: a service of one replica whose worker
 * holds its first message and whose mailbox (capacity 1) is full, so every send is refused.
 *
 * <p>{@link #refusedStackTraced} is the refusal as it was before flow-control failures became
 * cheap (issue 13), measured in the same run: the same refusal, plus what the old
 * {@code MailboxFullException} cost on top, an exception filling in its stack trace at the
 * producer's depth and concatenating its message eagerly, thrown and caught.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RefusalBenchmark {

    private static final Address FULL = Address.service("full");
    private static final String PAYLOAD = "more";

    /** The full mailbox's capacity; a field, not a constant, so the old message is built at run time. */
    private int capacity = 1;
    private Fabric fabric;
    private Messenger messenger;

    /** Start the holding replica and fill its mailbox. */
    @Setup(Level.Trial)
    public void start() {
        fabric = Fabric.start(Variant.K4S, List.of(
                Stage.of("full", "bench-hold", 1, LoadBalancing.ROUND_ROBIN).withMailboxCapacity(capacity)));
        messenger = fabric.messenger();
        messenger.send(FULL, "hold");
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); ; ) {
            try {
                messenger.send(FULL, "fill");
                return;
            } catch (MailboxFullException stillHolding) {
                // The worker has not taken "hold" yet: the mailbox holds it; try again.
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the holding worker never took its first message", stillHolding);
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Stop the cluster (the holder is interrupted at the end of its grace period). */
    @TearDown(Level.Trial)
    public void stop() {
        fabric.close();
    }

    /** Send to the full mailbox and catch the refusal. */
    @Benchmark
    public Object refusedSend() {
        try {
            messenger.send(FULL, PAYLOAD);
        } catch (MailboxFullException refused) {
            return refused;
        }
        throw new IllegalStateException("a send to the full mailbox was accepted");
    }

    /** Try to send to the full mailbox: refused with {@code false}, no exception. */
    @Benchmark
    public boolean refusedTrySend() {
        if (messenger.trySend(FULL, PAYLOAD)) {
            throw new IllegalStateException("a send to the full mailbox was accepted");
        }
        return false;
    }

    /**
     * The refusal as it cost before issue 13: a refused {@code trySend}, then an exception with a
     * stack trace and an eagerly built message, as the old {@code MailboxFullException} was,
     * thrown from one frame down (where the router threw it) and caught.
     */
    @Benchmark
    public Object refusedStackTraced() {
        try {
            refuseWithStackTrace();
        } catch (StackTracedRefusal refused) {
            return refused;
        }
        throw new IllegalStateException("a send to the full mailbox was accepted");
    }

    private void refuseWithStackTrace() {
        if (!messenger.trySend(FULL, PAYLOAD)) {
            throw new StackTracedRefusal(FULL + ": mailbox full (capacity " + capacity
                    + "); slow down, add replicas or raise resources.mailboxCapacity");
        }
    }

    /** The old refusal's cost: an ordinary exception, with a stack trace and its message built at once. */
    static final class StackTracedRefusal extends RuntimeException {
        StackTracedRefusal(String message) {
            super(message);
        }
    }

    /** Send to the full mailbox, catch the refusal and read its message, as a caller that logs it does. */
    @Benchmark
    public String refusedSendMessage() {
        try {
            messenger.send(FULL, PAYLOAD);
        } catch (MailboxFullException refused) {
            return refused.getMessage();
        }
        throw new IllegalStateException("a send to the full mailbox was accepted");
    }
}
