package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.K4sException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.ResourceKey;
import io.k4s.bench.report.Json;
import io.k4s.core.K4sCluster;
import io.k4s.core.K4sClusterBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Measure the control plane: how fast an applied Container answers, how fast a scale-up
 * answers, how long big ReplicaSets take to become ready and to go away (and the heap each idle
 * container holds), how many store operations a second one thread gets, and the same figures on
 * each storage backend, in memory, embedded (sqlite, on disk) and etcd ({@link BackendComparison}).
 *
 * <p>Not a test: timings are printed and written as JSON, never asserted. From the repository
 * root, after {@code mvn -B -q -pl k4s-bench -am package -DskipTests}:
 * <pre>
 * java -Xms4g -Xmx4g -cp k4s-bench/target/k4s-bench.jar io.k4s.bench.ControlPlaneHarness \
 *      [--smoke] [--trials N] [--sizes 10000,100000] [--store-objects N] [--timeout SECONDS] [--json FILE]
 *      [--backends memory,sqlite,etcd] [--backend-replicas N] [--backend-trials N] [--scratch DIR]
 * </pre>
 * Defaults: 1,000 trials, ReplicaSets of 10,000 and 100,000, a store of 10,000 objects, and
 * 300 s for anything to become ready or go away; the backends compared on 200 trials and a
 * ReplicaSet of 10,000, with their data under java.io.tmpdir (etcd is started by the harness, and
 * skipped when no etcd binary is found).
 * {@code --smoke} runs tiny sizes for CI. {@code scripts/bench.sh} runs it for you.
 */
public final class ControlPlaneHarness {

    /** How long anything may take to become ready, answer, or go away. */
    private final Duration timeout;

    private ControlPlaneHarness(Duration timeout) {
        this.timeout = timeout;
    }

