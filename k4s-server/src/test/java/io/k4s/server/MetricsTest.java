package io.k4s.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} is Prometheus' text format (checked line by line against the format's grammar,
 * as no Java parser of it exists), every name starts with {@code k4s_}, and the values follow
 * what happened: messages per container, gateway outcomes, API requests, controllers, the store.
 */
class MetricsTest {

    /** A metric name, optional labels, a value and an optional timestamp (the 0.0.4 text format). */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\"\\\\n])*\",?)*})?"
                    + " ([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|NaN|[-+]?Inf))( -?[0-9]+)?");
    private static final Pattern HELP = Pattern.compile("# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*");
    private static final Pattern TYPE = Pattern.compile(
            "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");

    private static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start();
        s.cluster.apply("""
                apiVersion: k4s.io/v1
                kind: ReplicaSet
                metadata: {name: calc}
                spec:
                  replicas: 1
                  template:
                    metadata: {labels: {app: calc}}
                    spec: {worker: calculator}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata: {name: calc}
                spec: {selector: {app: calc}}
                """);
        s.cluster.awaitEndpoints("default", "calc", 1, Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, s.send("POST", "/apis/k4s.io/v1/namespaces/default/services/calc/request", "\"1 + 1\"")
                    .statusCode());
        }
        assertEquals(502, s.send("POST", "/apis/k4s.io/v1/namespaces/default/services/calc/request", "\"1 +\"")
                .statusCode());
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void metrics_areWellFormedPrometheusTextWithK4sNames() throws Exception {
        HttpResponse<String> r = s.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        Map<String, String> types = new HashMap<>();
        int samples = 0;
        for (String line : r.body().split("\n")) {
            if (line.isEmpty() || HELP.matcher(line).matches()) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                types.put(type.group(1), type.group(2));
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertTrue(sample.matches(), "not a Prometheus text line: " + line);
            assertTrue(sample.group(1).startsWith("k4s_"), "a metric name without k4s_: " + line);
            samples++;
        }
        assertTrue(samples > 50, "only " + samples + " samples");
        for (String family : List.of("k4s_container_messages_received_total", "k4s_container_mailbox_depth",
                "k4s_gateway_requests_seconds", "k4s_container_request_seconds", "k4s_api_requests_seconds", "k4s_controller_reconciles_total",
                "k4s_controller_queue_depth", "k4s_store_revision", "k4s_api_watches", "k4s_jvm_memory_used_bytes")) {
            assertTrue(types.containsKey(family), family + " missing from " + types.keySet());
        }
    }

    @Test
    void metrics_countWhatHappened() throws Exception {
        String body = s.get("/metrics").body();
        assertTrue(body.matches("(?s).*k4s_gateway_requests_seconds_count\\{[^}]*name=\"calc\"[^}]*outcome=\"ok\"[^}]*}"
                + " 3(\\.0)?\n.*"), body);
        assertTrue(body.matches("(?s).*k4s_gateway_requests_seconds_count\\{[^}]*outcome=\"worker_failed\"[^}]*} 1(\\.0)?\n.*"),
                body);
        assertTrue(body.matches("(?s).*k4s_container_messages_received_total\\{container=\"calc-0\",namespace=\"default\"}"
                + " 4\\.0.*"), body);
        assertTrue(body.matches("(?s).*k4s_container_messages_failed_total\\{container=\"calc-0\",namespace=\"default\"}"
                + " 1\\.0.*"), body);
        assertTrue(body.matches("(?s).*k4s_container_request_seconds_count\\{container=\"calc-0\",namespace=\"default\"}"
                + " 4(\\.0)?\n.*"), "every request answered, the failed one too: " + body);
        assertTrue(body.matches("(?s).*k4s_api_requests_seconds_count\\{code=\"502\",resource=\"services/request\","
                + "verb=\"create\"} 1(\\.0)?\n.*"), body);
        assertTrue(body.matches("(?s).*k4s_store_objects\\{kind=\"ReplicaSet\"} 1\\.0.*"), body);
    }
}
