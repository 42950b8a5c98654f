package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.Messenger;
import io.k4s.api.resource.LoadBalancing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measure delivered fire-and-forget messages per second from one producer to a pool of 4
 * counting workers, routed round-robin or at random.
 *
 * <p>One invocation sends {@value #BATCH} messages, retrying refused ones
 * ({@link MailboxBackoff}), and returns when the workers have counted all of them, so every
 * variant is measured on messages handled, not on messages queued.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class FireAndForgetBenchmark {

    /** Messages sent per invocation. */
    public static final int BATCH = 10_000;

    private static final Address POOL = Address.service("pool");
    private static final String PAYLOAD = "tick";

    /** The system under test: {@code k4s}, {@code pekko} or {@code jdk}. */
    @Param({"k4s", "pekko", "jdk"})
    public String variant;

    /** How the pool routes: {@code RoundRobin} or {@code Random}. */
    @Param({"RoundRobin", "Random"})
    public String policy;

    private Fabric fabric;
    private Messenger messenger;
    private DeliveryCounter counter;
    private long expected;

    /** Start a pool of 4 sinks that count into a counter of this trial. */
    @Setup(Level.Trial)
    public void start() {
        String counterName = "fire-and-forget-" + variant + "-" + policy + "-" + System.nanoTime();
        counter = DeliveryCounter.named(counterName);
        expected = counter.delivered();
        fabric = Fabric.start(Variant.parse(variant), List.of(
                Stage.of("pool", "bench-sink", 4, LoadBalancing.parse(policy))
                        .withParams(Map.of("counter", counterName))));
        messenger = fabric.messenger();
    }

    /** Stop the pool. */
    @TearDown(Level.Trial)
    public void stop() {
        fabric.close();
    }

    /** Send a batch and wait until every message of it was handled. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long sendBatch(MailboxBackoff backoff) {
        expected += BATCH;
        for (int i = 0; i < BATCH; i++) {
            backoff.send(messenger, POOL, PAYLOAD);
        }
        return counter.awaitAtLeast(expected, Duration.ofSeconds(60));
    }
}
