package io.k4s.server;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.api.event.Event;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.ReplicaSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl reads k4s's core-group kinds as Kubernetes': get ns, get events, delete ns. */
class CoreKindsKubectlTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void getNamespaces_getEvents_andDeleteANamespace() throws Exception {
        List<Path> binaries = Kubectl.binaries();
        assumeTrue(!binaries.isEmpty(), Kubectl::missing);
        Kubectl k = new Kubectl(binaries.getLast(), Kubectl.kubeconfig(dir, s.server.uri().toString(), null, null),
                Files.createDirectories(dir.resolve("cache")));
        Path file = dir.resolve("team.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Namespace
                metadata: {name: team}
                ---
                apiVersion: k4s.io/v1
                kind: ReplicaSet
                metadata: {name: calc, namespace: team}
                spec:
                  replicas: 2
                  template: {metadata: {labels: {app: calc}}, spec: {worker: echo}}
                """);
        k.run("apply", "-f", file.toString()).ok();
        s.cluster.await(WAIT, "two creates recorded", () -> s.cluster.resources().list(Event.class, "team").items()
                .stream().filter(e -> e.spec().reason().equals("SuccessfulCreate")).count() == 2);

        String namespaces = k.run("get", "ns").ok();
        assertTrue(namespaces.matches("(?s)NAME\\s+STATUS\\s+AGE.*default\\s+Active.*team\\s+Active.*"), namespaces);
        String events = k.run("get", "events", "-n", "team").ok();
        assertTrue(events.matches("(?s).*Normal\\s+SuccessfulCreate\\s+replicaset/calc\\s+Created container: calc-0.*"),
                events);

        k.run("delete", "ns", "team").ok();
        s.cluster.await(WAIT, "team gone", () -> s.cluster.resources().get(Namespace.class, "default", "team").isEmpty());
        assertTrue(s.cluster.resources().list(ReplicaSet.class, "team").items().isEmpty());
    }
}
