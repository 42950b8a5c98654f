package io.k4s.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/namespaces/NS/pods/NAME/log}: a container's log lines, as kubectl logs reads them. */
class PodLogTest {

    private static final String LOG = "/api/v1/namespaces/default/pods/talk/log";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start();
        s.cluster.apply("kind: Container\nmetadata: {name: talk}\nspec: {worker: logger}\n");
        s.cluster.await(WAIT, "talk running", () -> s.cluster.runtime().list().stream()
                .anyMatch(c -> c.key().name().equals("talk") && c.ready()));
        for (String p : List.of("one", "two")) {
            s.cluster.messenger().request(Address.container("talk"), p, WAIT).join();
        }
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void log_isPlainText_withTailLinesAndTimestamps() throws Exception {
        HttpResponse<String> all = s.get(LOG);
        assertEquals(200, all.statusCode(), all.body());
        assertTrue(all.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        List<String> lines = all.body().lines().toList();
        assertTrue(lines.getFirst().startsWith("INFO [k4s] started worker logger"), lines.toString());
        assertEquals(List.of("INFO got one", "INFO got two"), lines.subList(lines.size() - 2, lines.size()));

        assertEquals("INFO got two\n", s.get(LOG + "?tailLines=1").body());
        assertTrue(s.get(LOG + "?tailLines=1&timestamps=true").body().matches("\\d{4}-\\S+Z INFO got two\\n"));
        assertEquals(400, s.get(LOG + "?tailLines=x").statusCode());
        assertEquals(400, s.get(LOG + "?previous=true").statusCode(), "no previous run");
        assertEquals(404, s.get("/api/v1/namespaces/default/pods/nobody/log").statusCode());
        assertEquals(400, s.get(LOG + "?container=other").statusCode());
        assertEquals(200, s.get(LOG + "?container=talk").statusCode());
    }

    @Test
    void logFollow_streamsNewLines() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(s.uri(LOG + "?follow=true&tailLines=1")).build();
        HttpResponse<Stream<String>> r = s.http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        try (Stream<String> body = r.body()) {
            Iterator<String> lines = body.iterator();
            assertEquals("INFO got two", lines.next());
            s.cluster.messenger().request(Address.container("talk"), "three", WAIT).join();
            assertEquals("INFO got three", lines.next());
        }
    }
}
