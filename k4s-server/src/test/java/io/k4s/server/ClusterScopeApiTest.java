package io.k4s.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Namespace;
import io.k4s.core.schema.JsonText;
import io.k4s.server.rbac.ClusterRole;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster-scoped kinds through the API server and the Java API alike: a Namespace and a
 * ClusterRole have no namespace in the store, on the wire and in watch events; a namespace sent
 * in the body of one is ignored, as Kubernetes' API server ignores it.
 */
class ClusterScopeApiTest {

    private static final String NAMESPACES = "/api/v1/namespaces";
    private static final String CLUSTER_ROLES = "/apis/rbac.authorization.k8s.io/v1/clusterroles";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private TestServer s;

    @BeforeEach
    void start() throws Exception {
        s = TestServer.start();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void namespace_createdWithANamespaceInItsBody_isStoredAndServedWithout() throws Exception {
        assertEquals(201, s.send("POST", NAMESPACES, "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                + "\"metadata\":{\"name\":\"team\",\"namespace\":\"default\"}}").statusCode());

        Namespace stored = s.cluster.resources().get(Namespace.class, null, "team").orElseThrow();
        assertEquals("", stored.metadata().namespace());
        Map<String, Object> read = TestServer.json(s.get(NAMESPACES + "/team"));
        assertFalse(meta(read).containsKey("namespace"), read.toString());
        Map<String, Object> list = TestServer.json(s.get(NAMESPACES));
        List<?> items = (List<?>) list.get("items");
        assertEquals(List.of("default", "team"), items.stream().map(i -> meta((Map<?, ?>) i).get("name")).toList());
        assertTrue(items.stream().noneMatch(i -> meta((Map<?, ?>) i).containsKey("namespace")), items.toString());
    }

    @Test
    void clusterRole_getListWatchAndDelete_withoutANamespace() throws Exception {
        HttpResponse<InputStream> watch = s.http.send(HttpRequest.newBuilder(s.uri(CLUSTER_ROLES + "?watch=true"
                + "&resourceVersion=" + s.cluster.resources().resourceVersion())).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, watch.statusCode());
        String role = "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRole\",\"metadata\":"
                + "{\"name\":\"viewer\"},\"rules\":[{\"apiGroups\":[\"k4s.io\"],\"resources\":[\"*\"],\"verbs\":[\"get\"]}]}";

        assertEquals(201, s.send("POST", CLUSTER_ROLES, role).statusCode());
        ClusterRole stored = s.cluster.resources().get(ClusterRole.class, "anything", "viewer").orElseThrow();
        assertEquals("", stored.metadata().namespace());
        assertEquals(List.of("viewer"), s.cluster.resources().list(ClusterRole.class, "default").items().stream()
                .map(r -> r.metadata().name()).toList());
        assertEquals(200, s.send("DELETE", CLUSTER_ROLES + "/viewer", null).statusCode());
        s.cluster.await(WAIT, "viewer gone", () -> s.cluster.resources().get(ClusterRole.class, null, "viewer")
                .isEmpty());

        try (BufferedReader events = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
            for (String type : List.of("ADDED", "DELETED")) {
                Map<?, ?> event = (Map<?, ?>) JsonText.read(events.readLine());
                assertEquals(type, event.get("type"));
                Map<?, ?> meta = meta((Map<?, ?>) event.get("object"));
                assertEquals("viewer", meta.get("name"));
                assertFalse(meta.containsKey("namespace"), event.toString());
            }
        }
    }

    private static Map<?, ?> meta(Map<?, ?> object) {
        return (Map<?, ?>) object.get("metadata");
    }
}
