package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.Messenger;
import io.k4s.api.resource.LoadBalancing;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
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
 * Measure completed requests per second when one caller keeps {@value #WINDOW} requests in
 * flight against a round-robin pool of 4 echo workers.
 *
 * <p>One invocation issues {@value #REQUESTS} requests through a window of {@value #WINDOW}
 * permits (a permit comes back when a reply arrives) and returns when every reply arrived.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class InFlightBenchmark {

    /** Requests per invocation. */
    public static final int REQUESTS = 10_000;

    /** Requests in flight at once. */
    public static final int WINDOW = 64;

    private static final Address POOL = Address.service("pool");
    private static final String PAYLOAD = "ping";

    /** The system under test: {@code k4s}, {@code pekko} or {@code jdk}. */
    @Param({"k4s", "pekko", "jdk"})
    public String variant;

    private Fabric fabric;
    private Messenger messenger;
    private final Semaphore window = new Semaphore(WINDOW);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final BiConsumer<Object, Throwable> onReply = (reply, error) -> {
        if (error != null) {
            failure.compareAndSet(null, error);
        }
        window.release();
    };

    /** Start a round-robin pool of 4 echo workers. */
    @Setup(Level.Trial)
    public void start() {
        fabric = Fabric.start(Variant.parse(variant), List.of(Stage.of("pool", "echo", 4, LoadBalancing.ROUND_ROBIN)));
        messenger = fabric.messenger();
    }

    /** Stop the pool. */
    @TearDown(Level.Trial)
    public void stop() {
        fabric.close();
    }

    /** Issue the requests through the window and wait for the last reply. */
    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public void requests() throws InterruptedException {
        for (int i = 0; i < REQUESTS; i++) {
            window.acquire();
            messenger.request(POOL, PAYLOAD).whenComplete(onReply);
        }
        window.acquire(WINDOW);
        window.release(WINDOW);
        Throwable failed = failure.getAndSet(null);
        if (failed != null) {
            throw new IllegalStateException(variant + ": a request failed", failed);
        }
    }
}
