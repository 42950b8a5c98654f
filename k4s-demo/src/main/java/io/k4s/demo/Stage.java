package io.k4s.demo;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.runtime.ContainerState;
import io.k4s.core.K4sCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Give a demo or the quickstart its cluster and a voice: narrate, show manifests as they are
 * applied, print tables, ask services, and wait for conditions (never for a fixed time).
 *
 * <p>One stage belongs to one demo run on one thread.
 */
final class Stage {

    /** How long any one wait of a demo may take before the demo fails. */
    static final Duration WAIT = Duration.ofSeconds(20);

    /** The least time between two checks of {@link #awaitAsking}. */
    static final long POLL_MILLIS = 50;

    private final K4sCluster cluster;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    Stage(K4sCluster cluster, PrintStream out) {
        this.cluster = cluster;
        this.out = out;
    }

    K4sCluster cluster() {
        return cluster;
    }

    PrintStream out() {
        return out;
    }

    /** Print narration text. */
    void say(String text) {
        out.println(text);
    }

    /** Print a command as a user would type it at the shell. */
    void command(String text) {
        out.println("$ " + text);
    }

    /** Seconds since this stage began, as {@code 1.23s}. */
    String elapsed() {
        return String.format(Locale.ROOT, "%.2fs", (System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * Print and apply a manifest shipped in the jar under {@code resourcePath} (for example
     * {@code demos/pipeline.yaml}), then wait until what it created is ready and routed.
     */
    List<Resource> apply(String resourcePath) {
        String yaml = resource(resourcePath);
        command("apply -f " + resourcePath + "    # shipped in k4s-demo.jar");
        yaml.lines().filter(line -> !line.startsWith("#")).forEach(line -> out.println("    " + line));
        List<Resource> applied = cluster.apply(yaml, resourcePath);
        applied.forEach(r -> out.println(Shell.slashName(r) + " created"));
        Readiness.await(cluster, applied, WAIT);
        return applied;
    }

    /** Print the table {@code get KIND} would print. */
    void get(String kind) {
        shell("get " + kind);
    }

    /** Print a shell command and run it as the shell would, printing its output. */
    void shell(String line) {
        command(line);
        Shell shell = new Shell(cluster, out, out, false, new Lines(prompt -> null));
        if (shell.execute(line) != Shell.Outcome.OK) {
            throw new IllegalStateException(line + " failed (see above)");
        }
    }

    /** Ask {@code address} and return the reply; a failure is thrown. */
    Object request(String address, Object payload) {
        return cluster.messenger().request(Address.parse(address), payload, WAIT).join();
    }

    /** Ask an aggregator (or generator) container for its {@code stats} map. */
    @SuppressWarnings("unchecked")
    Map<String, Object> stats(String address) {
        return (Map<String, Object>) request(address, "stats");
    }

    /** Wait until {@code condition} holds, re-checking on every change in the cluster. */
    void await(String what, BooleanSupplier condition) {
        cluster.await(WAIT, what, condition);
    }

    /**
     * Wait until {@code condition} holds, checking it at most every {@code POLL_MILLIS}: for
     * conditions that ask a container (each check is a message it handles).
     */
    void awaitAsking(String what, BooleanSupplier condition) {
        long[] next = {0};
        cluster.await(WAIT, what, () -> {
            long now = System.nanoTime();
            if (now < next[0]) {
                return false;
            }
            next[0] = now + POLL_MILLIS * 1_000_000L;
            return condition.getAsBoolean();
        });
    }

    /** Wait until the ReplicaSet {@code name} has all replicas ready and its service routes to them. */
    void awaitScaled(String replicaSet, String service, int replicas) {
        cluster.awaitReady(replicaSet, WAIT);
        cluster.awaitEndpoints(service, replicas, WAIT);
    }

    /** How many messages container {@code name} has handled, from the runtime's live counters. */
    long processed(String container) {
        return cluster.resources().get(Container.class, ResourceKey.of(container))
                .flatMap(c -> cluster.runtime().state(c.key())).map(ContainerState::counters)
                .map(n -> n.processed()).orElse(0L);
    }

    /** The text of a resource shipped in the jar. */
    static String resource(String path) {
        try (InputStream in = Stage.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the k4s-demo jar; rebuild it with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from the k4s-demo jar: " + e.getMessage(), e);
        }
    }
}
