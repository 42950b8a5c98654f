package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker that calls {@code System.exit} ends the JVM (Java cannot forbid it), but the
 * application's shutdown hook still closes the cluster gracefully: run in a JVM of its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShutdownHookTest {

    /** The JVM under test: a cluster with the hook, a container that reports its stop, and one that exits the JVM. */
    public static void main(String[] args) throws InterruptedException {
        K4sCluster cluster = K4sCluster.start();
        ShutdownHook.install(cluster, ShutdownHook.DEFAULT_BOUND);
        cluster.apply("""
                kind: Container
                metadata: {name: keeper}
                spec: {worker: stop-reporter}
                ---
                kind: Container
                metadata: {name: killer}
                spec: {worker: misbehaving}
                """);
        cluster.await(Duration.ofSeconds(20), "both containers running", () -> cluster.runtime().list().size() == 2
                && cluster.runtime().list().stream().allMatch(s -> s.ready()));
        System.out.println("ready");
        cluster.messenger().send(Address.container("killer"), "exit-jvm");
        new CountDownLatch(1).await(); // the worker ends this JVM
    }

    @Test
    void workerCallingSystemExit_endsTheJvm_butTheHookClosesTheClusterFirst() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ShutdownHookTest.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();

        boolean ended = p.waitFor(50, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(ended, "the JVM ended; output: " + out);
        assertEquals(3, p.exitValue(), "the worker's exit status; output: " + out);
        assertEquals(List.of("ready", "stopped keeper"), out.lines().toList(),
                "the hook stopped the other container gracefully");
    }
}
