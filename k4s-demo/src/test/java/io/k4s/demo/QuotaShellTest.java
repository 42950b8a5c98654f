package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ResourceQuota;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's create namespace, get/describe quota, and the quota's refusal of apply and scale. */
class QuotaShellTest {

    private static final String QUOTA = """
            apiVersion: v1
            kind: ResourceQuota
            metadata: {name: small, namespace: team}
            spec:
              hard: {replicas: 4, containers: 4}
            ---
            apiVersion: k4s.io/v1
            kind: ReplicaSet
            metadata: {name: calc, namespace: team}
            spec:
              replicas: 3
              template: {metadata: {labels: {app: calc}}, spec: {worker: calculator}}
            ...
            """;

    @TempDir
    Path dir;

    @Test
    void createNamespace_getAndDescribeQuota_andScaleOverItIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("quota.yaml"), QUOTA);
        try (ShellSession s = new ShellSession()) {
            assertTrue(s.fails("apply -f " + file).contains("namespaces \"team\" not found"), "no namespace yet");
            assertEquals("namespace/team created\n", s.ok("create namespace team"));
            s.ok("apply -f " + file);
            s.cluster.await(Duration.ofSeconds(20), "used shows 3 replicas", () -> s.cluster.resources()
                    .get(ResourceQuota.class, "team", "small").orElseThrow().status().used().replicas() == 3L);

            String refused = s.fails("scale rs/calc -n team --replicas=6");
            String get = s.ok("get quota -n team");
            String describe = s.ok("describe quota small -n team");

            assertTrue(refused.contains("exceeded quota \"small\": replicas: limited 4, used 3, requested 3"), refused);
            assertEquals(3, s.cluster.resources().get(ReplicaSet.class, "team", "calc").orElseThrow().spec().replicas());
            assertTrue(get.matches("(?s)NAME\\s+REQUEST\\s+AGE\\n.*small\\s+containers: \\d/4, replicas: 3/4.*"), get);
            assertTrue(describe.matches("(?s).*Hard:.*Replicas:\\s+4.*Used:.*Replicas:\\s+3.*"), describe);
        }
    }
}
