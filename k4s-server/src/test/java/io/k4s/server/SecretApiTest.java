package io.k4s.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.k4s.api.resource.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server shows no Secret value to any client: fabric8 and kubectl read placeholders,
 * while the stored Secret keeps its values and kubectl apply still works (its last-applied
 * annotation is served with the values inside redacted).
 */
class SecretApiTest {

    private static final String VALUE = "s3cr3t-value!!";
    /** How clients see it: the base64 of {@code <redacted: 14 bytes>}. */
    private static final String PLACEHOLDER = Base64.getEncoder().encodeToString(
            "<redacted: 14 bytes>".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path dir;
    private static TestServer s;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start();
        Config config = new ConfigBuilder().withMasterUrl(s.server.uri().toString()).withNamespace("default")
                .withRequestRetryBackoffLimit(0).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        s.close();
    }

    @Test
    void fabric8_createsASecret_butReadsOnlyPlaceholders() {
        io.fabric8.kubernetes.api.model.Secret created = client.secrets().inNamespace("default").resource(
                new SecretBuilder().withNewMetadata().withName("f8").endMetadata()
                        .withStringData(Map.of("password", VALUE)).build()).create();

        assertEquals(Map.of("password", PLACEHOLDER), created.getData(), "the create's answer is redacted");
        io.fabric8.kubernetes.api.model.Secret read = client.secrets().inNamespace("default").withName("f8").get();
        assertEquals(Map.of("password", PLACEHOLDER), read.getData());
        assertEquals(PLACEHOLDER, client.secrets().inNamespace("default").list().getItems().stream()
                .filter(x -> x.getMetadata().getName().equals("f8")).findFirst().orElseThrow().getData().get("password"));
        read.getMetadata().setResourceVersion(null);
        KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                () -> client.secrets().inNamespace("default").resource(read).update());
        assertEquals(422, refused.getCode(), "a placeholder written back is refused");
        assertTrue(refused.getMessage().contains("redacted placeholder"), refused.getMessage());
        assertEquals(VALUE, s.cluster.resources().get(Secret.class, "default", "f8").orElseThrow().value("password")
                .orElseThrow(), "the store keeps the value for the containers that reference it");
    }

    @Test
    void kubectl_getDescribeAndApply_neverShowAValue() throws Exception {
        List<Path> binaries = Kubectl.binaries();
        assumeTrue(!binaries.isEmpty(), Kubectl::missing);
        Path binary = binaries.getLast();
        Kubectl k = new Kubectl(binary, Kubectl.kubeconfig(dir, s.server.uri().toString(), null, null),
                Files.createDirectories(dir.resolve("cache")));
        Path file = dir.resolve("secret.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Secret
                metadata: {name: db, namespace: default}
                stringData: {password: "%s"}
                """.formatted(VALUE));
        StringBuilder shown = new StringBuilder();
        shown.append(k.run("apply", "-f", file.toString()).ok());
        for (String[] args : List.of(new String[] {"get", "secret", "db", "-o", "yaml"},
                new String[] {"get", "secrets", "-o", "json"}, new String[] {"describe", "secret", "db"},
                new String[] {"get", "secret", "db", "-o", "jsonpath={.data.password}"},
                new String[] {"get", "secret", "db"})) {
            shown.append(k.run(args).ok());
        }
        assertEquals(PLACEHOLDER, k.run("get", "secret", "db", "-o", "jsonpath={.data.password}").ok());
        assertTrue(k.run("describe", "secret", "db").ok().matches("(?s).*password:\\s+20 bytes.*"),
                "describe shows the placeholder's size only");
        // stringData is write-only (the stored Secret has it under data), so kubectl sends it again, as with Kubernetes.
        shown.append(k.run("apply", "-f", file.toString()).ok());
        assertEquals(VALUE, s.cluster.resources().get(Secret.class, "default", "db").orElseThrow().value("password")
                .orElseThrow());
        Files.writeString(file, Files.readString(file).replace(VALUE, "another"));
        assertTrue(k.run("apply", "-f", file.toString()).ok().contains("secret/db configured"));
        assertEquals("another", s.cluster.resources().get(Secret.class, "default", "db").orElseThrow()
                .value("password").orElseThrow());
        shown.append(k.run("get", "secret", "db", "-o", "yaml").ok());
        assertFalse(shown.toString().contains(VALUE) || shown.toString().contains("another")
                || shown.toString().contains("czNjcjN0"), shown::toString);
    }
}
