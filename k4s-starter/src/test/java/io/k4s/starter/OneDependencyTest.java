package io.k4s.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k4s.api.Address;
import io.k4s.core.K4sCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example, on the classpath io.k4s:k4s (plus the example workers) gives: it works as written. */
class OneDependencyTest {

    @Test
    void readmeJavaExample_runsWithTheStarterAlone(@TempDir Path dir) throws Exception {
        Path calc = Files.writeString(dir.resolve("calc.yaml"), """
                apiVersion: k4s.io/v1
                kind: ReplicaSet
                metadata:
                  name: calc
                spec:
                  replicas: 2
                  template:
                    metadata:
                      labels: {app: calc}
                    spec:
                      worker: calculator
                      params: {precision: 4}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata:
                  name: calc
                spec:
                  selector: {app: calc}
                  loadBalancing: RoundRobin
                """);
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply(calc);
            cluster.awaitReady("calc", Duration.ofSeconds(10));
            cluster.awaitEndpoints("calc", 2, Duration.ofSeconds(10));
            Object answer = cluster.messenger().request(Address.service("calc"), "2 + 3").join();
            assertEquals(5L, answer);
            cluster.scale("calc", 4);
            cluster.awaitReady("calc", Duration.ofSeconds(10));
        }
    }
}
