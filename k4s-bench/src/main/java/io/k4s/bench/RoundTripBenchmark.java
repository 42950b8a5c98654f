package io.k4s.bench;

import io.k4s.api.Address;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measure one caller's sequential request-response round trip to a round-robin pool of 4 echo
 * workers: the JMH thread sends a request and waits for its reply before the next. SampleTime
 * mode reports the mean and the percentiles (p50, p99, ...).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class RoundTripBenchmark {

    private static final Address POOL = Address.service("pool");
    private static final String PAYLOAD = "ping";

    /** The system under test: {@code k4s}, {@code pekko} or {@code jdk}. */
    @Param({"k4s", "pekko", "jdk"})
    public String variant;

    private Fabric fabric;
    private Messenger messenger;

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

    /** Ask once and wait for the reply. */
    @Benchmark
    public Object roundTrip() {
        return messenger.request(POOL, PAYLOAD).join();
    }
}
