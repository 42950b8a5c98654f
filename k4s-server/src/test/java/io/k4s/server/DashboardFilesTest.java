package io.k4s.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's files over HTTP: the index at {@code /}, every module it imports, content types,
 * the Content-Security-Policy and revalidation by ETag; nothing fetched from another origin; no
 * other class path file readable; readable without a token when the API needs one.
 */
class DashboardFilesTest {

    private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z0-9-]+\\.js)'|src=\"/dashboard/([a-z0-9-]+\\.[a-z]+)\"|href=\"/dashboard/([a-z0-9-]+\\.[a-z]+)\"");

    @TempDir
    static Path dir;
    private static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, "admin-token,admin,1,\"system:masters\"\n");
        s = TestServer.start(b -> b.tokenFile(tokens));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void index_isServedWithAStrictPolicyAndRevalidated() throws Exception {
        HttpResponse<String> index = s.get("/");
        assertEquals(200, index.statusCode());
        assertEquals("text/html; charset=utf-8", index.headers().firstValue("Content-Type").orElseThrow());
        String csp = index.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.startsWith("default-src 'none'; script-src 'self'; style-src 'self';"), csp);
        assertFalse(csp.contains("unsafe"), csp);
        assertEquals("nosniff", index.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElseThrow());
        String etag = index.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = s.get("/", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @Test
    void everyFileTheIndexReaches_isServedWithItsTypeAndNothingComesFromElsewhere() throws Exception {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add("/");
        while (!todo.isEmpty()) {
            String path = todo.pop();
            HttpResponse<String> r = s.get(path);
            assertEquals(200, r.statusCode(), path);
            String type = r.headers().firstValue("Content-Type").orElseThrow();
            assertTrue(path.equals("/") || type.startsWith(switch (path.substring(path.lastIndexOf('.') + 1)) {
                case "js" -> "text/javascript";
                case "css" -> "text/css";
                case "svg" -> "image/svg+xml";
                default -> "text/html";
            }), path + ": " + type);
            assertFalse(r.body().replace("http://www.w3.org/2000/svg", "").matches("(?s).*(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/.*"),
                    path + " names another origin");
            Matcher m = IMPORT.matcher(r.body());
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                if (seen.add(name)) {
                    todo.add("/dashboard/" + name);
                }
            }
        }
        assertTrue(seen.containsAll(Set.of("app.js", "app.css", "api.js", "feed.js", "table.js", "container.js",
                "service.js", "overview.js", "actions.js", "chart.js", "metrics.js", "dom.js", "icon.svg")), seen.toString());
    }

    @Test
    void otherPaths_areNotFoundAndOnlyReadsAreAllowed() throws Exception {
        for (String path : new String[] {"/dashboard/nope.js", "/dashboard/", "/dashboard/..%2fK4sServer.class",
                "/dashboard/sub/app.js", "/dashboard/App.js", "/dashboard/K4sServer.class"}) {
            HttpResponse<String> r = s.get(path);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " answered " + r.statusCode());
            assertFalse(r.body().contains("io.k4s"), path + ": " + r.body());
        }
        assertEquals(405, s.send("POST", "/dashboard/app.js", "{}").statusCode());
    }

    @Test
    void theFiles_needNoTokenButTheApiDoes() throws Exception {
        assertEquals(200, s.get("/dashboard/app.js").statusCode());
        assertEquals(401, s.get("/apis/k4s.io/v1/namespaces/default/containers").statusCode());
        assertEquals(200, s.get("/apis/k4s.io/v1/namespaces/default/containers",
                "Authorization", "Bearer admin-token").statusCode());
    }
}
