package io.k4s.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Service;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Outside callers reach workers over HTTP: replies as JSON, sends accepted, every failure a Status with its code. */
class GatewayTest {

    private static final String NS = "/apis/k4s.io/v1/namespaces/default/";
    private static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        TestWorkers.release = new CountDownLatch(1);
        s = TestServer.start();
        s.cluster.apply("""
                apiVersion: k4s.io/v1
                kind: ReplicaSet
                metadata: {name: calc}
                spec:
                  replicas: 2
                  template:
                    metadata: {labels: {app: calc}}
                    spec: {worker: calculator}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata: {name: calc}
                spec: {selector: {app: calc}}
                ---
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: slow, labels: {app: slow}}
                spec: {worker: sleeper}
                ---
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: stuck}
                spec: {worker: blocker, mailboxCapacity: 2}
                ---
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: reading}
                spec: {worker: reader}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata: {name: nobody}
                spec: {selector: {app: nobody}}
                """);
        s.cluster.awaitEndpoints("default", "calc", 2, Duration.ofSeconds(30));
        s.cluster.await(Duration.ofSeconds(30), "containers slow, stuck and reading running", () -> List.of("slow",
                "stuck", "reading").stream().allMatch(n -> s.cluster.runtime().list().stream()
                .anyMatch(c -> c.key().name().equals(n) && c.ready())));
        s.cluster.await(Duration.ofSeconds(30), "service nobody reconciled", () -> s.cluster.resources()
                .get(Service.class, "default", "nobody").map(x -> x.status().observedGeneration() > 0).orElse(false));
    }

    @AfterAll
    static void stop() {
        TestWorkers.release.countDown();
        s.close();
    }

    @Test
    void request_repliesWithTheWorkersValueAsJson() throws Exception {
        HttpResponse<String> r = s.send("POST", NS + "services/calc/request", "\"2 + 3\"");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("5", r.body());
    }

    @Test
    void request_toAContainer_carriesMapsListsAndRecordsBothWays() throws Exception {
        HttpResponse<String> r = s.send("POST", NS + "containers/reading/request",
                "{\"n\": 1, \"big\": 12345678901, \"ok\": true, \"none\": null, \"list\": [1.5, \"x\"]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"sensor\":\"s1\",\"at\":\"2026-01-02T03:04:05Z\",\"values\":[1,2,3],\"echo\":{\"n\":1,"
                + "\"big\":12345678901,\"ok\":true,\"none\":null,\"list\":[1.5,\"x\"]}}", r.body());
    }

    @Test
    void send_isAcceptedWith202() throws Exception {
        HttpResponse<String> r = s.send("POST", NS + "services/calc/send", "\"1 + 1\"");
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("Success", TestServer.json(r).get("status"));
    }

    @Test
    void aWorkerThatThrows_is502NamingTheContainer() throws Exception {
        HttpResponse<String> r = s.send("POST", NS + "services/calc/request", "\"2 +\"");
        assertStatus(r, 502, "WorkerFailed", "worker failed");
    }

    @Test
    void noReplyInTime_is504() throws Exception {
        HttpResponse<String> r = s.send("POST", NS + "containers/slow/request?timeout=200ms", "5000");
        assertStatus(r, 504, "Timeout", "no reply within 200 ms");
    }

    @Test
    void aServiceWithoutEndpoints_is503WithRetryAfter() throws Exception {
        HttpResponse<String> r = s.send("POST", NS + "services/nobody/request", "\"x\"");
        assertStatus(r, 503, "ServiceUnavailable", "no ready endpoints");
        assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void aFullMailbox_is429() throws Exception {
        // One message is held by the blocked worker and two fill its mailbox; the fourth cannot be taken.
        HttpResponse<String> last = null;
        for (int i = 0; i < 4; i++) {
            last = s.send("POST", NS + "containers/stuck/send", "\"m" + i + "\"");
            if (last.statusCode() != 202) {
                break;
            }
        }
        assertStatus(last, 429, "TooManyRequests", "mailbox full");
    }

    @Test
    void anUnknownServiceOrContainer_is404() throws Exception {
        assertStatus(s.send("POST", NS + "services/ghost/request", "1"), 404, "NotFound", "\"ghost\" not found");
        assertStatus(s.send("POST", NS + "containers/ghost/send", "1"), 404, "NotFound", "\"ghost\" not found");
    }

    @Test
    void badRequests_areStatusErrors() throws Exception {
        assertStatus(s.send("POST", NS + "services/calc/request", "{not json"), 400, "BadRequest", "not valid JSON");
        assertStatus(s.send("POST", NS + "services/calc/request", ""), 400, "BadRequest", "empty");
        assertStatus(s.send("POST", NS + "services/calc/request?timeout=soon", "1"), 400, "BadRequest",
                "invalid timeout");
        assertStatus(s.send("GET", NS + "services/calc/request", null), 405, "MethodNotAllowed", "POST");
    }

    static void assertStatus(HttpResponse<String> r, int code, String reason, String inMessage) {
        assertEquals(code, r.statusCode(), r.body());
        Map<String, Object> status = TestServer.json(r);
        assertEquals("Status", status.get("kind"));
        assertEquals(reason, status.get("reason"), r.body());
        assertEquals(code, ((Number) status.get("code")).intValue());
        assertTrue(String.valueOf(status.get("message")).contains(inMessage), r.body());
    }
}
