package io.k4s.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Service;
import io.k4s.core.K4sCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster on a data folder is killed with SIGKILL while it writes, and a new one started on
 * the same folder comes back as it was: the same resources with the same uids, resourceVersions
 * moving on, and the containers the store says should run started again in the new JVM (their
 * in-memory state is not kept: a restart restarts every container, as a node reboot restarts
 * pods).
 */
class ClusterRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MANIFEST = """
            apiVersion: k4s.io/v1
            kind: ReplicaSet
            metadata: {name: calc}
            spec:
              replicas: 3
              template:
                metadata: {labels: {app: calc}}
                spec: {worker: echo}
            ---
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: calc}
            spec: {selector: {app: calc}, loadBalancing: RoundRobin}
            """;

    @TempDir
    Path root;

    @Test
    void killedAndRestartedOnItsDataDir_theClusterComesBack() throws Exception {
        Path dir = root.resolve("data");
        Map<String, String> uids = new HashMap<>();
        Map<String, Long> versions = new HashMap<>();
        try (ChildJvm child = ChildJvm.start(root, ClusterChild.class, dir.toString(), MANIFEST)) {
            for (String line = child.next(WAIT); !line.equals("ready"); line = child.next(WAIT)) {
                if (line.startsWith("resource ")) {
                    String[] parts = line.split(" ");
                    uids.put(parts[1], parts[2]);
                    versions.put(parts[1], Long.parseLong(parts[3]));
                }
            }
            child.await("tick 20", WAIT);
            child.kill();
        }
        assertEquals(5, uids.size(), "a ReplicaSet, three Containers and a Service: " + uids.keySet());

        try (K4sCluster cluster = K4sCluster.builder().dataDir(dir).start()) {
            // The stored status says what the killed JVM saw until the controllers have looked: wait for
            // the containers to run here and their status to say so.
            cluster.await(WAIT, "calc-0..2 to run in this JVM", () -> {
                for (int i = 0; i < 3; i++) {
                    String name = "calc-" + i;
                    Container c = cluster.resources().get(Container.class, "default", name).orElse(null);
                    if (c == null || !c.status().ready() || cluster.runtime().state(c.key()).isEmpty()
                            || c.metadata().resourceVersion() <= versions.get("Container/" + name)) {
                        return false;
                    }
                }
                return true;
            });
            ReplicaSet rs = cluster.awaitReady("calc", WAIT);
            cluster.awaitEndpoints("calc", 3, WAIT);

            for (Class<? extends Resource> type : List.of(ReplicaSet.class, Container.class, Service.class)) {
                for (Resource r : cluster.resources().list(type, null).items()) {
                    String name = r.kind() + "/" + r.metadata().name();
                    assertEquals(uids.get(name), r.metadata().uid(), name + " kept its uid");
                    assertTrue(r.metadata().resourceVersion() >= versions.get(name), name + "'s resourceVersion");
                }
            }
            assertTrue(Long.parseLong(rs.metadata().annotations().get("tick")) >= 20, "acknowledged writes survived");
            for (int i = 0; i < 3; i++) {
                Container c = cluster.resources().get(Container.class, "default", "calc-" + i).orElseThrow();
                assertEquals(ContainerPhase.RUNNING, c.status().phase());
            }
            assertEquals("hello", cluster.messenger().request(Address.service("calc"), "hello").get());
        }
    }
}
