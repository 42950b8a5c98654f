package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.HorizontalAutoscaler;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.bench.report.Json;
import io.k4s.core.K4sCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measure the workload controllers: how long a rolling update of a 10-replica Deployment takes
 * under steady request traffic (and how many requests fail: it must be none), and how fast the
 * HorizontalAutoscaler reacts to a load step (to its first scale-up, and until the replicas it
 * asked for are available).
 *
 * <p>Not a test: timings are printed and written as JSON, never asserted. From the repository
 * root, after {@code mvn -B -q -pl k4s-bench -am package -DskipTests}:
 * <pre>
 * java -cp k4s-bench/target/k4s-bench.jar io.k4s.bench.WorkloadHarness [--smoke] [--rollouts N] [--steps N] \
 *      [--timeout SECONDS] [--json FILE]
 * </pre>
 * Defaults: 20 measured rollouts (after 3 to warm up) and 5 load steps, each on a fresh
 * cluster; 60 s for anything to happen. {@code --smoke} runs one of each.
 */
public final class WorkloadHarness {

    private static final String NS = ObjectMeta.DEFAULT_NAMESPACE;
    private static final int REPLICAS = 10;

    /** Ten echo replicas behind a Service; {@code %s} is the reply prefix, so each value is a new template. */
    private static final String WEB = """
            apiVersion: k4s.io/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 10
              template:
                metadata: {labels: {app: web}}
                spec: {worker: echo, params: {prefix: "%s: "}}
            ---
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}, loadBalancing: RoundRobin}
            """;

    /** One echo replica, autoscaled on 50 messages per second per replica between 1 and 8. */
    private static final String AUTOSCALED = """
            apiVersion: k4s.io/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 1
              template:
                metadata: {labels: {app: web}}
                spec: {worker: echo}
            ---
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}, loadBalancing: RoundRobin}
            ---
            apiVersion: k4s.io/v1
            kind: HorizontalAutoscaler
            metadata: {name: web}
            spec:
              scaleTargetRef: {kind: Deployment, name: web}
              minReplicas: 1
              maxReplicas: 8
              metrics: [{type: MessagesPerSecond, averageValue: 50}]
            """;

    /** The load step: a generator sending 200 messages a second, four replicas' worth. */
    private static final String LOAD = """
            apiVersion: k4s.io/v1
            kind: Container
            metadata: {name: load}
            spec: {worker: generator, params: {target: service/web, interval: 5ms}}
            """;

    private final Duration timeout;

    private WorkloadHarness(Duration timeout) {
        this.timeout = timeout;
    }

