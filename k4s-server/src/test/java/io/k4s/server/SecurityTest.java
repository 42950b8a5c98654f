package io.k4s.server;

import static io.k4s.server.GatewayTest.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.api.resource.Deployment;
import io.k4s.core.K4sCluster;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens, RBAC and TLS: a non-loopback bind without tokens refuses to start; a wrong token is 401;
 * a user bound to a read-only Role may get and list but not delete or call the gateway (403 naming
 * the verb and resource), and {@code kubectl auth can-i} says the same over https.
 */
class SecurityTest {

    @TempDir
    static Path dir;
    private static TestServer s;
    private static TestCertificate certificate;
    private static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        certificate = TestCertificate.create(dir);
        Path tokens = dir.resolve("tokens.csv");
        Files.write(tokens, TestCertificate.tokens());
        s = TestServer.start(b -> b.tokenFile(tokens).tls(certificate.cert(), certificate.key()));
        https = HttpClient.newBuilder().sslContext(certificate.trusting()).build();
        s.cluster.apply("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: reader}
                rules:
                - apiGroups: ["k4s.io"]
                  resources: ["deployments", "services", "containers"]
                  verbs: ["get", "list", "watch"]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: readers-read}
                subjects: [{kind: Group, name: readers, apiGroup: rbac.authorization.k8s.io}]
                roleRef: {kind: Role, name: reader, apiGroup: rbac.authorization.k8s.io}
                ---
                apiVersion: k4s.io/v1
                kind: Deployment
                metadata: {name: web, labels: {app: web}}
                spec:
                  replicas: 1
                  template:
                    metadata: {labels: {app: web}}
                    spec: {worker: echo}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata: {name: web}
                spec: {selector: {app: web}}
                """);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return https.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNonLoopbackBindWithoutTokens_refusesToStart() {
        try (K4sCluster cluster = K4sCluster.start()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> K4sServer.builder(cluster).bind("0.0.0.0").port(0).start());
            assertTrue(e.getMessage().contains("--token-file"), e.getMessage());
        }
    }

    @Test
    void aWrongOrMissingToken_is401_butHealthAndVersionAreOpen() throws Exception {
        assertStatus(send("GET", "/apis/k4s.io/v1/namespaces/default/deployments", "wrong", null), 401,
                "Unauthorized", "Unauthorized");
        assertStatus(send("GET", "/apis", null, null), 401, "Unauthorized", "Unauthorized");
        assertEquals(200, send("GET", "/livez", null, null).statusCode());
        assertEquals(200, send("GET", "/readyz", null, null).statusCode());
        assertEquals(200, send("GET", "/version", null, null).statusCode());
    }

    @Test
    void aReadOnlyUser_getsButCannotDeleteOrRequest() throws Exception {
        assertEquals(200, send("GET", "/apis/k4s.io/v1/namespaces/default/deployments/web", "reader-token", null)
                .statusCode());
        assertEquals(200, send("GET", "/apis", "reader-token", null).statusCode(), "discovery is for any user");
        assertStatus(send("DELETE", "/apis/k4s.io/v1/namespaces/default/deployments/web", "reader-token", null), 403,
                "Forbidden", "User \"alice\" cannot delete resource \"deployments\" in API group \"k4s.io\" in the"
                        + " namespace \"default\"");
        assertStatus(send("POST", "/apis/k4s.io/v1/namespaces/default/services/web/request", "reader-token", "\"hi\""),
                403, "Forbidden", "cannot create resource \"services/request\"");
        assertStatus(send("GET", "/apis/k4s.io/v1/namespaces/other/deployments", "reader-token", null), 403,
                "Forbidden", "in the namespace \"other\"");
        assertStatus(send("GET", "/metrics", "reader-token", null), 403, "Forbidden", "cannot get path \"/metrics\"");
        assertStatus(send("GET", "/apis/k4s.io/v1/namespaces/default/deployments", "nobody-token", null), 403,
                "Forbidden", "User \"bob\" cannot list");
        assertTrue(s.cluster.resources().get(Deployment.class, "default", "web").isPresent());
        assertEquals(200, send("GET", "/metrics", "admin-token", null).statusCode());
    }

    @Test
    void kubectlAuthCanI_agreesWithTheServer() throws Exception {
        List<Path> binaries = Kubectl.binaries();
        assumeTrue(!binaries.isEmpty(), Kubectl::missing);
        for (Path binary : binaries) {
            Path cache = Files.createDirectories(dir.resolve("cache-" + binary.getFileName()));
            Kubectl reader = new Kubectl(binary, Kubectl.kubeconfig(dir, s.server.uri().toString(), "reader-token",
                    certificate.pem()), cache);
            assertEquals("yes\n", reader.run("auth", "can-i", "get", "deployments").ok());
            Kubectl.Run delete = reader.run("auth", "can-i", "delete", "deployments");
            assertEquals(1, delete.exit());
            assertEquals("no\n", delete.out());
            assertEquals("no\n", reader.run("auth", "can-i", "create", "services", "--subresource=request").out());
            assertTrue(reader.run("get", "deploy").ok().contains("web"));
            Kubectl.Run refused = reader.run("delete", "deploy", "web");
            assertTrue(refused.err().contains("Forbidden") && refused.err().contains("cannot delete resource"),
                    refused.err());
        }
    }

    @Test
    void aMissingOrMalformedTokenFile_isAnErrorNamingIt() throws Exception {
        Path malformed = dir.resolve("malformed.csv");
        Files.writeString(malformed, "# tokens\nonly-a-token\n");
        try (K4sCluster cluster = K4sCluster.start()) {
            IOException missing = assertThrows(IOException.class,
                    () -> K4sServer.builder(cluster).port(0).tokenFile(dir.resolve("missing.csv")).start());
            assertTrue(missing.getMessage().contains("missing.csv"), missing.getMessage());
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> K4sServer.builder(cluster).port(0).tokenFile(malformed).start());
            assertTrue(bad.getMessage().contains("malformed.csv:2: expected token,user,uid"), bad.getMessage());
        }
    }
}
