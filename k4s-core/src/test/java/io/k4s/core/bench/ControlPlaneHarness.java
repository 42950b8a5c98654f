package io.k4s.core.bench;

import io.k4s.api.Address;
import io.k4s.api.K4sException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.core.K4sCluster;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;

/**
 * Measure the control plane: how fast an applied Container answers, how fast a scale-up
 * answers, and how long a big ReplicaSet takes to become ready and to go away.
 *
 * <p>Not a test: timings are printed, never asserted. Run it from the repository root with
 * <pre>
 * mvn -B -q -pl k4s-core -am test-compile
 * mvn -B -q -pl k4s-core dependency:build-classpath -Dmdep.outputFile=/tmp/k4s-cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat /tmp/k4s-cp.txt):k4s-core/target/classes:k4s-core/target/test-classes" \
 *      io.k4s.core.bench.ControlPlaneHarness [trials] [replicas...]
 * </pre>
 * Defaults: 1000 trials, replicas 10000.
 */
public final class ControlPlaneHarness {

    private ControlPlaneHarness() {}

    /** Runs every scenario and prints a table. */
    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int[] sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000};
        System.out.printf("k4s control plane, %d cores, Java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (K4sCluster cluster = K4sCluster.builder().resyncPeriod(Duration.ofSeconds(30)).start()) {
            applyToFirstReply(cluster, Math.min(trials, 100), false);
            long[] apply = applyToFirstReply(cluster, trials, true);
            long[] scale = scaleToFirstReply(cluster, trials, true);
            System.out.printf("%-36s %10s %10s %10s%n", "scenario (" + trials + " trials)", "p50 ms", "p99 ms", "max ms");
            row("apply Container -> first reply", apply);
            row("scale 1 -> 2 -> new replica replies", scale);
        }
        for (int size : sizes) {
            bigReplicaSet(size);
        }
    }

    private static long[] applyToFirstReply(K4sCluster cluster, int trials, boolean record) {
        long[] nanos = new long[trials];
        for (int i = 0; i < trials; i++) {
            String name = "lat-" + i + (record ? "" : "-warm");
            long t0 = System.nanoTime();
            cluster.apply(Container.of(ObjectMeta.of(name), ContainerSpec.of("whoami")));
            awaitReply(Address.container(name), cluster);
            nanos[i] = System.nanoTime() - t0;
            cluster.delete(Container.class, name);
        }
        return nanos;
    }

    private static long[] scaleToFirstReply(K4sCluster cluster, int trials, boolean record) {
        cluster.apply("""
                kind: ReplicaSet
                metadata: {name: sc}
                spec: {replicas: 1, template: {spec: {worker: whoami}}}
                """);
        cluster.awaitReady("sc", Duration.ofSeconds(10));
        long[] nanos = new long[trials];
        for (int i = 0; i < trials; i++) {
            long t0 = System.nanoTime();
            cluster.scale("sc", 2);
            awaitReply(Address.container("sc-1"), cluster);
            nanos[i] = System.nanoTime() - t0;
            cluster.scale("sc", 1);
            cluster.await(Duration.ofSeconds(10), "sc-1 gone", () -> cluster.runtime()
                    .state(io.k4s.api.resource.ResourceKey.of("sc-1")).map(s -> s.ended()).orElse(true)
                    && cluster.resources().get(Container.class, "default", "sc-1").isEmpty());
        }
        cluster.delete(io.k4s.api.resource.ReplicaSet.class, "sc");
        return nanos;
    }

    private static void awaitReply(Address to, K4sCluster cluster) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                cluster.messenger().request(to, "ping", Duration.ofSeconds(5)).join();
                return;
            } catch (CompletionException | K4sException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(to + " never answered", e);
                }
                LockSupport.parkNanos(20_000);
            }
        }
    }

    private static void bigReplicaSet(int replicas) {
        try (K4sCluster cluster = K4sCluster.builder().resyncPeriod(Duration.ofSeconds(60)).start()) {
            long heapBefore = usedHeapAfterGc();
            long t0 = System.nanoTime();
            cluster.apply("""
                    kind: ReplicaSet
                    metadata: {name: big}
                    spec: {replicas: %d, template: {spec: {worker: whoami}}}
                    """.formatted(replicas));
            cluster.awaitReady("big", Duration.ofMinutes(5));
            double upSeconds = (System.nanoTime() - t0) / 1e9;
            long heapAfter = usedHeapAfterGc();
            t0 = System.nanoTime();
            cluster.scale("big", 0);
            cluster.await(Duration.ofMinutes(5), "all containers gone", () ->
                    cluster.resources().list(Container.class, null).items().isEmpty()
                    && cluster.runtime().list().stream().allMatch(s -> s.ended()));
            double downSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("ReplicaSet of %,d: apply -> all ready %.2f s, scale to 0 -> all gone %.2f s,"
                    + " heap per container %,d bytes%n", replicas, upSeconds, downSeconds,
                    (heapAfter - heapBefore) / replicas);
        }
    }

    private static void row(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-36s %10.3f %10.3f %10.3f%n", name, pct(sorted, 50), pct(sorted, 99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