    /** Run both scenarios, print a table and, with {@code --json}, write the figures. */
    public static void main(String[] args) throws IOException, InterruptedException {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        int rollouts = smoke ? 1 : 20;
        int steps = smoke ? 1 : 5;
        Path json = null;
        Duration timeout = Duration.ofSeconds(60);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> { }
                case "--rollouts" -> rollouts = Integer.parseInt(value(args, ++i));
                case "--steps" -> steps = Integer.parseInt(value(args, ++i));
                case "--json" -> json = Path.of(value(args, ++i));
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; expected --smoke,"
                        + " --rollouts N, --steps N, --timeout SECONDS or --json FILE");
            }
        }
        System.out.printf("k4s workloads: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        WorkloadHarness harness = new WorkloadHarness(timeout);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("rollingUpdate", harness.rollingUpdates(smoke ? 0 : 3, rollouts));
        results.put("autoscalerStep", harness.loadSteps(steps));
        print(results);
        if (json != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, Json.write(results));
            System.out.println("wrote " + json);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /**
     * Roll a 10-replica Deployment {@code warmup + trials} times to a new template while a
     * client sends a request every millisecond; time each from the apply to the rollout's end.
     */
    private Map<String, Object> rollingUpdates(int warmup, int trials) throws InterruptedException {
        long[] nanos = new long[trials];
        SteadyTraffic.Counts counts;
        try (K4sCluster cluster = K4sCluster.builder().resyncPeriod(Duration.ofSeconds(10)).start()) {
            cluster.apply(WEB.formatted("v0"), "web.yaml");
            cluster.rollouts().await(NS, "web", timeout);
            cluster.awaitEndpoints("web", REPLICAS, timeout);
            SteadyTraffic traffic = SteadyTraffic.start(cluster, Address.service("web"), Duration.ofMillis(1), timeout);
            for (int i = 1; i <= warmup + trials; i++) {
                long t0 = System.nanoTime();
                cluster.apply(WEB.formatted("v" + i), "web.yaml");
                cluster.rollouts().await(NS, "web", timeout);
                if (i > warmup) {
                    nanos[i - warmup - 1] = System.nanoTime() - t0;
                }
            }
            counts = traffic.stop();
        }
        Map<String, Object> m = ControlPlaneHarness.stats(nanos);
        m.put("replicas", REPLICAS);
        m.put("requests", counts.sent());
        m.put("failedRequests", counts.failed());
        System.out.printf("rolling update of %d replicas: %d rollouts, p50 %.0f ms, max %.0f ms; %,d requests, %d"
                + " failed%n", REPLICAS, trials, m.get("p50Ms"), m.get("maxMs"), counts.sent(), counts.failed());
        return m;
    }

    /**
     * On a fresh cluster each time: one autoscaled replica, idle until the autoscaler has
     * measured it, then a load step of four replicas' worth; time from the step to the first
     * scale-up, and until the replicas asked for then are available.
     */
    private Map<String, Object> loadSteps(int trials) {
        long[] toFirstScale = new long[trials];
        long[] toAvailable = new long[trials];
        List<Integer> scaledTo = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            try (K4sCluster cluster = K4sCluster.builder().resyncPeriod(Duration.ofSeconds(10)).start()) {
                cluster.apply(AUTOSCALED, "autoscaled.yaml");
                cluster.rollouts().await(NS, "web", timeout);
                // A steady state first: the autoscaler has measured a rate (0 messages a second), so
                // the step is timed from a running autoscaler, not from its first samples.
                cluster.await(timeout, "the autoscaler to measure a rate", () -> cluster.resources()
                        .get(HorizontalAutoscaler.class, NS, "web")
                        .map(h -> !h.status().currentMetrics().isEmpty()).orElse(false));
                long t0 = System.nanoTime();
                cluster.apply(LOAD, "load.yaml");
                cluster.await(timeout, "the first scale-up", () -> deployment(cluster).spec().replicas() > 1);
                toFirstScale[i] = System.nanoTime() - t0;
                int asked = deployment(cluster).spec().replicas();
                cluster.await(timeout, asked + " replicas available",
                        () -> deployment(cluster).status().availableReplicas() >= asked);
                toAvailable[i] = System.nanoTime() - t0;
                scaledTo.add(asked);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("toFirstScaleUp", ControlPlaneHarness.stats(toFirstScale));
        m.put("toReplicasAvailable", ControlPlaneHarness.stats(toAvailable));
        m.put("firstScaleUpTo", scaledTo);
        System.out.printf("autoscaler load step (1 replica, 4 replicas' worth of load): first scale-up p50 %.0f ms,"
                        + " replicas available p50 %.0f ms, scaled to %s%n",
                ((Map<?, ?>) m.get("toFirstScaleUp")).get("p50Ms"), ((Map<?, ?>) m.get("toReplicasAvailable")).get("p50Ms"),
                scaledTo);
        return m;
    }

    private static Deployment deployment(K4sCluster cluster) {
        return cluster.resources().get(Deployment.class, NS, "web").orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> results) {
        System.out.printf("%n%-58s %8s %9s %9s %9s%n", "scenario", "samples", "p50 ms", "p99 ms", "max ms");
        Map<String, Object> rolling = (Map<String, Object>) results.get("rollingUpdate");
        Map<String, Object> step = (Map<String, Object>) results.get("autoscalerStep");
        row("rolling update, 10 replicas, under traffic", rolling);
        row("load step -> first scale-up", (Map<String, Object>) step.get("toFirstScaleUp"));
        row("load step -> replicas asked for available", (Map<String, Object>) step.get("toReplicasAvailable"));
        System.out.printf("%nrequests during the rollouts: %,d, failed: %d%n", rolling.get("requests"),
                rolling.get("failedRequests"));
    }

    private static void row(String name, Map<String, Object> s) {
        System.out.printf("%-58s %8d %9.1f %9.1f %9.1f%n", name, s.get("samples"), s.get("p50Ms"), s.get("p99Ms"),
                s.get("maxMs"));
    }
}
