package io.k4s.bench;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Node;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ResourceKey;
import io.k4s.core.K4sCluster;
import io.k4s.transport.nats.NatsServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Measure failover across JVMs on a real etcd and nats-server on loopback (both started here):
 * three {@link FailoverNode} JVMs with {@code serve}'s defaults (10 s lease renewed every 2.5 s)
 * run a ReplicaSet of 6 {@code echo} replicas behind a RoundRobin Service; an observer node in this
 * JVM (capacity 0: it runs no container) watches the store and sends the requests.
 *
 * <ul>
 * <li><b>node killed</b>: SIGKILL of a node that runs replicas and does not lead; measured from the
 * kill to the node turning NotReady, and to the Service answering again from 6 ready replicas,
 * all on the two nodes left (6 requests in a row answered, one per endpoint).
 * <li><b>leader killed</b>: SIGKILL of the leading node, then at once a scale to 7 through the
 * observer; measured from the kill to another node leading, to the new leader's ReplicaSet
 * controller creating {@code calc-6} (the scale took effect), and to 7 ready replicas answering,
 * all on the nodes left.
 * </ul>
 * Each figure is the median of the trials, each trial a fresh cluster (its own etcd prefix).
 *
 * <p>Run: {@code java -cp k4s-bench/target/k4s-bench.jar io.k4s.bench.FailoverHarness [TRIALS]}
 * (default 3); needs etcd and nats-server (Debian's packages).
 */
public final class FailoverHarness {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> NODES = List.of("n1", "n2", "n3");
    private static final ResourceKey CALC = ResourceKey.of("default", "calc");

    private FailoverHarness() {}

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path binary = EtcdProcess.binary().orElseThrow(() -> new IllegalStateException("no etcd on the PATH"));
        Path scratch = Files.createTempDirectory("k4s-failover");
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        try (EtcdProcess etcd = EtcdProcess.start(binary, scratch); NatsServer nats = NatsServer.start()) {
            for (int t = 0; t < trials; t++) {
                try (Trial trial = new Trial(etcd.location("/failover-" + t + "-node"), nats.url(), scratch)) {
                    trial.nodeKilled().forEach((k, v) -> figures.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                }
                try (Trial trial = new Trial(etcd.location("/failover-" + t + "-leader"), nats.url(), scratch)) {
                    trial.leaderKilled().forEach((k, v) -> figures.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                }
                System.out.printf(Locale.ROOT, "trial %d of %d done%n", t + 1, trials);
            }
        } finally {
            DataDirs.delete(scratch);
        }
        print(figures, trials);
    }

    /** One fresh cluster: three child JVMs and the observer. */
    private static final class Trial implements AutoCloseable {

        private final Map<String, Child> children = new LinkedHashMap<>();
        private final K4sCluster observer;

        Trial(String store, String transport, Path scratch) throws IOException {
            // One at a time, and again if one could not reach etcd in time: on a busy machine three
            // JVMs starting at once can exceed the etcd client's 10 s connect timeout.
            for (String name : NODES) {
                for (int attempt = 1; ; attempt++) {
                    Child child = new Child(name, store, transport, scratch);
                    children.put(name, child);
                    if (child.awaitStarted(WAIT)) {
                        break;
                    }
                    if (attempt == 3) {
                        close();
                        throw new IllegalStateException("node " + name + " did not start:\n" + child.describe());
                    }
                }
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (leader().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("no node leads within " + WAIT + ":\n"
                            + children.values().stream().map(Child::describe).collect(Collectors.joining("\n")));
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            // Last in the election's order: a child takes over when the leader dies.
            observer = K4sCluster.builder().storage(store).transport(transport).node("observer").nodeCapacity(0)
                    .defaultRequestTimeout(Duration.ofSeconds(2)).start();
            observer.apply("""
                    apiVersion: k4s.io/v1
                    kind: ReplicaSet
                    metadata: {name: calc}
                    spec:
                      replicas: 6
                      template:
                        metadata: {labels: {app: calc}}
                        spec: {worker: echo}
                    ---
                    apiVersion: k4s.io/v1
                    kind: Service
                    metadata: {name: calc}
                    spec: {selector: {app: calc}, loadBalancing: RoundRobin}
                    """);
            observer.await(WAIT, "6 replicas answering", () -> answering(6, null));
        }

        Optional<Child> leader() {
            return children.values().stream().filter(c -> c.leadingSince > 0).findFirst();
        }

        /** Kill a node that does not lead: seconds to NotReady and to the Service answering again. */
        Map<String, Double> nodeKilled() throws InterruptedException {
            Child victim = children.values().stream().filter(c -> c.leadingSince == 0).findFirst().orElseThrow();
            long killed = victim.kill();
            long[] notReady = {0};
            observer.await(WAIT, "the replicas of " + victim.name + " to answer from the others", () -> {
                if (notReady[0] == 0 && !observer.resources().get(Node.class, null, victim.name)
                        .map(Node::ready).orElse(true)) {
                    notReady[0] = System.nanoTime();
                }
                return notReady[0] != 0 && answering(6, victim.name);
            });
            long answering = System.nanoTime();
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("node killed -> node NotReady", seconds(notReady[0] - killed));
            out.put("node killed -> Service answers from 6 replicas on the nodes left", seconds(answering - killed));
            return out;
        }

        /** Kill the leader and scale at once: seconds to a new leader, to the scale's container, to 7 answering. */
        Map<String, Double> leaderKilled() throws InterruptedException {
            Child victim = leader().orElseThrow();
            long killed = victim.kill();
            observer.scale("calc", 7);
            long[] created = {0};
            observer.await(WAIT, "calc-6 created and 7 replicas answering", () -> {
                if (created[0] == 0 && observer.resources().get(Container.class, "default", "calc-6").isPresent()) {
                    created[0] = System.nanoTime();
                }
                return created[0] != 0 && answering(7, victim.name);
            });
            long answering = System.nanoTime();
            Child next = leader().orElseThrow(() -> new IllegalStateException("no child leads: the observer does"));
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("leader killed -> another node leads", seconds(next.leadingSince - killed));
            out.put("leader killed -> the scale after the kill creates its container", seconds(created[0] - killed));
            out.put("leader killed -> Service answers from 7 replicas on the nodes left", seconds(answering - killed));
            return out;
        }

        /**
         * Whether {@code replicas} calc replicas are ready, none on {@code dead}, and {@code replicas}
         * requests in a row (one per endpoint, round robin) are answered.
         */
        private boolean answering(int replicas, String dead) {
            ReplicaSet rs = observer.resources().get(ReplicaSet.class, "default", "calc").orElse(null);
            if (rs == null || rs.status().readyReplicas() != replicas || rs.status().observedGeneration()
                    != rs.metadata().generation() || observer.router().readyEndpoints(CALC) != replicas) {
                return false;
            }
            List<Container> calc = observer.resources().list(Container.class, "default").items();
            if (calc.stream().anyMatch(c -> dead != null && dead.equals(c.spec().nodeName()))) {
                return false;
            }
            for (int i = 0; i < replicas; i++) {
                try {
                    observer.messenger().request(Address.service("calc"), "ping").get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() {
            if (observer != null) {
                observer.close();
            }
            children.values().forEach(Child::close);
        }
    }

    /** A {@link FailoverNode} JVM; its output read on a thread of its own. */
    private static final class Child {

        final String name;
        private final Process process;
        private final Path errors;
        volatile boolean started;
        /** When it last said it leads (System.nanoTime), 0 while it does not. */
        volatile long leadingSince;

        Child(String name, String store, String transport, Path scratch) throws IOException {
            this.name = name;
            String java = ProcessHandle.current().info().command().orElse("java");
            this.errors = Files.createTempFile(scratch, name, ".err");
            this.process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    FailoverNode.class.getName(), store, transport, name).redirectError(errors.toFile()).start();
            Thread.ofPlatform().daemon().name("failover-" + name).start(this::read);
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    long now = System.nanoTime();
                    switch (line) {
                        case "STARTED" -> started = true;
                        case "LEADING true" -> leadingSince = now;
                        case "LEADING false" -> leadingSince = 0;
                        default -> { } // its log
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            leadingSince = 0;
        }

        /** Wait until it says it started (true) or exits (false), within {@code timeout}. */
        boolean awaitStarted(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!started && process.isAlive() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            if (!started) {
                process.destroyForcibly();
            }
            return started;
        }

        /** SIGKILL; returns when the signal was sent (System.nanoTime), after the process is gone. */
        long kill() throws InterruptedException {
            long at = System.nanoTime();
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for 30 s");
            }
            leadingSince = 0;
            return at;
        }

        void close() {
            process.destroyForcibly();
        }

        /** Its state and the end of its standard error, for a failure's message. */
        String describe() {
            String err;
            try {
                List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
                err = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            } catch (IOException e) {
                err = "(unreadable: " + e + ")";
            }
            return name + ": " + (process.isAlive() ? "alive" : "exited " + process.exitValue()) + ", started "
                    + started + ", leading " + (leadingSince > 0) + "; its standard error ends:\n" + err;
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void print(Map<String, List<Double>> figures, int trials) {
        System.out.printf(Locale.ROOT, "%nfailover on loopback etcd + nats-server, 3 nodes (child JVMs), lease 10 s;"
                + " seconds, median of %d trials (min-max)%n", trials);
        System.out.println("| measurement | median | min-max |");
        System.out.println("|---|---:|---:|");
        for (Map.Entry<String, List<Double>> e : figures.entrySet()) {
            List<Double> v = e.getValue().stream().sorted().toList();
            System.out.printf(Locale.ROOT, "| %s | %.1f s | %.1f-%.1f |%n", e.getKey(), v.get(v.size() / 2), v.getFirst(),
                    v.getLast());
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
