package io.k4s.core.bench;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerState;
import io.k4s.core.messaging.Router;
import io.k4s.core.messaging.RouterConfig;
import io.k4s.core.runtime.RuntimeConfig;
import io.k4s.core.runtime.TestWorkers;
import io.k4s.core.runtime.VirtualThreadRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measure the k4s data plane next to the same topology built from plain JDK queues, in one run,
 * and print a table: fire-and-forget throughput from one producer to 4 replicas behind a
 * RoundRobin service, sequential request-response latency (p50, p99), request-response
 * throughput with 64 requests in flight, and the heap an idle container costs.
 *
 * <p>The JDK baseline is 4 {@link LinkedBlockingQueue}s, each drained by its own virtual thread;
 * the producer picks the queue round-robin; a request carries a {@link CompletableFuture} the
 * consumer completes. Every scenario is warmed up, then measured for several rounds; the table
 * shows medians. It is a harness, not a test: timing on a shared machine is only indicative.
 *
 * <p>Run it from the repository root:
 * <pre>
 * mvn -q -o -pl k4s-core -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp k4s-core/target/test-classes:k4s-core/target/classes:$(cat k4s-core/target/test.cp) \
 *     io.k4s.core.bench.MessagingHarness [rounds]
 * </pre>
 */
public final class MessagingHarness {

    private static final int REPLICAS = 4;
    private static final int FIRE_AND_FORGET = 1_000_000;
    private static final int SEQUENTIAL = 20_000;
    private static final int IN_FLIGHT = 64;
    private static final int WINDOWED = 200_000;
    private static final int IDLE_CONTAINERS = 10_000;
    private static final Object PAYLOAD = "m";

    private MessagingHarness() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf("k4s messaging harness: %d replicas, %d rounds after warm-up, medians%n", REPLICAS, rounds);
        System.out.printf("JVM %s, %d processors%n%n", Runtime.version(), Runtime.getRuntime().availableProcessors());

        List<double[]> k4s = new ArrayList<>();
        List<double[]> jdk = new ArrayList<>();
        try (K4sTopology k = new K4sTopology(); JdkTopology j = new JdkTopology()) {
            for (int warm = 0; warm < 2; warm++) {
                k.measure();
                j.measure();
            }
            for (int r = 0; r < rounds; r++) {
                k4s.add(k.measure());
                jdk.add(j.measure());
                System.out.printf("round %d done%n", r + 1);
            }
        }
        double heap = idleContainerHeap();

