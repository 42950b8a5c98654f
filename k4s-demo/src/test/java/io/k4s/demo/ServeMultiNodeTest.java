package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import io.k4s.store.etcd.EtcdServer;
import io.k4s.transport.nats.NatsServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code serve --store etcd://... --transport nats://... --node NAME} JVMs form one cluster
 * on one etcd and one nats-server: a Service reaches replicas on every node from any node; a node
 * killed with SIGKILL has its replicas recreated on the others, the Service answers from them, and
 * the requests that were in flight to the dead node end with a timeout that names their target.
 */
class ServeMultiNodeTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String NS = "/apis/k4s.io/v1/namespaces/default";
    private static final String CALC_CONTAINERS = NS + "/containers?labelSelector=app%3Dcalc";
    private static final String CALC_REQUEST = NS + "/services/calc/request";

    @TempDir
    Path dir;

    private static Serve node(Path dir, String name, EtcdServer etcd, NatsServer nats) throws Exception {
        return Serve.start(Files.createDirectory(dir.resolve(name)), "--store", etcd.location("/k4s"),
                "--transport", nats.url(), "--node", name);
    }

    @Test
    void nodeKilledWithSigkill_itsReplicasRunOnTheOthers_andTheServiceAnswersFromThem() throws Exception {
        assumeTrue(EtcdServer.binary().isPresent(), EtcdServer.missing());
        assumeTrue(NatsServer.binary().isPresent(), NatsServer.missing());
        try (EtcdServer etcd = EtcdServer.start(dir);
             NatsServer nats = NatsServer.start();
             Serve n1 = node(dir, "n1", etcd, nats);
             Serve n2 = node(dir, "n2", etcd, nats);
             Serve n3 = node(dir, "n3", etcd, nats)) {
            for (String name : List.of("n1", "n2", "n3")) {
                await(() -> body(n1, "/api/v1/nodes/" + name).contains("\"True\""), name + " Ready");
            }
            post(n1, NS + "/replicasets", """
                    {"apiVersion": "k4s.io/v1", "kind": "ReplicaSet", "metadata": {"name": "calc"},
                     "spec": {"replicas": 6, "template": {"metadata": {"labels": {"app": "calc"}},
                              "spec": {"worker": "counting"}}}}""", 201);
            post(n1, NS + "/services", """
                    {"apiVersion": "k4s.io/v1", "kind": "Service", "metadata": {"name": "calc"},
                     "spec": {"selector": {"app": "calc"}, "loadBalancing": "RoundRobin"}}""", 201);
            await(() -> placement(n1).values().stream().distinct().count() == 3
                    && endpoints(n1) == 6, "6 calc endpoints spread over n1, n2, n3");

            // Requests through n1's gateway reach the replicas on every node.
            await(() -> answeringNodes(n1, 12).equals(Set.of("n1", "n2", "n3")), "replies from n1, n2 and n3");

            // Requests in flight to n3's containers when n3 dies.
            List<String> onN3 = placement(n1).entrySet().stream().filter(e -> e.getValue().equals("n3"))
                    .map(Map.Entry::getKey).toList();
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            var threads = Executors.newVirtualThreadPerTaskExecutor();
            for (String container : onN3) {
                long before = received(n3, container);
                inFlight.add(CompletableFuture.supplyAsync(() -> call(n1, "POST", NS + "/containers/" + container
                        + "/request?timeout=5s", "\"sleep:60000\""), threads));
                await(() -> received(n3, container) > before, container + " on n3 to take the request");
            }

            n3.kill();

            for (int i = 0; i < inFlight.size(); i++) {
                HttpResponse<String> r = inFlight.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertEquals(504, r.statusCode(), r.body());
                assertTrue(r.body().contains(onN3.get(i)), "names the target: " + r.body());
            }
            threads.close();
            await(() -> !placement(n1).containsValue("n3") && placement(n1).size() == 6 && endpoints(n1) == 6
                    && body(n1, NS + "/replicasets/calc").matches("(?s).*\"readyReplicas\"\\s*:\\s*6\\b.*"),
                    "n3's replicas to run ready on n1 and n2");
            assertTrue(body(n2, "/api/v1/nodes/n3").contains("NodeStatusUnknown"), "n3 NotReady");

            // Every request from n2 now succeeds, answered by replicas of n1 and n2.
            await(() -> answeringNodes(n2, 12).equals(Set.of("n1", "n2")), "every request answered by n1 and n2");
            for (int i = 0; i < 12; i++) {
                HttpResponse<String> r = call(n2, "POST", CALC_REQUEST, "\"who\"");
                assertEquals(200, r.statusCode(), r.body());
                assertNotEquals("n3", placement(n2).get(JsonPath.<String>read(r.body(), "$")));
            }
        }
    }

    /** The nodes of the replicas that answered {@code count} requests through {@code via}; empty if any failed. */
    private static Set<String> answeringNodes(Serve via, int count) {
        Map<String, String> placed = placement(via);
        Set<String> nodes = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> r = call(via, "POST", CALC_REQUEST, "\"who\"");
            if (r.statusCode() != 200) {
                return Set.of();
            }
            nodes.add(placed.getOrDefault(JsonPath.<String>read(r.body(), "$"), "?"));
        }
        return nodes;
    }

    /** Container name -> node, for the calc containers bound to a node. */
    private static Map<String, String> placement(Serve via) {
        String body = body(via, CALC_CONTAINERS);
        List<String> names = JsonPath.read(body, "$.items[?(@.spec.nodeName)].metadata.name");
        List<String> at = JsonPath.read(body, "$.items[?(@.spec.nodeName)].spec.nodeName");
        Map<String, String> placed = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            placed.put(names.get(i), at.get(i));
        }
        return placed;
    }

    /** The Service's endpoints; none is written as no {@code endpoints} field at all. */
    private static int endpoints(Serve via) {
        try {
            List<?> endpoints = JsonPath.read(body(via, NS + "/services/calc"), "$.status.endpoints");
            return endpoints.size();
        } catch (PathNotFoundException e) {
            return 0;
        }
    }

    /** How many messages {@code container} took into its mailbox, from its node's /metrics. */
    private static long received(Serve node, String container) {
        Matcher m = Pattern.compile("k4s_container_messages_received_total\\{container=\"" + container
                + "\",namespace=\"default\"} (\\S+)").matcher(body(node, "/metrics"));
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    private static void post(Serve node, String path, String json, int expected) {
        HttpResponse<String> r = call(node, "POST", path, json);
        assertEquals(expected, r.statusCode(), r.body());
    }

    private static String body(Serve node, String path) {
        HttpResponse<String> r = call(node, "GET", path, null);
        assertEquals(200, r.statusCode(), "GET " + path + ": " + r.body());
        return r.body();
    }

    private static HttpResponse<String> call(Serve node, String method, String path, String json) {
        try {
            return node.send(method, path, json == null ? null : "application/json", json);
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    /** Check {@code condition} until it holds, within {@link #WAIT}. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}
