package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.K4sCluster;
import io.k4s.transport.nats.NatsServer;
import io.k4s.transport.nats.NatsTransport;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Measure request-reply across two nodes over NATS (a real nats-server on loopback) next to the
 * same topology in one JVM and next to plain jnats request-reply, in one run: the sequential
 * round trip (p50, p99) and the throughput with 64 requests in flight. Each figure is the median
 * of {@value #ROUNDS} rounds, the three variants interleaved in each round so that a change in
 * the machine's load hits all of them; ratios are to plain NATS.
 *
 * <p>Variants: {@code k4s-nats} (node b asks container {@code echo-0} of node a, two K4sClusters
 * with a {@link NatsTransport} each), {@code k4s-1jvm} (the same request to the same container,
 * from its own node: no transport), {@code jnats} (one connection replies to a subject from its
 * dispatcher, another requests). Payload: the string {@code "ping"}.
 *
 * <p>Run: {@code java -cp k4s-bench/target/k4s-bench.jar io.k4s.bench.TransportHarness [ROUND_TRIPS
 * SECONDS]}; needs nats-server (Debian's package).
 */
public final class TransportHarness {

    static final int ROUNDS = 3;
    static final int IN_FLIGHT = 64;

    /** One way to make a request-reply, as a future. */
    private record Variant(String name, Supplier<CompletableFuture<?>> request) {}

    private TransportHarness() {}

    public static void main(String[] args) throws Exception {
        int roundTrips = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        Duration window = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 3);
        try (NatsServer nats = NatsServer.start();
             K4sCluster a = K4sCluster.builder().node("a").transport(NatsTransport.connect(nats.url())).start();
             K4sCluster b = K4sCluster.builder().node("b").transport(NatsTransport.connect(nats.url())).start();
             Connection responder = Nats.connect(nats.url());
             Connection requester = Nats.connect(nats.url())) {
            a.apply("""
                    apiVersion: k4s.io/v1
                    kind: Container
                    metadata: {name: echo-0}
                    spec: {worker: echo}
                    """);
            a.await(Duration.ofSeconds(30), "echo-0 to be ready", () -> a.runtime()
                    .state(ResourceKey.of("default", "echo-0")).map(s -> s.ready()).orElse(false));
            Address echo = Address.container("default", "echo-0");
            b.router().locate(echo, "a");
            Dispatcher d = responder.createDispatcher(msg -> responder.publish(msg.getReplyTo(), msg.getData()));
            d.subscribe("bench.echo");
            responder.flush(Duration.ofSeconds(5));
            byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
            List<Variant> variants = List.of(
                    new Variant("jnats", () -> requester.request("bench.echo", ping)),
                    new Variant("k4s-nats", () -> b.messenger().request(echo, "ping")),
                    new Variant("k4s-1jvm", () -> a.messenger().request(echo, "ping")));
            Map<String, double[][]> figures = new LinkedHashMap<>();
            for (Variant v : variants) {
                figures.put(v.name(), new double[3][ROUNDS]);
                roundTrip(v, Math.max(500, roundTrips / 5)); // warm up
                inFlight(v, Duration.ofSeconds(1));
            }
            for (int r = 0; r < ROUNDS; r++) {
                for (Variant v : variants) {
                    long[] nanos = roundTrip(v, roundTrips);
                    figures.get(v.name())[0][r] = nanos[nanos.length / 2] / 1e3;
                    figures.get(v.name())[1][r] = nanos[(int) (nanos.length * 0.99)] / 1e3;
                    figures.get(v.name())[2][r] = inFlight(v, window);
                }
            }
            print(figures, roundTrips, window);
        }
    }

    /** {@code n} requests one after another; their latencies in nanoseconds, sorted. */
    private static long[] roundTrip(Variant v, int n) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            v.request().get().join();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** Requests a second with {@value #IN_FLIGHT} in flight for {@code window}. */
    private static double inFlight(Variant v, Duration window) throws InterruptedException {
        Semaphore permits = new Semaphore(IN_FLIGHT);
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        long start = System.nanoTime();
        long end = start + window.toNanos();
        while (System.nanoTime() < end) {
            permits.acquire();
            v.request().get().whenComplete((r, e) -> {
                (e == null ? done : failed).increment();
                permits.release();
            });
        }
        if (!permits.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(v.name() + ": requests still in flight 30 s after the window");
        }
        if (failed.sum() > 0) {
            throw new IllegalStateException(v.name() + ": " + failed.sum() + " requests failed");
        }
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void print(Map<String, double[][]> figures, int roundTrips, Duration window) {
        double[] base = {median(figures.get("jnats")[0]), median(figures.get("jnats")[1]),
                median(figures.get("jnats")[2])};
        System.out.printf(Locale.ROOT, "%nmedians of %d rounds; round trip over %,d sequential requests, throughput"
                + " over %d s with %d in flight; ratio = x plain jnats%n", ROUNDS, roundTrips, window.toSeconds(),
                IN_FLIGHT);
        System.out.printf(Locale.ROOT, "| %-9s | %13s | %7s | %13s | %7s | %17s | %7s |%n", "variant", "round trip p50",
                "x jnats", "round trip p99", "x jnats", IN_FLIGHT + " in flight req/s", "x jnats");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        List<String> rows = new ArrayList<>(figures.keySet());
        for (String name : rows) {
            double[][] f = figures.get(name);
            double p50 = median(f[0]);
            double p99 = median(f[1]);
            double rate = median(f[2]);
            System.out.printf(Locale.ROOT, "| %-9s | %10.0f µs | %7.2f | %10.0f µs | %7.2f | %,17.0f | %7.2f |%n", name,
                    p50, p50 / base[0], p99, p99 / base[1], rate, rate / base[2]);
        }
        System.out.printf(Locale.ROOT, "load average: %s%n", loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