        String[] names = {"fire-and-forget 1 -> 4 (msg/s)", "request-response sequential p50 (us)",
            "request-response sequential p99 (us)", "request-response 64 in flight (req/s)"};
        boolean[] higherIsBetter = {true, false, false, true};
        System.out.printf("%n%-40s %16s %16s %12s%n", "scenario", "k4s", "JDK queues", "k4s / JDK");
        for (int m = 0; m < names.length; m++) {
            double a = median(k4s, m);
            double b = median(jdk, m);
            System.out.printf("%-40s %16s %16s %11.2fx%n", names[m], format(a), format(b), a / b);
        }
        System.out.printf("%-40s %16s%n", "heap per idle container (bytes)", format(heap));
        System.out.printf("%n(ratios: throughput above 1 is better for k4s; latency below 1 is better for k4s;"
                + " heap measured over %d idle containers)%n", IDLE_CONTAINERS);
    }

    private static String format(double v) {
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.1f", v);
    }

    private static double median(List<double[]> rounds, int metric) {
        double[] v = rounds.stream().mapToDouble(r -> r[metric]).sorted().toArray();
        return v[v.length / 2];
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1_000.0;
    }

    private static ResourceClient noResources() {
        return (ResourceClient) Proxy.newProxyInstance(ResourceClient.class.getClassLoader(),
                new Class<?>[] {ResourceClient.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException("the harness has no resource store");
                });
    }

    private static Container container(String name) {
        return Container.of(ObjectMeta.of("default", name).withSystemFields("uid-" + name, 1, 1, Instant.EPOCH),
                ContainerSpec.of("test-echo").withMailboxCapacity(ContainerSpec.MAX_MAILBOX_CAPACITY));
    }

    private static void awaitRunning(VirtualThreadRuntime runtime, int count) {
        while (runtime.list().stream().filter(ContainerState::ready).count() < count) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** 4 replicas of the echo worker behind a RoundRobin service. */
    private static final class K4sTopology implements AutoCloseable {
        final Router router = new Router(RouterConfig.defaults());
        final VirtualThreadRuntime runtime = new VirtualThreadRuntime(TestWorkers.registry(), router,
                noResources(), RuntimeConfig.defaults(), Clock.systemUTC());
        final Address service = Address.service("default", "bench");
        final List<ResourceKey> keys = new ArrayList<>();

        K4sTopology() {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                names.add("bench-" + i);
                keys.add(ResourceKey.of("bench-" + i));
                runtime.start(container("bench-" + i));
            }
            awaitRunning(runtime, REPLICAS);
            router.updateEndpoints(ResourceKey.of("bench"), LoadBalancing.ROUND_ROBIN, names);
        }

        long processed() {
            long sum = 0;
            for (ResourceKey key : keys) {
                sum += runtime.state(key).orElseThrow().counters().processed();
            }
            return sum;
        }

        double[] measure() {
            long before = processed();
            long start = System.nanoTime();
            for (int i = 0; i < FIRE_AND_FORGET; i++) {
                router.send(service, PAYLOAD);
            }
            while (processed() - before < FIRE_AND_FORGET) {
                Thread.onSpinWait();
            }
            double fireAndForget = FIRE_AND_FORGET / ((System.nanoTime() - start) / 1e9);

            long[] latencies = new long[SEQUENTIAL];
            for (int i = 0; i < SEQUENTIAL; i++) {
                long t = System.nanoTime();
                router.request(service, PAYLOAD).join();
                latencies[i] = System.nanoTime() - t;
            }

            Semaphore window = new Semaphore(IN_FLIGHT);
            start = System.nanoTime();
            for (int i = 0; i < WINDOWED; i++) {
                window.acquireUninterruptibly();
                router.request(service, PAYLOAD).whenComplete((v, e) -> window.release());
            }
            window.acquireUninterruptibly(IN_FLIGHT);
            double windowed = WINDOWED / ((System.nanoTime() - start) / 1e9);
            return new double[] {fireAndForget, percentile(latencies, 0.5), percentile(latencies, 0.99), windowed};
        }

        @Override
        public void close() {
            runtime.close();
            router.close();
        }
    }

    /** The same topology from plain JDK queues and virtual threads. */
    private static final class JdkTopology implements AutoCloseable {
        final List<LinkedBlockingQueue<Object>> queues = new ArrayList<>();
        final AtomicLong processed = new AtomicLong();
        final List<Thread> consumers = new ArrayList<>();
        long turn;

        record Request(Object payload, CompletableFuture<Object> reply) {}

        JdkTopology() {
            for (int i = 0; i < REPLICAS; i++) {
                LinkedBlockingQueue<Object> q = new LinkedBlockingQueue<>();
                queues.add(q);
                consumers.add(Thread.ofVirtual().name("jdk-consumer-" + i).start(() -> consume(q)));
            }
        }

        private void consume(LinkedBlockingQueue<Object> q) {
            try {
                while (true) {
                    Object m = q.take();
                    if (m instanceof Request r) {
                        r.reply().complete(r.payload());
                    }
                    processed.incrementAndGet();
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }

        private LinkedBlockingQueue<Object> next() {
            return queues.get((int) (turn++ % REPLICAS));
        }

        double[] measure() throws InterruptedException {
            long before = processed.get();
            long start = System.nanoTime();
            for (int i = 0; i < FIRE_AND_FORGET; i++) {
                next().put(PAYLOAD);
            }
            while (processed.get() - before < FIRE_AND_FORGET) {
                Thread.onSpinWait();
            }
            double fireAndForget = FIRE_AND_FORGET / ((System.nanoTime() - start) / 1e9);

            long[] latencies = new long[SEQUENTIAL];
            for (int i = 0; i < SEQUENTIAL; i++) {
                long t = System.nanoTime();
                CompletableFuture<Object> reply = new CompletableFuture<>();
                next().put(new Request(PAYLOAD, reply));
                reply.join();
                latencies[i] = System.nanoTime() - t;
            }

            Semaphore window = new Semaphore(IN_FLIGHT);
            start = System.nanoTime();
            for (int i = 0; i < WINDOWED; i++) {
                window.acquireUninterruptibly();
                CompletableFuture<Object> reply = new CompletableFuture<>();
                reply.whenComplete((v, e) -> window.release());
                next().put(new Request(PAYLOAD, reply));
            }
            window.acquireUninterruptibly(IN_FLIGHT);
            double windowed = WINDOWED / ((System.nanoTime() - start) / 1e9);
            return new double[] {fireAndForget, percentile(latencies, 0.5), percentile(latencies, 0.99), windowed};
        }

        @Override
        public void close() {
            for (Thread t : consumers) {
                t.interrupt();
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while stopping the JDK consumers", e);
                }
            }
        }
    }

    /** Heap used per idle container: 10,000 started containers, measured after full GCs. */
    private static double idleContainerHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Container> resources = new ArrayList<>(IDLE_CONTAINERS);
        for (int i = 0; i < IDLE_CONTAINERS; i++) {
            resources.add(Container.of(ObjectMeta.of("default", "idle-" + i)
                    .withSystemFields("uid-idle-" + i, 1, 1, Instant.EPOCH), ContainerSpec.of("test-echo")));
        }
        try (Router router = new Router(RouterConfig.defaults());
             VirtualThreadRuntime runtime = new VirtualThreadRuntime(TestWorkers.registry(), router, noResources(),
                     RuntimeConfig.defaults(), Clock.systemUTC())) {
            long before = usedAfterGc(memory);
            for (Container c : resources) {
                runtime.start(c);
            }
            awaitRunning(runtime, IDLE_CONTAINERS);
            long after = usedAfterGc(memory);
            double perContainer = (after - before) / (double) IDLE_CONTAINERS;
            if (runtime.list().size() != IDLE_CONTAINERS) {
                throw new IllegalStateException("expected " + IDLE_CONTAINERS + " containers");
            }
            return perContainer;
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(Duration.ofMillis(100)); // let the collector settle before reading the heap
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
