package io.k4s.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.api.resource.ConfigMap;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.ReplicaSet;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server refuses what the store's admission refuses as Kubernetes does: a write over a
 * ResourceQuota is 403 Forbidden (create, update, the scale subresource, kubectl scale), a create
 * in a namespace that does not exist 404 {@code namespaces "x" not found}, one in a terminating
 * namespace 403.
 */
class AdmissionApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CORE = "/api/v1/namespaces/";
    private static final String RS = "/apis/k4s.io/v1/namespaces/team/replicasets";

    @TempDir
    static Path dir;
    private static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start();
        assertEquals(201, s.send("POST", "/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team\"}}").statusCode());
        assertEquals(201, s.send("POST", CORE + "team/resourcequotas", "{\"apiVersion\":\"v1\",\"kind\":"
                + "\"ResourceQuota\",\"metadata\":{\"name\":\"small\"},\"spec\":{\"hard\":{\"replicas\":4}}}")
                .statusCode());
        assertEquals(201, s.send("POST", RS, replicaSet("a", 3)).statusCode());
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static String replicaSet(String name, int replicas) {
        return "{\"apiVersion\":\"k4s.io/v1\",\"kind\":\"ReplicaSet\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{\"replicas\":" + replicas + ",\"template\":{\"metadata\":{\"labels\":{\"app\":\"" + name
                + "\"}},\"spec\":{\"worker\":\"echo\"}}}}";
    }

    private static void assertStatus(int code, String reason, String message, HttpResponse<String> response) {
        Map<String, Object> status = TestServer.json(response);
        assertEquals(code, response.statusCode(), response.body());
        assertEquals(reason, status.get("reason"), response.body());
        assertEquals(message, status.get("message"), response.body());
    }

    @Test
    void writesOverAQuota_areForbidden_onCreateAndScale_andUsedIsServed() throws Exception {
        assertStatus(403, "Forbidden", "replicasets.k4s.io \"b\" is forbidden: exceeded quota \"small\": replicas:"
                + " limited 4, used 3, requested 2", s.send("POST", RS, replicaSet("b", 2)));
        assertStatus(403, "Forbidden", "replicasets.k4s.io \"a\" is forbidden: exceeded quota \"small\": replicas:"
                + " limited 4, used 3, requested 3", s.send("PUT", RS + "/a/scale",
                "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"a\"},"
                        + "\"spec\":{\"replicas\":6}}"));
        assertEquals(3, s.cluster.resources().get(ReplicaSet.class, "team", "a").orElseThrow().spec().replicas());

        s.cluster.await(WAIT, "the quota's status shows 3 replicas used", () -> {
            try {
                Map<String, Object> quota = TestServer.json(s.get(CORE + "team/resourcequotas/small"));
                return Map.of("hard", Map.of("replicas", 4), "used", Map.of("replicas", 3)).equals(quota.get("status"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void kubectlScale_overAQuota_failsWithTheQuotaMessage() throws Exception {
        List<Path> binaries = Kubectl.binaries();
        assumeTrue(!binaries.isEmpty(), Kubectl::missing);
        Kubectl k = new Kubectl(binaries.getLast(), Kubectl.kubeconfig(dir, s.server.uri().toString(), null, null),
                Files.createDirectories(dir.resolve("cache")));

        Kubectl.Run run = k.run("scale", "rs", "a", "-n", "team", "--replicas=9");

        assertNotEquals(0, run.exit());
        assertTrue(run.err().contains("exceeded quota \"small\": replicas: limited 4, used 3, requested 6"), run.err());
        assertTrue(k.run("get", "quota", "-n", "team").ok().contains("small"));
    }

    @Test
    void createInAMissingNamespace_isNotFound_andInATerminatingOne_Forbidden() throws Exception {
        String configMap = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},"
                + "\"data\":{\"a\":\"1\"}}";
        HttpResponse<String> missing = s.send("POST", CORE + "ghost/configmaps", configMap);
        assertEquals(404, missing.statusCode(), missing.body());
        assertEquals("namespaces \"ghost\" not found", TestServer.json(missing).get("message"));
        assertEquals(Map.of("name", "ghost", "kind", "namespaces"), TestServer.json(missing).get("details"));

        s.cluster.apply(Namespace.of("leaving"));
        s.cluster.await(WAIT, "leaving has its finalizer", () -> s.cluster.resources()
                .get(Namespace.class, "default", "leaving").map(n -> !n.metadata().finalizers().isEmpty()).orElse(false));
        ConfigMap held = ConfigMap.of("leaving", "held", Map.of("a", "1"));
        s.cluster.apply(held.withMetadata(held.metadata().withFinalizers(List.of("test.k4s.io/hold"))));
        assertEquals(200, s.send("DELETE", "/api/v1/namespaces/leaving", null).statusCode());
        try {
            assertStatus(403, "Forbidden", "configmaps \"c\" is forbidden: unable to create new content in namespace"
                    + " leaving because it is being terminated", s.send("POST", CORE + "leaving/configmaps", configMap));
        } finally {
            ConfigMap marked = s.cluster.resources().get(ConfigMap.class, "leaving", "held").orElseThrow();
            s.cluster.resources().update(marked.withMetadata(marked.metadata().withFinalizers(List.of())));
        }
    }
}
