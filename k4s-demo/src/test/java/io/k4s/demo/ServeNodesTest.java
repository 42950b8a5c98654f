package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.store.etcd.EtcdServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve --store etcd://... --node NAME} JVMs form one cluster; the first, the leader,
 * killed with SIGKILL: the other leads, marks it NotReady and runs all the containers.
 */
class ServeNodesTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String REPLICA_SETS = "/apis/k4s.io/v1/namespaces/default/replicasets";
    private static final String CALC_CONTAINERS = "/apis/k4s.io/v1/namespaces/default/containers?labelSelector=app%3Dcalc";

    @TempDir
    Path dir;

    @Test
    void leaderKilledWithSigkill_theOtherNodeLeads_andRunsItsContainers() throws Exception {
        assumeTrue(EtcdServer.binary().isPresent(), EtcdServer.missing());
        try (EtcdServer etcd = EtcdServer.start(dir);
             Serve n1 = Serve.start(Files.createDirectory(dir.resolve("n1")), "--store", etcd.location("/k4s"),
                     "--node", "n1")) {
            HttpResponse<String> created = n1.send("POST", REPLICA_SETS, "application/json", """
                    {"apiVersion": "k4s.io/v1", "kind": "ReplicaSet", "metadata": {"name": "calc"},
                     "spec": {"replicas": 2, "template": {"metadata": {"labels": {"app": "calc"}},
                              "spec": {"worker": "echo"}}}}""");
            assertEquals(201, created.statusCode(), created.body());
            await(n1, REPLICA_SETS + "/calc", body -> matches(body, "\"readyReplicas\"\\s*:\\s*2\\b"));

            try (Serve n2 = Serve.start(Files.createDirectory(dir.resolve("n2")), "--store", etcd.location("/k4s"),
                    "--node", "n2")) {
                await(n2, "/api/v1/nodes/n2", body -> matches(body, "\"status\"\\s*:\\s*\"True\""));
                HttpResponse<String> scaled = n2.send("PATCH", REPLICA_SETS + "/calc",
                        "application/merge-patch+json", "{\"spec\": {\"replicas\": 4}}");
                assertEquals(200, scaled.statusCode(), scaled.body());
                await(n2, CALC_CONTAINERS, body -> count(body, "\"nodeName\"\\s*:\\s*\"n2\"") == 2
                        && count(body, "\"nodeName\"\\s*:\\s*\"n1\"") == 2);

                n1.kill();

                await(n2, CALC_CONTAINERS, body -> count(body, "\"nodeName\"\\s*:\\s*\"n2\"") == 4
                        && count(body, "\"nodeName\"\\s*:\\s*\"n1\"") == 0);
                await(n2, REPLICA_SETS + "/calc", body -> matches(body, "\"readyReplicas\"\\s*:\\s*4\\b"));
                String dead = n2.send("GET", "/api/v1/nodes/n1", null, null).body();
                assertTrue(matches(dead, "\"status\"\\s*:\\s*\"Unknown\"") && dead.contains("NodeStatusUnknown"), dead);
            }
        }
    }

    private static boolean matches(String body, String regex) {
        return Pattern.compile(regex).matcher(body).find();
    }

    private static long count(String body, String regex) {
        return Pattern.compile(regex).matcher(body).results().count();
    }

    /** GET {@code path} until its body satisfies {@code condition}, within {@link #WAIT}. */
    private static void await(Serve node, String path, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = node.send("GET", path, null, null);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && condition.test(r.body())) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("GET " + path + " did not reach the expected state within " + WAIT + "; last: " + last);
    }
}
