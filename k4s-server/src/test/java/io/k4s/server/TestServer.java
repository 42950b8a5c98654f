package io.k4s.server;

import io.k4s.core.K4sCluster;
import io.k4s.core.schema.JsonText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real cluster and its API server on a free port, and an HTTP client for raw requests: what
 * every server test starts from. Close it to stop both.
 */
final class TestServer implements AutoCloseable {

    final K4sCluster cluster;
    final K4sServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServer(K4sCluster cluster, K4sServer server) {
        this.cluster = cluster;
        this.server = server;
    }

    /** A cluster and a server with the default settings on a free port. */
    static TestServer start() throws IOException {
        return start(b -> { });
    }

    /** A cluster and a server on a free port, with settings changed by {@code settings}. */
    static TestServer start(Consumer<K4sServer.Builder> settings) throws IOException {
        K4sCluster cluster = K4sCluster.start();
        try {
            K4sServer.Builder builder = K4sServer.builder(cluster).port(0);
            settings.accept(builder);
            return new TestServer(cluster, builder.start());
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    URI uri(String path) {
        return server.uri().resolve(path);
    }

    /** Send a request with a body (or none) and the given headers, name then value. */
    HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !contains(headers, "Content-Type")) {
            b.header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return send("GET", path, null, headers);
    }

    /** The body of {@code response} as a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> response) {
        return (Map<String, Object>) JsonText.read(response.body());
    }

    private static boolean contains(String[] headers, String name) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            cluster.close();
        }
    }
}
