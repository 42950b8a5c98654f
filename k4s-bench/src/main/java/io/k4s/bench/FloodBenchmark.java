package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.MailboxFullException;
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
 * Measure delivered fire-and-forget messages per second when one virtual-thread producer floods
 * a RoundRobin pool of 4 counting workers, on a quiet machine and on a busy one.
 *
 * <p>One invocation starts a virtual thread that sends until {@value #BATCH} messages were
 * accepted, and returns when the workers have counted all of them. How the producer meets a
 * full mailbox is the {@link #mode}: {@code wait} parks it until there is room
 * ({@link Messenger#send(Address, Object, Duration)}: k4s's back-pressure, the JDK's
 * {@code ArrayBlockingQueue.offer(e, timeout, unit)}, Pekko's {@code tell} into an unbounded
 * mailbox); {@code send} spins through refusals (a refused message is not delivered; the
 * producer goes on with the next one, and the refusal is counted as the secondary result
 * {@code mailboxFull}); {@code trySend} does the same with {@link Messenger#trySend}, which
 * refuses with {@code false} instead of an exception. With {@link #load} {@code busy}, two
 * platform threads compute throughout the trial, as other programs on the machine would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class FloodBenchmark {

    /** Messages accepted per invocation. */
    public static final int BATCH = 10_000;

    /** Background threads computing in the {@code busy} variant. */
    public static final int BUSY_THREADS = 2;

    private static final Address POOL = Address.service("pool");
    private static final String PAYLOAD = "tick";
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final List<String> MODES = List.of("wait", "send", "trySend");

    /** The system under test: {@code k4s}, {@code pekko} or {@code jdk}. */
    @Param({"k4s", "pekko", "jdk"})
    public String variant;

    /** How the producer meets a full mailbox: {@code wait}, {@code send} or {@code trySend}. */
    @Param({"wait", "send", "trySend"})
    public String mode;

    /** {@code quiet}, or {@code busy} with {@value #BUSY_THREADS} threads of CPU load. */
    @Param({"quiet", "busy"})
    public String load;

    private Fabric fabric;
    private Messenger messenger;
    private DeliveryCounter counter;
    private CpuLoad cpuLoad;
    private long expected;
    private volatile RuntimeException producerFailure;

    /** Start a RoundRobin pool of 4 sinks and, when busy, the background load. */
    @Setup(Level.Trial)
    public void start() {
        if (!MODES.contains(mode) || !List.of("quiet", "busy").contains(load)) {
            throw new IllegalArgumentException("unknown mode " + mode + " or load " + load);
        }
        String counterName = "flood-" + variant + "-" + mode + "-" + load + "-" + System.nanoTime();
        counter = DeliveryCounter.named(counterName);
        expected = counter.delivered();
        fabric = Fabric.start(Variant.parse(variant), List.of(
                Stage.of("pool", "bench-sink", 4, LoadBalancing.ROUND_ROBIN)
                        .withParams(Map.of("counter", counterName))));
        messenger = fabric.messenger();
        cpuLoad = CpuLoad.start(load.equals("busy") ? BUSY_THREADS : 0);
    }

    /** Stop the load and the pool. */
    @TearDown(Level.Trial)
    public void stop() {
        cpuLoad.close();
        fabric.close();
    }

    /** Flood from a virtual thread until a batch was accepted, then wait until all of it was handled. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long flood(RefusedSends refused) throws InterruptedException {
        expected += BATCH;
        Thread.ofVirtual().name("bench-producer").start(() -> produce(refused)).join();
        RuntimeException failed = producerFailure;
        if (failed != null) {
            throw failed;
        }
        return counter.awaitAtLeast(expected, Duration.ofSeconds(60));
    }

    private void produce(RefusedSends refused) {
        try {
            long refusals = switch (mode) {
                case "wait" -> waiting();
                case "send" -> sending();
                default -> trying();
            };
            refused.mailboxFull += refusals;
        } catch (RuntimeException e) {
            producerFailure = e;
        } catch (InterruptedException e) {
            producerFailure = new IllegalStateException("the producer was interrupted", e);
        }
    }

    private long waiting() throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            messenger.send(POOL, PAYLOAD, MAX_WAIT);
        }
        return 0;
    }

    private long sending() {
        long refusals = 0;
        for (int accepted = 0; accepted < BATCH; ) {
            try {
                messenger.send(POOL, PAYLOAD);
                accepted++;
            } catch (MailboxFullException full) {
                refusals++;
            }
        }
        return refusals;
    }

    private long trying() {
        long refusals = 0;
        for (int accepted = 0; accepted < BATCH; ) {
            if (messenger.trySend(POOL, PAYLOAD)) {
                accepted++;
            } else {
                refusals++;
            }
        }
        return refusals;
    }
}
