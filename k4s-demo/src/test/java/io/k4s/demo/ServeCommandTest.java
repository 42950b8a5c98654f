package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} applies its manifests, listens, writes a kubeconfig (never ~/.kube/config), prints
 * the listening and export lines, answers the Kubernetes API, and stops gracefully on a signal.
 */
class ServeCommandTest {

    @TempDir
    Path home;

    @Test
    void serve_listensWritesAKubeconfigAndStopsGracefully() throws Exception {
        Path manifest = home.resolve("echo.yaml");
        Files.writeString(manifest, """
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: echo-0}
                spec: {worker: echo}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main main = new Main(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", home.toString()), false);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.commandLine(main)
                .execute("serve", "--port", "0", "-f", manifest.toString()));
        Pattern listening = Pattern.compile("k4s API server listening on (http://127\\.0\\.0\\.1:\\d+)\n");
        Instant deadline = Instant.now().plusSeconds(60);
        Matcher m = listening.matcher("");
        while (Instant.now().isBefore(deadline)) {
            m = listening.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find() && main.serving() != null) {
                break;
            }
            try {
                exit.get(20, TimeUnit.MILLISECONDS);
                break; // it ended: the assertion below says how
            } catch (TimeoutException stillStarting) {
                // look at the output again
                continue;
            }
        }
        assertTrue(m.find(0), "no listening line in time:\n" + out + err);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("container/echo-0 created\n"), printed);
        Path kubeconfig = home.resolve(".kube/k4s.yaml");
        assertTrue(printed.contains("export KUBECONFIG=" + kubeconfig + "\n"), printed);
        assertTrue(Files.readString(kubeconfig).contains("server: " + m.group(1)));
        HttpResponse<String> version = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(m.group(1) + "/version")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, version.statusCode());
        main.serving().stop();
        assertEquals(0, exit.get(60, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("k4s API server stopped\n"));
    }

    @Test
    void aNonLoopbackBindWithoutTokens_refusesToStart() {
        Cli.Result r = Cli.run("", Map.of("HOME", home.toString()), false, "serve", "--port", "0", "--bind", "0.0.0.0");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("binding to 0.0.0.0 needs authentication") && r.err().contains("--token-file"),
                r::toString);
    }

    @Test
    void theUsersOwnKubeconfig_isNeverWritten() throws Exception {
        Path own = home.resolve(".kube/config");
        Cli.Result r = Cli.run("", Map.of("HOME", home.toString()), false, "serve", "--port", "0", "--kubeconfig",
                own.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("refusing to write " + own), r::toString);
        assertTrue(Files.notExists(own));
    }
}
