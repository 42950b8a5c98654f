package io.k4s.bench;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.core.K4sCluster;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.ResourceStore;
import io.k4s.core.store.StorageProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measure the same figures on each storage backend in one run, so they compare: store updates a
 * second (one writer, and {@value #WRITERS} writers on their own objects: what group commit
 * gathers), apply a Container to its first reply, and a big ReplicaSet from apply to all ready and
 * from scale to 0 to all gone.
 * Each backend's figures get their ratio to the in-memory backend's.
 *
 * <p>Durable stores keep their data on disk (the embedded one in a folder under the harness's
 * scratch folder, etcd in its own), so every write is synced. Called from the harness's main
 * thread.
 */
final class BackendComparison {

    /** Concurrent writers of the second update figure. */
    static final int WRITERS = 16;
    private static final int ROUNDS = 3;

    /** A backend to measure: its name and how to make a fresh location of it. */
    record Backend(String name, LocationFactory locations) {}

    /** A new, empty location of a backend ({@code memory:}, {@code sqlite:DIR}, {@code etcd://...}). */
    interface LocationFactory {
        String next() throws IOException;
    }

    private final ControlPlaneHarness harness;
    private final Duration updateRun;
    private final int trials;
    private final int replicas;
    private final int objects;

    BackendComparison(ControlPlaneHarness harness, Duration updateRun, int trials, int replicas, int objects) {
        this.harness = harness;
        this.objects = Math.max(objects, WRITERS);
        this.updateRun = updateRun;
        this.trials = trials;
        this.replicas = replicas;
    }

    /** The in-memory, embedded and (if {@code etcd} is not null) etcd backends, with folders under {@code scratch}. */
    static List<Backend> backends(Path scratch, EtcdProcess etcd) {
        List<Backend> backends = new ArrayList<>();
        backends.add(new Backend("memory", () -> "memory:"));
        int[] n = {0};
        backends.add(new Backend("sqlite", () -> "sqlite:" + Files.createTempDirectory(scratch, "sqlite-")));
        if (etcd != null) {
            backends.add(new Backend("etcd", () -> etcd.location("/k4s-bench-" + ++n[0])));
        }
        return backends;
    }

    /** Every figure for every backend, with ratios to the first (memory). */
    List<Map<String, Object>> measure(List<Backend> backends) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Backend b : backends) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("backend", b.name());
            row.put("updatesPerSecond", updates(b.locations().next(), 1));
            row.put("updatesPerSecondConcurrent", updates(b.locations().next(), WRITERS));
            try (K4sCluster cluster = K4sCluster.builder().storage(b.locations().next())
                    .resyncPeriod(Duration.ofSeconds(30)).start()) {
                harness.applyToFirstReply(cluster, Math.min(trials, 20), "warm");
                long[] nanos = harness.applyToFirstReply(cluster, trials, "lat");
                Arrays.sort(nanos);
                row.put("applyToFirstReplyP50Ms", nanos[nanos.length / 2] / 1e6);
            }
            String location = b.locations().next();
            Map<String, Object> big = harness.bigReplicaSet(replicas, builder -> builder.storage(location));
            row.put("replicas", replicas);
            row.put("readySeconds", big.get("readySeconds"));
            row.put("deletedSeconds", big.get("deletedSeconds"));
            rows.add(row);
            System.out.printf(Locale.ROOT, "%s: %,.0f updates/s (1 writer), %,.0f updates/s (%d writers), apply ->"
                            + " first reply p50 %.2f ms, %,d replicas ready in %.2f s, scaled to 0 in %.2f s%n",
                    b.name(), (Double) row.get("updatesPerSecond"), (Double) row.get("updatesPerSecondConcurrent"),
                    WRITERS, (Double) row.get("applyToFirstReplyP50Ms"), replicas, (Double) row.get("readySeconds"),
                    (Double) row.get("deletedSeconds"));
        }
        Map<String, Object> base = rows.getFirst();
        for (Map<String, Object> row : rows) {
            for (String f : List.of("updatesPerSecond", "updatesPerSecondConcurrent", "applyToFirstReplyP50Ms",
                    "readySeconds", "deletedSeconds")) {
                row.put(f + "Ratio", (Double) row.get(f) / (Double) base.get(f));
            }
        }
        return rows;
    }

    /**
     * Updates a second by {@code writers} threads, each on an object of its own, in a store of
     * as many Containers as the harness's store measurements at {@code location}: the median of
     * {@value #ROUNDS} runs.
     */
    private double updates(String location, int writers) {
        try (ResourceStore store = new ResourceStore(StorageProviders.open(location, KindRegistry.builtIn(),
                BackendComparison.class.getClassLoader()), Clock.systemUTC(), 10_000, 100_000)) {
            List<Container> made = new ArrayList<>();
            for (int i = 0; i < objects; i++) {
                made.add(store.create(Container.of(ObjectMeta.of("bench", "obj-" + i), ContainerSpec.of("echo"))));
            }
            double[] rates = new double[ROUNDS];
            run(store, made, writers, warmUp());
            for (int r = 0; r < ROUNDS; r++) {
                rates[r] = run(store, made, writers, updateRun);
            }
            Arrays.sort(rates);
            return rates[ROUNDS / 2];
        }
    }

    private Duration warmUp() {
        return Duration.ofMillis(Math.max(200, updateRun.toMillis() / 2));
    }

    /** {@code writers} threads update their own object for {@code duration}; updates a second in all. */
    private static double run(ResourceStore store, List<Container> objects, int writers, Duration duration) {
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(writers);
        long start = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            int index = w;
            Thread.ofPlatform().name("bench-writer-" + w).start(() -> {
                try {
                    Container c = store.get(Container.class, "bench", objects.get(index).metadata().name()).orElseThrow();
                    while (!stop.get()) {
                        c = store.update(c.withMetadata(c.metadata().withAnnotations(
                                Map.of("touched", Long.toString(c.metadata().resourceVersion())))));
                        done.increment();
                    }
                } finally {
                    finished.countDown();
                }
            });
        }
        try {
            Thread.sleep(duration);
            stop.set(true);
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring updates", e);
        }
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    /** The table of the comparison, for the console. */
    static void print(List<Map<String, Object>> rows, int replicas) {
        System.out.printf(Locale.ROOT, "%n%-8s %16s %8s %20s %8s %16s %8s %14s %8s %12s %8s%n", "backend",
                "updates/s 1 wr", "x mem", "updates/s " + WRITERS + " wr", "x mem", "apply->reply p50", "x mem",
                String.format(Locale.ROOT, "%,d ready s", replicas), "x mem", "to 0 s", "x mem");
        for (Map<String, Object> r : rows) {
            System.out.printf(Locale.ROOT, "%-8s %,16.0f %8.2f %,20.0f %8.2f %13.2f ms %8.2f %14.2f %8.2f %12.2f %8.2f%n",
                    r.get("backend"), r.get("updatesPerSecond"), r.get("updatesPerSecondRatio"),
                    r.get("updatesPerSecondConcurrent"), r.get("updatesPerSecondConcurrentRatio"),
                    r.get("applyToFirstReplyP50Ms"), r.get("applyToFirstReplyP50MsRatio"),
                    r.get("readySeconds"), r.get("readySecondsRatio"), r.get("deletedSeconds"),
                    r.get("deletedSecondsRatio"));
        }
    }
}
