package io.k4s.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Deployment;
import io.k4s.api.resource.Namespace;
import io.k4s.core.schema.JsonText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real kubectl (1.32 and 1.33) drives k4s as it drives Kubernetes: apply (created, unchanged,
 * configured), get in every output, watch, describe, explain, scale, patch, label, edit, delete
 * with --wait, api-resources, version, and a refused manifest naming its field. Skipped, saying
 * why, only when no kubectl binary is installed.
 */
class KubectlTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

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

    static Stream<Arguments> kubectls() {
        List<Path> found = Kubectl.binaries();
        return found.isEmpty() ? Stream.of(Arguments.of((Object) null)) : found.stream().map(Arguments::of);
    }

    private static Kubectl kubectl(Path binary) throws Exception {
        assumeTrue(binary != null, Kubectl::missing);
        Path cache = Files.createDirectories(dir.resolve("cache-" + binary.getFileName()));
        return new Kubectl(binary, Kubectl.kubeconfig(dir, s.server.uri().toString(), null, null), cache);
    }

    private static Path manifest(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static String web(String ns, int replicas) {
        return """
                apiVersion: k4s.io/v1
                kind: Deployment
                metadata: {name: web, namespace: %s, labels: {app: web}}
                spec:
                  replicas: %d
                  template:
                    metadata: {labels: {app: web}}
                    spec: {worker: echo}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata: {name: web, namespace: %s}
                spec: {selector: {app: web}}
                """.formatted(ns, replicas, ns);
    }

    /** A namespace of its own for {@code test} with kubectl {@code k}, created (as kubectl create namespace would). */
    private static String ns(Kubectl k, String test) {
        String ns = "k" + k.version().replace(".", "") + "-" + test;
        s.cluster.apply(Namespace.of(ns));
        return ns;
    }

    private static void awaitRunning(String ns, int containers) {
        s.cluster.await(WAIT, containers + " running containers in " + ns, () -> s.cluster.resources()
                .list(Container.class, ns).items().stream().filter(c -> c.status().ready()).count() == containers);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @MethodSource("kubectls")
    void logs_printAContainersLines_withTailAndTimestamps(Path binary) throws Exception {
        Kubectl k = kubectl(binary);
        String ns = ns(k, "logs");
        s.cluster.apply("kind: Container\nmetadata: {name: talk, namespace: " + ns + "}\nspec: {worker: logger}\n");
        awaitRunning(ns, 1);
        for (String p : List.of("one", "two")) {
            s.cluster.messenger().request(Address.container(ns, "talk"), p, WAIT).join();
        }
        String all = k.run("logs", "-n", ns, "talk").ok();
        assertTrue(all.startsWith("INFO [k4s] started worker logger"), all);
        assertTrue(all.endsWith("INFO got one\nINFO got two\n"), all);
        assertEquals("INFO got two\n", k.run("logs", "-n", ns, "pod/talk", "--tail=1").ok());
        assertTrue(k.run("logs", "-n", ns, "talk", "--tail=1", "--timestamps").ok()
                .matches("\\d{4}-\\S+Z INFO got two\\n"));
        Kubectl.Run previous = k.run("logs", "-n", ns, "talk", "--previous");
        assertNotEquals(0, previous.exit());
        assertTrue(previous.err().contains("previous terminated container"), previous.err());
    }

    @ParameterizedTest(name = "kubectl {0}")
    @MethodSource("kubectls")
    void versionAndApiResources(Path binary) throws Exception {
        Kubectl k = kubectl(binary);
        assertTrue(k.run("version").ok().contains("Server Version: v1.33.0-k4s"));
        String resources = k.run("api-resources").ok();
        assertTrue(resources.matches("(?s).*deployments\\s+deploy\\s+k4s\\.io/v1\\s+true\\s+Deployment.*"), resources);
        assertTrue(resources.matches("(?s).*widgets\\s+wdg\\s+example\\.com/v1\\s+true\\s+Widget.*"), resources);
        assertTrue(resources.matches("(?s).*clusterroles\\s+rbac\\.authorization\\.k8s\\.io/v1\\s+false\\s+ClusterRole.*"),
                resources);
        assertTrue(k.run("explain", "deployments.spec.replicas").ok().contains("replicas"));
    }

    @ParameterizedTest(name = "kubectl {0}")
    @MethodSource("kubectls")
    void apply_createsThenLeavesUnchangedThenConfigures(Path binary) throws Exception {
        Kubectl k = kubectl(binary);
        String ns = ns(k, "apply");
        Path file = manifest(ns + ".yaml", web(ns, 2));
        String created = k.run("apply", "-f", file.toString()).ok();
        assertTrue(created.contains("deployment.k4s.io/web created") && created.contains("service.k4s.io/web created"),
                created);
        awaitRunning(ns, 2);
        String unchanged = k.run("apply", "-f", file.toString()).ok();
        assertTrue(unchanged.contains("deployment.k4s.io/web unchanged"), unchanged);
        Files.writeString(file, web(ns, 3));
        assertTrue(k.run("apply", "-f", file.toString()).ok().contains("deployment.k4s.io/web configured"));
        awaitRunning(ns, 3);
        assertTrue(s.cluster.resources().get(Deployment.class, ns, "web").orElseThrow().metadata().annotations()
                .containsKey("kubectl.kubernetes.io/last-applied-configuration"));
    }

    @ParameterizedTest(name = "kubectl {0}")
    @MethodSource("kubectls")
    void get_printsTablesAndEveryOutputFormat(Path binary) throws Exception {
        Kubectl k = kubectl(binary);
        String ns = ns(k, "get");
        k.run("apply", "-f", manifest(ns + ".yaml", web(ns, 2)).toString()).ok();
        awaitRunning(ns, 2);
        s.cluster.await(WAIT, "deployment web available", () -> s.cluster.resources().get(Deployment.class, ns, "web")
                .map(d -> d.status().availableReplicas() == 2).orElse(false));
        String table = k.run("get", "deploy", "-n", ns).ok();
        assertTrue(table.matches("(?s)NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\\s+web\\s+2/2\\s+2\\s+2\\s+\\d+s.*"),
                table);
        String wide = k.run("get", "ctr", "-n", ns, "-o", "wide").ok();
        assertTrue(wide.contains("WORKER") && wide.contains("echo"), wide);
        assertTrue(k.run("get", "deploy", "web", "-n", ns, "-o", "yaml").ok().contains("kind: Deployment"));
        Map<?, ?> json = (Map<?, ?>) JsonText.read(k.run("get", "deploy", "web", "-n", ns, "-o", "json").ok());
        assertEquals("web", ((Map<?, ?>) json.get("metadata")).get("name"));
        assertEquals("2", k.run("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.replicas}").ok());
        assertEquals("service.k4s.io/web\n", k.run("get", "svc", "-n", ns, "-o", "name").ok());
        String labelled = k.run("get", "ctr", "-n", ns, "-l", "app=web", "-o", "name").ok();
        assertEquals(2, labelled.lines().count(), labelled);
        assertEquals("", k.run("get", "ctr", "-n", ns, "-l", "app=none", "-o", "name").ok());
        String all = k.run("get", "svc", "-A").ok();
        assertTrue(all.matches("(?s)NAMESPACE\\s+NAME\\s+SELECTOR.*" + ns + "\\s+web\\s+app=web.*"), all);
        String described = k.run("describe", "deploy", "web", "-n", ns).ok();
        assertTrue(described.contains("Name:") && described.contains("web") && described.contains("Replicas"),
                described);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @MethodSource("kubectls")
    void getWatch_printsChangesAsTheyHappen(Path binary) throws Exception {
        Kubectl k = kubectl(binary);
        String ns = ns(k, "watch");
        k.run("apply", "-f", manifest(ns + ".yaml", web(ns, 1)).toString()).ok();
        awaitRunning(ns, 1);
        Process watch = k.start(Map.of(), "get", "ctr", "-n", ns, "-w");
        List<String> lines = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException ended) {
                // The test destroyed the process: its output ends here.
                lines.add("(ended: " + ended.getMessage() + ")");
            }
        });
        try {
            s.cluster.await(WAIT, "kubectl get -w printed the first container", () -> snapshot(lines).size() >= 2);
            k.run("scale", "deploy", "web", "-n", ns, "--replicas=2").ok();
            s.cluster.await(WAIT, "kubectl get -w printed a second container running", () -> snapshot(lines).stream()
                    .anyMatch(l -> l.matches("web-\\w+-1\\s+1/1\\s+Running.*")));
            assertTrue(snapshot(lines).getFirst().matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE"),
                    snapshot(lines).toString());
        } finally {
            watch.destroy();
            reader.join(Duration.ofSeconds(10));
        }
    }

    private static List<String> snapshot(List<String> lines) {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @MethodSource("kubectls")
    void scalePatchLabelEdit_changeTheObject(Path binary) throws Exception {
        Kubectl k = kubectl(binary);
        String ns = ns(k, "change");
        k.run("apply", "-f", manifest(ns + ".yaml", web(ns, 1)).toString()).ok();
        assertTrue(k.run("scale", "deploy", "web", "-n", ns, "--replicas=3").ok().contains("scaled"));
        assertEquals(3, replicas(ns));
        assertTrue(k.run("patch", "deploy", "web", "-n", ns, "--type=merge", "-p", "{\"spec\":{\"replicas\":2}}").ok()
                .contains("patched"));
        assertEquals(2, replicas(ns));
        assertTrue(k.run("label", "deploy", "web", "-n", ns, "tier=front").ok().contains("labeled"));
        assertTrue(k.run("annotate", "deploy", "web", "-n", ns, "note=hi").ok().contains("annotated"));
        Path editor = dir.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/replicas: 2/replicas: 4/' \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        assertTrue(k.run(Map.of("KUBE_EDITOR", editor.toString()), "edit", "deploy", "web", "-n", ns).ok()
                .contains("edited"));
        Deployment d = s.cluster.resources().get(Deployment.class, ns, "web").orElseThrow();
        assertEquals(4, d.spec().replicas());
        assertEquals("front", d.metadata().labels().get("tier"));
        assertEquals("hi", d.metadata().annotations().get("note"));
    }

    private static int replicas(String ns) {
        return s.cluster.resources().get(Deployment.class, ns, "web").orElseThrow().spec().replicas();
    }

    @ParameterizedTest(name = "kubectl {0}")
    @MethodSource("kubectls")
    void deleteWait_returnsOnceEverythingIsGone(Path binary) throws Exception {
        Kubectl k = kubectl(binary);
        String ns = ns(k, "delete");
        k.run("apply", "-f", manifest(ns + ".yaml", web(ns, 2)).toString()).ok();
        awaitRunning(ns, 2);
        String out = k.run("delete", "deploy", "web", "-n", ns, "--wait").ok();
        assertTrue(out.contains("deployment.k4s.io \"web\" deleted"), out);
        assertTrue(s.cluster.resources().get(Deployment.class, ns, "web").isEmpty());
        s.cluster.await(WAIT, "the containers of web gone", () -> s.cluster.resources().list(Container.class, ns)
                .items().isEmpty());
    }

    @ParameterizedTest(name = "kubectl {0}")
    @MethodSource("kubectls")
    void aRefusedManifest_namesItsField(Path binary) throws Exception {
        Kubectl k = kubectl(binary);
        String ns = ns(k, "refused");
        Path bad = manifest(ns + ".yaml", web(ns, 2).replace("replicas: 2", "replicas: -2"));
        Kubectl.Run run = k.run("apply", "-f", bad.toString());
        assertNotEquals(0, run.exit());
        assertTrue(run.err().contains("spec.replicas"), run.err());
        Path unknown = manifest(ns + "-unknown.yaml", web(ns, 2).replace("replicas: 2", "replicaz: 2"));
        Kubectl.Run unknownRun = k.run("apply", "-f", unknown.toString());
        assertNotEquals(0, unknownRun.exit());
        assertTrue(unknownRun.err().contains("spec.replicaz"), unknownRun.err());
        assertTrue(s.cluster.resources().get(Deployment.class, ns, "web").isEmpty());
    }
}