    /** Run every scenario, print a table and, with {@code --json}, write the figures. */
    public static void main(String[] args) throws IOException {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        int trials = smoke ? 20 : 1_000;
        int[] sizes = smoke ? new int[] {200, 1_000} : new int[] {10_000, 100_000};
        int storeObjects = smoke ? 1_000 : 10_000;
        Duration storeRun = smoke ? Duration.ofMillis(100) : Duration.ofSeconds(2);
        Path json = null;
        Duration timeout = Duration.ofMinutes(5);
        List<String> backendNames = List.of("memory", "sqlite", "etcd");
        int backendReplicas = smoke ? 200 : 10_000;
        int backendTrials = smoke ? 5 : 200;
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> { }
                case "--trials" -> trials = Integer.parseInt(value(args, ++i));
                case "--sizes" -> sizes = Arrays.stream(value(args, ++i).split(",")).mapToInt(Integer::parseInt).toArray();
                case "--store-objects" -> storeObjects = Integer.parseInt(value(args, ++i));
                case "--json" -> json = Path.of(value(args, ++i));
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
                case "--backends" -> backendNames = List.of(value(args, ++i).split(","));
                case "--backend-replicas" -> backendReplicas = Integer.parseInt(value(args, ++i));
                case "--backend-trials" -> backendTrials = Integer.parseInt(value(args, ++i));
                case "--scratch" -> scratch = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; expected --smoke,"
                        + " --trials N, --sizes N,N, --store-objects N, --timeout SECONDS, --json FILE, --backends"
                        + " memory,sqlite,etcd, --backend-replicas N, --backend-trials N or --scratch DIR");
            }
        }
        System.out.printf("k4s control plane: %d cores, Java %s, max heap %,d MB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        ControlPlaneHarness harness = new ControlPlaneHarness(timeout);
        Map<String, Object> results = new LinkedHashMap<>();
        // The store goes first: measured after the cluster scenarios, in a JVM whose store code was
        // compiled for every kind and status, its updates ran about ten times slower.
        List<Map<String, Object>> store = StoreThroughput.measure(storeObjects, storeRun);
        try (K4sCluster cluster = K4sCluster.builder().resyncPeriod(Duration.ofSeconds(30)).start()) {
            harness.applyToFirstReply(cluster, Math.min(trials, 100), "warm");
            results.put("applyToFirstReply", stats(harness.applyToFirstReply(cluster, trials, "lat")));
            int scaleTrials = Math.min(trials, 200);
            harness.scaleOneToTwo(cluster, Math.min(scaleTrials, 20), "warm");
            results.put("scaleOneToTwo", stats(harness.scaleOneToTwo(cluster, scaleTrials, "sc")));
        }
        List<Object> replicaSets = new ArrayList<>();
        for (int size : sizes) {
            replicaSets.add(harness.bigReplicaSet(size));
        }
        results.put("replicaSets", replicaSets);
        results.put("store", store);
        List<Map<String, Object>> backends = harness.compareBackends(backendNames, scratch,
                new BackendComparison(harness, storeRun, backendTrials, backendReplicas, smoke ? 50 : storeObjects));
        results.put("backends", backends);
        print(results);
        BackendComparison.print(backends, backendReplicas);
        if (json != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, Json.write(results));
            System.out.println("wrote " + json);
        }
    }

    /**
     * The storage comparison over {@code names} (memory, sqlite, etcd: etcd is skipped, with a
     * line saying so, when no etcd binary is found), with their data in a folder under
     * {@code scratch} that is deleted afterwards.
     */
    private List<Map<String, Object>> compareBackends(List<String> names, Path scratch, BackendComparison comparison)
            throws IOException {
        Path dir = Files.createTempDirectory(scratch, "k4s-bench-");
        Optional<Path> etcdBinary = names.contains("etcd") ? EtcdProcess.binary() : Optional.empty();
        if (names.contains("etcd") && etcdBinary.isEmpty()) {
            System.out.println("etcd: skipped, no etcd binary on the PATH or at /usr/bin/etcd (apt-get install"
                    + " etcd-server)");
        }
        try (EtcdProcess etcd = etcdBinary.isPresent() ? EtcdProcess.start(etcdBinary.get(), dir) : null) {
            List<BackendComparison.Backend> backends = BackendComparison.backends(dir, etcd).stream()
                    .filter(b -> names.contains(b.name())).toList();
            return comparison.measure(backends);
        } finally {
            DataDirs.delete(dir);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** Apply a Container, ask it until it answers, delete it; the time to the first reply. */
    long[] applyToFirstReply(K4sCluster cluster, int trials, String prefix) {
        long[] nanos = new long[trials];
        for (int i = 0; i < trials; i++) {
            String name = prefix + "-" + i;
            long t0 = System.nanoTime();
            cluster.apply(Container.of(ObjectMeta.of(name), ContainerSpec.of("echo")));
            awaitReply(cluster, Address.container(name));
            nanos[i] = System.nanoTime() - t0;
            cluster.delete(Container.class, name);
        }
        return nanos;
    }

    /** Scale a ReplicaSet from 1 to 2 until the new replica answers, then back to 1. */
    private long[] scaleOneToTwo(K4sCluster cluster, int trials, String name) {
        cluster.apply(replicaSet(name, 1));
        cluster.awaitReady(name, timeout);
        String second = name + "-1";
        long[] nanos = new long[trials];
        for (int i = 0; i < trials; i++) {
            long t0 = System.nanoTime();
            cluster.scale(name, 2);
            awaitReply(cluster, Address.container(second));
            nanos[i] = System.nanoTime() - t0;
            cluster.scale(name, 1);
            poll(timeout, second + " to be gone", () ->
                    cluster.runtime().state(ResourceKey.of(second)).map(s -> s.ended()).orElse(true)
                            && cluster.resources().get(Container.class, ObjectMeta.DEFAULT_NAMESPACE, second).isEmpty(),
                    () -> census(cluster));
        }
        cluster.delete(ReplicaSet.class, name);
        return nanos;
    }

    /**
     * A ReplicaSet from apply to all ready, and from scale-to-0 to all gone; heap per container.
     * The cluster has the default settings (in memory) but for a 60 s resync.
     */
    private Map<String, Object> bigReplicaSet(int replicas) {
        return bigReplicaSet(replicas, builder -> { });
    }

    /** {@link #bigReplicaSet(int)} on a cluster whose builder {@code storage} configured too. */
    Map<String, Object> bigReplicaSet(int replicas, Consumer<K4sClusterBuilder> storage) {
        K4sClusterBuilder builder = K4sCluster.builder().resyncPeriod(Duration.ofSeconds(60));
        storage.accept(builder);
        try (K4sCluster cluster = builder.start()) {
            long heapBefore = usedHeapAfterGc();
            long t0 = System.nanoTime();
            cluster.apply(replicaSet("big", replicas));
            poll(timeout, replicas + " replicas ready", () -> readyReplicas(cluster, "big") == replicas,
                    () -> census(cluster));
            double readySeconds = (System.nanoTime() - t0) / 1e9;
            long heapPerContainer = (usedHeapAfterGc() - heapBefore) / replicas;
            System.out.printf("ReplicaSet of %,d: apply -> all ready %.2f s, heap per idle container %,d bytes%n",
                    replicas, readySeconds, heapPerContainer);
            t0 = System.nanoTime();
            cluster.scale("big", 0);
            poll(timeout, "every container of big to be gone", () -> readyReplicas(cluster, "big") == 0
                    && cluster.runtime().list().stream().allMatch(s -> s.ended())
                    && cluster.resources().list(Container.class, null).items().isEmpty(), () -> census(cluster));
            double deletedSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("ReplicaSet of %,d: scale to 0 -> all gone %.2f s%n", replicas, deletedSeconds);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("replicas", replicas);
            m.put("readySeconds", readySeconds);
            m.put("deletedSeconds", deletedSeconds);
            m.put("heapBytesPerContainer", heapPerContainer);
            return m;
        }
    }

    /** Ready replicas by the ReplicaSet's status, or -1 until its status caught up with its spec. */
    private static int readyReplicas(K4sCluster cluster, String name) {
        return cluster.resources().get(ReplicaSet.class, ObjectMeta.DEFAULT_NAMESPACE, name)
                .filter(rs -> rs.status().observedGeneration() == rs.metadata().generation())
                .filter(rs -> rs.status().replicas() == rs.spec().replicas())
                .map(rs -> rs.status().readyReplicas()).orElse(-1);
    }

    private static ReplicaSet replicaSet(String name, int replicas) {
        return ReplicaSet.of(ObjectMeta.of(name), new ReplicaSetSpec(replicas,
                ContainerTemplate.of(Map.of("app", name), ContainerSpec.of("echo"))));
    }

    private void awaitReply(K4sCluster cluster, Address to) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                cluster.messenger().request(to, "ping", Duration.ofSeconds(5)).join();
                return;
            } catch (CompletionException | K4sException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(to + " never answered within " + timeout, e);
                }
                LockSupport.parkNanos(20_000);
            }
        }
    }

    /**
     * Check {@code condition} every 10 ms, so a big cluster is not slowed by the watching; on a
     * timeout, say what was awaited and what {@code state} describes.
     */
    private static void poll(Duration timeout, String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what + "; "
                        + state.get());
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    /** What the cluster holds: ReplicaSets' status, Containers in the store, live runtime containers. */
    private static String census(K4sCluster cluster) {
        List<String> sets = cluster.resources().list(ReplicaSet.class, null).items().stream()
                .map(rs -> rs.metadata().name() + " " + rs.status()).toList();
        long stored = cluster.resources().list(Container.class, null).items().size();
        long live = cluster.runtime().list().stream().filter(s -> !s.ended()).count();
        return "ReplicaSets " + sets + ", " + stored + " Containers in the store, " + live
                + " containers not ended in the runtime, " + cluster.deadLetterCount() + " dead letters";
    }

    /** Samples, mean, p50, p90, p99 and max of {@code nanos}, in milliseconds. */
    static Map<String, Object> stats(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", sorted.length);
        m.put("meanMs", Arrays.stream(sorted).average().orElse(Double.NaN) / 1e6);
        m.put("p50Ms", percentile(sorted, 50));
        m.put("p90Ms", percentile(sorted, 90));
        m.put("p99Ms", percentile(sorted, 99));
        m.put("maxMs", sorted[sorted.length - 1] / 1e6);
        return m;
    }

    private static double percentile(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> results) {
        System.out.printf("%n%-52s %8s %9s %9s %9s%n", "scenario", "samples", "p50 ms", "p99 ms", "max ms");
        for (String key : List.of("applyToFirstReply", "scaleOneToTwo")) {
            Map<String, Object> s = (Map<String, Object>) results.get(key);
            System.out.printf("%-52s %8d %9.3f %9.3f %9.3f%n",
                    key.equals("applyToFirstReply") ? "apply Container -> first reply" : "scale 1 -> 2 -> new replica replies",
                    s.get("samples"), s.get("p50Ms"), s.get("p99Ms"), s.get("maxMs"));
        }
        System.out.printf("%n%-52s %14s%n", "store operation (one thread)", "ops/s");
        for (Map<String, Object> op : (List<Map<String, Object>>) results.get("store")) {
            System.out.printf("%-52s %,14.0f%n", op.get("operation"), (Double) op.get("opsPerSecond"));
        }
    }
}
