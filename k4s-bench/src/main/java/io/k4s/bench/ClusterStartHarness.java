package io.k4s.bench;

import io.k4s.bench.report.Json;
import io.k4s.core.K4sCluster;
import io.k4s.test.TestClock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measure what the test kit's {@code @K4sTest} pays per test: building and starting an in-memory
 * cluster as the kit does (a {@link TestClock} as clock and timer scheduler), and closing it;
 * each timed apart and together, on a warm JVM (the warm-up rounds are not counted).
 *
 * <p>Not a test: timings are printed and written as JSON, never asserted. From the repository
 * root, after {@code mvn -B -q -pl k4s-bench -am package -DskipTests}:
 * <pre>
 * java -cp k4s-bench/target/k4s-bench.jar io.k4s.bench.ClusterStartHarness [--warmup N] [--rounds N] [--json FILE]
 * </pre>
 * Defaults: 50 warm-up rounds, then 200 measured.
 */
public final class ClusterStartHarness {

    private ClusterStartHarness() {}

    /** Run the rounds, print a table and, with {@code --json}, write the figures. */
    public static void main(String[] args) throws IOException {
        int warmup = 50;
        int rounds = 200;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
                case "--json" -> json = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --warmup N, --rounds N or --json FILE");
            }
        }
        if (rounds < 1 || warmup < 0) {
            throw new IllegalArgumentException("--rounds must be at least 1 and --warmup at least 0");
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("k4s cluster start: %d cores, Java %s, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load);
        for (int i = 0; i < warmup; i++) {
            round();
        }
        long[] start = new long[rounds];
        long[] close = new long[rounds];
        long[] total = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long[] r = round();
            start[i] = r[0];
            close[i] = r[1];
            total[i] = r[0] + r[1];
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("loadAverage", load);
        results.put("warmup", warmup);
        results.put("start", ControlPlaneHarness.stats(start));
        results.put("close", ControlPlaneHarness.stats(close));
        results.put("startAndClose", ControlPlaneHarness.stats(total));
        print(results);
        if (json != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, Json.write(results));
            System.out.println("wrote " + json);
        }
    }

    /** One cluster as {@code @K4sTest} starts it: nanoseconds to build and start it, and to close it. */
    private static long[] round() {
        long t0 = System.nanoTime();
        TestClock clock = new TestClock(Instant.now());
        K4sCluster cluster = K4sCluster.builder().clock(clock).timers(clock).start();
        long t1 = System.nanoTime();
        cluster.close();
        long t2 = System.nanoTime();
        return new long[] {t1 - t0, t2 - t1};
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> results) {
        System.out.printf("%n%-28s %8s %9s %9s %9s %9s%n", "phase", "samples", "p50 ms", "p90 ms", "p99 ms", "max ms");
        for (String key : new String[] {"start", "close", "startAndClose"}) {
            Map<String, Object> s = (Map<String, Object>) results.get(key);
            System.out.printf("%-28s %8d %9.2f %9.2f %9.2f %9.2f%n", key, s.get("samples"), s.get("p50Ms"),
                    s.get("p90Ms"), s.get("p99Ms"), s.get("maxMs"));
        }
    }
}
