package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cluster without k4s-controllers says so once at start, naming the module (slf4j-simple logs to System.err). */
class MissingReconcilersTest {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream systemErr;

    @BeforeEach
    void captureTheLog() {
        systemErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTheLog() {
        System.setErr(systemErr);
    }

    @Test
    void start_withoutReconcilers_warnsOnceNamingK4sControllers() {
        try (K4sCluster cluster = K4sCluster.builder().discoverReconcilers(false).start()) {
            String log = captured.toString(StandardCharsets.UTF_8);
            assertEquals(1, log.lines().filter(l -> l.contains("no reconciler for")).count(), log);
            assertTrue(log.contains("[main] WARN io.k4s.core.K4sCluster - no reconciler for Container, CronJob,"
                    + " DaemonSet, Deployment, HorizontalAutoscaler, Job, Node, ReplicaSet, Service was found") && log.contains("put io.k4s:k4s-controllers on the classpath"), log);
        }
    }

    @Test
    void start_withTheControllers_saysNothing() {
        try (K4sCluster cluster = K4sCluster.start()) {
            assertTrue(captured.toString(StandardCharsets.UTF_8).lines().noneMatch(l -> l.contains("no reconciler")));
        }
    }
}
