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

    private Fabric fabric;
    private Messenger messenger;

    /** Start the holding replica and fill its mailbox. */
    @Setup(Level.Trial)
    public void start() {
        fabric = Fabric.start(Variant.K4S, List.of(
                Stage.of("full", "bench-hold", 1, LoadBalancing.ROUND_ROBIN).withMailboxCapacity(1)));
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
