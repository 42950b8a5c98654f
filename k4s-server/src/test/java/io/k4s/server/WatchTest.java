package io.k4s.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.core.schema.JsonText;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watch streams: a quiet watch outlives the connector's idle timeout (bookmarks keep it moving),
 * a label-selected watch sees an object that stops matching as DELETED, and closing the server
 * ends every stream.
 */
class WatchTest {

    private static final String WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";
    private TestServer s;

    @BeforeEach
    void start() throws Exception {
        s = TestServer.start(b -> b.idleTimeout(Duration.ofSeconds(1)).bookmarkInterval(Duration.ofMillis(250)));
    }

    @AfterEach
    void stop() {
        s.close();
    }

    /** The events of a watch, one JSON object per line, read on a virtual thread. */
    private BlockingQueue<Map<?, ?>> watch(String query) throws Exception {
        HttpResponse<InputStream> r = s.http.send(HttpRequest.newBuilder(s.uri(WIDGETS + "?watch=true&" + query))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        BlockingQueue<Map<?, ?>> events = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    events.add((Map<?, ?>) JsonText.read(line));
                }
            } catch (Exception e) {
                events.add(Map.of("type", "FAILED", "object", Map.of("message", String.valueOf(e))));
            }
            events.add(Map.of("type", "END"));
        });
        return events;
    }

    private static String next(BlockingQueue<Map<?, ?>> events) throws InterruptedException {
        Map<?, ?> e = events.poll(30, TimeUnit.SECONDS);
        if (e == null) {
            return "NOTHING";
        }
        Map<?, ?> object = e.get("object") instanceof Map<?, ?> o ? o : Map.of();
        Map<?, ?> meta = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        return e.get("type") + (meta.get("name") == null ? "" : " " + meta.get("name"));
    }

    private static String widget(String name, String tier) {
        return "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"tier\":\"" + tier + "\"}},\"spec\":{\"color\":\"red\"}}";
    }

    @Test
    void aQuietWatch_outlivesTheIdleTimeout_withBookmarks() throws Exception {
        BlockingQueue<Map<?, ?>> events = watch("allowWatchBookmarks=true&resourceVersion="
                + s.cluster.resources().resourceVersion());
        // Ten bookmarks at 250 ms take at least 2.5 s: over two idle timeouts of the connector.
        for (int i = 0; i < 10; i++) {
            assertEquals("BOOKMARK", next(events));
        }
        assertEquals(201, s.send("POST", WIDGETS, widget("late", "a")).statusCode());
        String event;
        do {
            event = next(events);
        } while (event.equals("BOOKMARK"));
        assertEquals("ADDED late", event);
    }

    @Test
    void aQuietWatchWithoutBookmarks_outlivesTheIdleTimeoutToo() throws Exception {
        String now = String.valueOf(s.cluster.resources().resourceVersion());
        BlockingQueue<Map<?, ?>> quiet = watch("resourceVersion=" + now);
        BlockingQueue<Map<?, ?>> clock = watch("allowWatchBookmarks=true&resourceVersion=" + now);
        // The other watch's bookmarks measure the time: ten of them take over two idle timeouts.
        for (int i = 0; i < 10; i++) {
            assertEquals("BOOKMARK", next(clock));
        }
        assertEquals(201, s.send("POST", WIDGETS, widget("later", "a")).statusCode());
        assertEquals("ADDED later", next(quiet));
    }

    @Test
    void aLabelSelectedWatch_seesAnObjectThatStopsMatchingAsDeleted() throws Exception {
        assertEquals(201, s.send("POST", WIDGETS, widget("w", "front")).statusCode());
        BlockingQueue<Map<?, ?>> events = watch("labelSelector=tier%3Dfront");
        assertEquals("ADDED w", next(events), "the initial state");
        assertEquals(200, s.send("PATCH", WIDGETS + "/w", "{\"metadata\":{\"labels\":{\"tier\":\"back\"}}}")
                .statusCode());
        assertEquals("DELETED w", next(events));
        assertEquals(200, s.send("PATCH", WIDGETS + "/w", "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}")
                .statusCode());
        assertEquals("ADDED w", next(events));
    }

    @Test
    void closingTheServer_endsEveryWatch() throws Exception {
        BlockingQueue<Map<?, ?>> events = watch("resourceVersion=" + s.cluster.resources().resourceVersion());
        assertTrue(s.get("/readyz").statusCode() == 200);
        s.server.close();
        assertEquals("END", next(events));
    }
}
