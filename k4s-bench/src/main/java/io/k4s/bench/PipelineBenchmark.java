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
 * Measure messages per second end to end through a 3-stage pipeline of the example workers:
 * processor ({@code upper}, 2 replicas) to processor ({@code reverse}, 2 replicas) to
 * aggregator (batches of {@value #BATCH_SIZE}, 1 replica), whose batches a sink counts.
 *
 * <p>One invocation sends {@value #MESSAGES} messages into the first stage and returns when the
 * sink has counted all of them. Every mailbox holds {@value #CAPACITY} messages, more than one
 * invocation sends, so no stage refuses a forwarded message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineBenchmark {

    /** Messages per invocation. */
    public static final int MESSAGES = 10_000;

    /** Items per aggregator batch; {@link #MESSAGES} is a multiple of it. */
    public static final int BATCH_SIZE = 100;

    /** Mailbox capacity of every stage. */
    public static final int CAPACITY = 16_384;

    private static final Address FIRST = Address.service("upper");
    private static final String PAYLOAD = "order 42";

    /** The system under test: {@code k4s}, {@code pekko} or {@code jdk}. */
    @Param({"k4s", "pekko", "jdk"})
    public String variant;

    private Fabric fabric;
    private Messenger messenger;
    private DeliveryCounter counter;
    private long expected;

    /** Start the four stages, downstream first. */
    @Setup(Level.Trial)
    public void start() {
        String counterName = "pipeline-" + variant + "-" + System.nanoTime();
        counter = DeliveryCounter.named(counterName);
        expected = counter.delivered();
        fabric = Fabric.start(Variant.parse(variant), List.of(
                stage("sink", "bench-sink", 1, Map.of("counter", counterName)),
                stage("aggregate", "aggregator", 1,
                        Map.of("batchSize", BATCH_SIZE, "keep", 0, "forwardTo", "service/sink")),
                stage("reverse", "processor", 2, Map.of("operation", "reverse", "forwardTo", "service/aggregate")),
                stage("upper", "processor", 2, Map.of("operation", "upper", "forwardTo", "service/reverse"))));
        messenger = fabric.messenger();
    }

    private static Stage stage(String name, String worker, int replicas, Map<String, Object> params) {
        return Stage.of(name, worker, replicas, LoadBalancing.ROUND_ROBIN).withParams(params).withMailboxCapacity(CAPACITY);
    }

    /** Stop the pipeline. */
    @TearDown(Level.Trial)
    public void stop() {
        fabric.close();
    }

    /** Feed the first stage and wait until the sink counted every message. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long feed(MailboxBackoff backoff) {
        expected += MESSAGES;
        for (int i = 0; i < MESSAGES; i++) {
            backoff.send(messenger, FIRST, PAYLOAD);
        }
        return counter.awaitAtLeast(expected, Duration.ofSeconds(60));
    }
}
