package io.k4s.server;

import static io.k4s.server.GatewayTest.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.core.schema.JsonText;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resource API as raw HTTP sees it: discovery, OpenAPI, Tables, paging, selectors, dry runs,
 * preconditions, cluster-scoped kinds, and a Kubernetes Status for every error.
 */
class ResourceApiTest {

    private static final String WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";
    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    private static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start();
        for (String name : List.of("a", "b", "c")) {
            assertEquals(201, s.send("POST", WIDGETS, widget(name, "red")).statusCode());
        }
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static String widget(String name, String color) {
        return "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"name\":\"" + name + "\"}},\"spec\":{\"color\":\"" + color + "\"}}";
    }

    @Test
    void discovery_aggregatedWhenAskedAndLegacyOtherwise() throws Exception {
        HttpResponse<String> aggregated = s.get("/apis", "Accept",
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        assertEquals("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
                aggregated.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(aggregated.body().contains("\"resource\":\"deployments\""), aggregated.body());
        assertTrue(aggregated.body().contains("\"subresource\":\"scale\""), aggregated.body());

        Map<String, Object> legacy = TestServer.json(s.get("/apis"));
        assertEquals("APIGroupList", legacy.get("kind"));
        Map<String, Object> resources = TestServer.json(s.get("/apis/k4s.io/v1"));
        assertEquals("APIResourceList", resources.get("kind"));
        String body = JsonText.write(resources.get("resources"));
        assertTrue(body.contains("\"name\":\"deployments\",\"singularName\":\"deployment\",\"namespaced\":true,"
                + "\"kind\":\"Deployment\""), body);
        assertTrue(body.contains("\"shortNames\":[\"deploy\"]"), body);
        assertTrue(body.contains("\"name\":\"deployments/scale\""), body);
        assertTrue(body.contains("\"name\":\"services/request\""), body);
        assertEquals("1", TestServer.json(s.get("/version")).get("major"));
    }

    @Test
    void openApi_hasAPatchOperationWithFieldValidationPerKind() throws Exception {
        Map<String, Object> root = TestServer.json(s.get("/openapi/v3"));
        Map<?, ?> paths = (Map<?, ?>) root.get("paths");
        assertTrue(paths.containsKey("apis/k4s.io/v1") && paths.containsKey("apis/example.com/v1"), paths.toString());
        String url = (String) ((Map<?, ?>) paths.get("apis/example.com/v1")).get("serverRelativeURL");
        Map<String, Object> doc = TestServer.json(s.get(url));
        Map<?, ?> patch = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) doc.get("paths"))
                .get("/apis/example.com/v1/namespaces/{namespace}/widgets/{name}")).get("patch");
        assertEquals(Map.of("group", "example.com", "version", "v1", "kind", "Widget"),
                patch.get("x-kubernetes-group-version-kind"));
        assertTrue(JsonText.write(patch.get("parameters")).contains("\"name\":\"fieldValidation\""));
        Map<?, ?> schema = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) doc.get("components")).get("schemas"))
                .get("com.example.v1.Widget");
        Map<?, ?> color = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) schema.get("properties")).get("spec"))
                .get("properties")).get("color");
        assertEquals(List.of("red", "blue"), color.get("enum"));
    }

    @Test
    void table_hasTheKindsColumnsAndWideOnesAtPriorityOne() throws Exception {
        Map<String, Object> table = TestServer.json(s.get(WIDGETS, "Accept", TABLE));
        assertEquals("Table", table.get("kind"));
        List<?> columns = (List<?>) table.get("columnDefinitions");
        assertEquals(List.of("Name", "COLOR", "REPLICAS", "Age", "PHASE"),
                columns.stream().map(c -> ((Map<?, ?>) c).get("name")).toList());
        assertEquals(1, ((Number) ((Map<?, ?>) columns.get(4)).get("priority")).intValue());
        List<?> rows = (List<?>) table.get("rows");
        List<?> first = (List<?>) ((Map<?, ?>) rows.getFirst()).get("cells");
        assertEquals(List.of("a", "red", 1), first.subList(0, 3));
        assertEquals("PartialObjectMetadata", ((Map<?, ?>) ((Map<?, ?>) rows.getFirst()).get("object")).get("kind"));
    }

    @Test
    void list_pagesWithLimitAndContinue_andSelectsByLabelAndName() throws Exception {
        Map<String, Object> page = TestServer.json(s.get(WIDGETS + "?limit=2"));
        assertEquals(List.of("a", "b"), names(page));
        String token = (String) ((Map<?, ?>) page.get("metadata")).get("continue");
        assertEquals(List.of("c"), names(TestServer.json(s.get(WIDGETS + "?limit=2&continue=" + token))));
        assertEquals(List.of("b"), names(TestServer.json(s.get(WIDGETS + "?labelSelector=name%3Db"))));
        assertEquals(List.of("c"), names(TestServer.json(s.get(WIDGETS + "?fieldSelector=metadata.name%3Dc"))));
        assertStatus(s.get(WIDGETS + "?fieldSelector=spec.color%3Dred"), 400, "BadRequest", "not supported");
    }

    private static List<Object> names(Map<String, Object> list) {
        return ((List<?>) list.get("items")).stream().map(i -> ((Map<?, ?>) ((Map<?, ?>) i).get("metadata"))
                .get("name")).map(Object.class::cast).toList();
    }

    @Test
    void dryRun_checksAndWritesNothing() throws Exception {
        assertEquals(201, s.send("POST", WIDGETS + "?dryRun=All", widget("dry", "blue")).statusCode());
        assertStatus(s.get(WIDGETS + "/dry"), 404, "NotFound", "widgets.example.com \"dry\" not found");
        assertStatus(s.send("POST", WIDGETS + "?dryRun=All", widget("dry", "green")), 422, "Invalid", "spec.color");
    }

    @Test
    void delete_withAStaleUidPrecondition_isAConflictAndDeletesNothing() throws Exception {
        assertEquals(201, s.send("POST", WIDGETS, widget("pre", "red")).statusCode());
        assertStatus(s.send("DELETE", WIDGETS + "/pre", "{\"preconditions\":{\"uid\":\"not-it\"}}"), 409, "Conflict",
                "Precondition failed");
        assertEquals(200, s.get(WIDGETS + "/pre").statusCode());
        assertEquals(200, s.send("DELETE", WIDGETS + "/pre", null).statusCode());
    }

    @Test
    void patches_mergeJsonAndStrategic_andRefuseOtherTypes() throws Exception {
        assertEquals(201, s.send("POST", WIDGETS, widget("p", "red")).statusCode());
        assertEquals(200, s.send("PATCH", WIDGETS + "/p", "{\"spec\":{\"replicas\":3}}").statusCode());
        assertEquals(200, s.send("PATCH", WIDGETS + "/p", "[{\"op\":\"replace\",\"path\":\"/spec/color\","
                + "\"value\":\"blue\"}]", "Content-Type", "application/json-patch+json").statusCode());
        HttpResponse<String> strategic = s.send("PATCH", WIDGETS + "/p", "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}",
                "Content-Type", "application/strategic-merge-patch+json");
        assertEquals(200, strategic.statusCode(), strategic.body());
        Map<String, Object> p = TestServer.json(s.get(WIDGETS + "/p"));
        assertEquals(Map.of("color", "blue", "replicas", 3), p.get("spec"));
        assertStatus(s.send("PATCH", WIDGETS + "/p", "x: 1", "Content-Type", "application/apply-patch+yaml"), 415,
                "UnsupportedMediaType", "server-side apply");
        assertStatus(s.send("PATCH", WIDGETS + "/p", "{\"spec\":{\"replicas\":99}}"), 422, "Invalid", "spec.replicas");
        assertStatus(s.send("PATCH", WIDGETS + "/p", "{\"metadata\":{\"resourceVersion\":\"1\"}}"), 409, "Conflict",
                "has been modified");
    }

    @Test
    void clusterScopedKinds_liveOutsideNamespaces() throws Exception {
        String role = "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRole\",\"metadata\":"
                + "{\"name\":\"viewer\"},\"rules\":[{\"apiGroups\":[\"k4s.io\"],\"resources\":[\"*\"],\"verbs\":[\"get\"]}]}";
        assertEquals(201, s.send("POST", "/apis/rbac.authorization.k8s.io/v1/clusterroles", role).statusCode());
        Map<String, Object> read = TestServer.json(s.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/viewer"));
        assertFalse(((Map<?, ?>) read.get("metadata")).containsKey("namespace"), read.toString());
        assertEquals(1, ((List<?>) read.get("rules")).size());
        assertStatus(s.get("/apis/rbac.authorization.k8s.io/v1/namespaces/default/clusterroles/viewer"), 404,
                "NotFound", "cluster-scoped");
    }

    @Test
    void everyError_isAStatus() throws Exception {
        assertStatus(s.get(WIDGETS + "/ghost"), 404, "NotFound", "widgets.example.com \"ghost\" not found");
        assertStatus(s.get("/apis/example.com/v1/namespaces/default/gizmos"), 404, "NotFound", "could not find");
        assertStatus(s.get("/nothing/here"), 404, "NotFound", "could not find");
        assertStatus(s.send("POST", WIDGETS, widget("a", "red")), 409, "AlreadyExists", "\"a\" already exists");
        assertStatus(s.send("POST", WIDGETS, "{\"kind\": \"Widget\", "), 400, "BadRequest", "not valid JSON");
        assertStatus(s.send("POST", WIDGETS, widget("Bad_Name", "red")), 422, "Invalid", "metadata.name");
        assertStatus(s.send("POST", "/apis/example.com/v1/namespaces/other/widgets", widget("x", "red")
                .replace("\"name\":\"x\"", "\"name\":\"x\",\"namespace\":\"default\"")), 400, "BadRequest",
                "does not match");
        assertStatus(s.send("PUT", WIDGETS + "/a", widget("a", "blue")), 422, "Invalid",
                "metadata.resourceVersion");
        assertStatus(s.send("POST", "/apis/example.com/v1/namespaces/default/widgets/a/status", "{}"), 405,
                "MethodNotAllowed", "POST");
        assertStatus(s.send("POST", "/apis/k4s.io/v1/namespaces/default/deployments", widget("w", "red")), 400,
                "BadRequest", "the URL is for Deployment");
    }

    @Test
    void hostileBodies_are413Or400_andTheServerLivesOn() throws Exception {
        String huge = "{\"metadata\":{\"name\":\"h\"},\"spec\":{\"color\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}}";
        assertStatus(s.send("POST", WIDGETS, huge), 413, "RequestEntityTooLarge", "limit");
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertStatus(s.send("POST", WIDGETS, deep), 400, "BadRequest", "limit");
        HttpResponse<String> latin = s.http.send(HttpRequest.newBuilder(s.uri(WIDGETS))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', (byte) 0xe9, '}'}))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertStatus(latin, 400, "BadRequest", "UTF-8");
        assertStatus(s.send("POST", WIDGETS, "{\"a\":1,\"a\":2}"), 400, "BadRequest", "Duplicate field");
        assertEquals(200, s.get("/livez").statusCode());
        assertEquals(200, s.get(WIDGETS + "/a").statusCode());
    }
}
