package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.store.etcd.EtcdServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --data-dir DIR} and {@code serve --store etcd://...} in a JVM of its own, killed
 * with SIGKILL right after a write was acknowledged and started again on the same storage: the
 * API server answers with the same resource (same uid, the acknowledged change in it, a
 * resourceVersion at least the acknowledged one), the container runs again, and the next write
 * moves the resourceVersion on. The etcd case is skipped, saying why, when no etcd binary is
 * found.
 */
class ServeRestartTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final String CONTAINERS = "/apis/k4s.io/v1/namespaces/default/containers";
    private static final Pattern UID = Pattern.compile("\"uid\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"resourceVersion\"\\s*:\\s*\"(\\d+)\"");
    private static final Pattern STARTED = Pattern.compile("\"startedAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern READY = Pattern.compile("\"ready\"\\s*:\\s*true");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void serveOnADataDir_killedWithSigkill_comesBackWithTheSameResource() throws Exception {
        killedAndRestarted("--data-dir", dir.resolve("data").toString());
    }

    @Test
    void serveOnEtcd_killedWithSigkill_comesBackWithTheSameResource() throws Exception {
        assumeTrue(EtcdServer.binary().isPresent(), EtcdServer.missing());
        try (EtcdServer etcd = EtcdServer.start(dir)) {
            killedAndRestarted("--store", etcd.location("/k4s"));
        }
    }

    /** Create and label a Container through serve on {@code storage}, SIGKILL it, start it again on the same storage. */
    private void killedAndRestarted(String... storage) throws Exception {
        String uid;
        String version;
        try (Serve first = Serve.start(dir, storage)) {
            HttpResponse<String> created = first.send("POST", CONTAINERS, "application/json", """
                    {"apiVersion": "k4s.io/v1", "kind": "Container", "metadata": {"name": "echo-0"},
                     "spec": {"worker": "echo"}}""");
            assertEquals(201, created.statusCode(), created.body());
            uid = group(UID, created.body());
            HttpResponse<String> labelled = first.send("PATCH", CONTAINERS + "/echo-0",
                    "application/merge-patch+json", "{\"metadata\": {\"labels\": {\"kept\": \"yes\"}}}");
            assertEquals(200, labelled.statusCode(), labelled.body());
            version = group(VERSION, labelled.body());
            first.kill(); // at once: the label was acknowledged, so it must be on disk
        }
        Instant killed = Instant.now();

        try (Serve second = Serve.start(dir, storage)) {
            HttpResponse<String> back = second.send("GET", CONTAINERS + "/echo-0", null, null);
            assertEquals(200, back.statusCode(), back.body());
            assertEquals(uid, group(UID, back.body()), "the same object, not a new one of the same name");
            assertTrue(back.body().contains("\"kept\":\"yes\"") || back.body().contains("\"kept\": \"yes\""),
                    "the acknowledged label survived: " + back.body());
            long restored = Long.parseLong(group(VERSION, back.body()));
            assertTrue(restored >= Long.parseLong(version), "at least the acknowledged revision (the first JVM's"
                    + " controller may have written the status after it): " + back.body());
            // The first JVM's status may say ready too: a start after the kill shows the container runs here.
            String running = awaitEvent(second.url(), CONTAINERS, "echo-0",
                    e -> READY.matcher(e).find() && Instant.parse(group(STARTED, e)).isAfter(killed));
            HttpResponse<String> relabelled = second.send("PATCH", CONTAINERS + "/echo-0",
                    "application/merge-patch+json", "{\"metadata\": {\"labels\": {\"again\": \"yes\"}}}");
            assertEquals(200, relabelled.statusCode(), relabelled.body());
            assertTrue(Long.parseLong(group(VERSION, relabelled.body()))
                    > Math.max(restored, Long.parseLong(group(VERSION, running))), relabelled.body());
        }
    }

    /** Watch {@code path}'s collection until an event for {@code name} matches, within a minute; that event. */
    private String awaitEvent(String url, String path, String name, Predicate<String> matches) throws Exception {
        HttpRequest watch = HttpRequest.newBuilder(URI.create(url + path + "?watch=true&fieldSelector=metadata.name%3D"
                + name)).build();
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<String> event = http.sendAsync(watch, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    try (Stream<String> lines = response.body()) {
                        return lines.peek(seen::add).filter(matches).findFirst().orElse("(the watch ended)");
                    }
                });
        try {
            return event.get(1, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            throw new AssertionError("no event matched within a minute; the events: " + seen, e);
        } finally {
            event.cancel(true);
        }
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), pattern + " not in " + text);
        return m.group(1);
    }
}
