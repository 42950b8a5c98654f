package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ReplicaSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceCommandsTest {

    private static final String ECHO = """
            apiVersion: k4s.io/v1
            kind: Container
            metadata: {name: %s, labels: {app: %s}}
            spec: {worker: echo}
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void namespaces_nFlagOnEveryVerb_andAllNamespacesWithA() throws IOException {
        Path echo = write("echo.yaml", ECHO.formatted("echo", "echo"));
        try (ShellSession s = new ShellSession()) {
            assertEquals("container/echo created\n", s.ok("apply -f " + echo));
            assertEquals("namespace/team-a created\n", s.ok("create ns team-a"));
            assertEquals("container/echo created\n", s.ok("apply -n team-a -f " + echo));
            assertTrue(s.ok("get ctr -n team-a").startsWith("NAME   READY   STATUS    RESTARTS   AGE\necho   1/1"));
            String all = s.ok("get all -A");
            assertTrue(all.lines().anyMatch(l -> l.matches("NAMESPACE\\s+NAME\\s+READY\\s+STATUS.*")), all);
            assertTrue(all.lines().anyMatch(l -> l.matches("default\\s+container/echo\\s+1/1.*")), all);
            assertTrue(all.lines().anyMatch(l -> l.matches("team-a\\s+container/echo\\s+1/1.*")), all);
            assertTrue(s.ok("describe ctr/echo -n team-a").contains("Namespace:                team-a"));
            assertEquals("container/echo deleted\n", s.ok("delete ctr echo --namespace team-a"));
            assertEquals("No resources found in team-a namespace.\n", s.ok("get all -n team-a"));
            assertTrue(s.fails("get ctr -n x -A").contains("give -n NAMESPACE or -A, not both"));
        }
    }

    @Test
    void selectors_onGetAndDelete() throws IOException {
        Path blue = write("a.yaml", ECHO.formatted("blue", "blue"));
        write("b.yaml", ECHO.formatted("green", "green"));
        write("notes.txt", "not a manifest");
        try (ShellSession s = new ShellSession()) {
            assertEquals("container/blue created\ncontainer/green created\n", s.ok("apply -f " + dir));
            assertEquals("container/blue\n", s.ok("get ctr -l app=blue -o name"));
            assertEquals("container/green\n", s.ok("get ctr -l app==green,app=green -o name"));
            assertEquals("container/green\n", s.ok("get ctr -l app!=blue -o name"));
            assertEquals("container/blue\ncontainer/green\n", s.ok("get ctr -l 'app in (blue,green),!canary' -o name"));
            assertTrue(s.fails("get ctr -l 'app in blue'").contains("at position"));
            assertEquals("container/green deleted\n", s.ok("delete ctr -l app=green"));
            assertEquals("container/blue\n", s.ok("get ctr -o name"));
            assertTrue(s.fails("delete ctr").contains("say which ones: delete ctr NAME, -l KEY=VALUE, or --all"));
            assertEquals("container/blue deleted\n", s.ok("delete ctr --all"));
            assertTrue(Files.exists(blue));
        }
    }

    @Test
    void jsonAndJsonpath_printTheGenericForm_orWhatThePathSelects() throws IOException {
        Path echo = write("echo.yaml", ECHO.formatted("e1", "x") + "---\n" + ECHO.formatted("e2", "y"));
        try (ShellSession s = new ShellSession()) {
            s.ok("apply -f " + echo);
            assertEquals("e1 e2\n", s.ok("get ctr -o jsonpath={.items[*].metadata.name}"));
            assertEquals("e1\n", s.ok("get ctr e1 -o jsonpath='{.metadata.name}'"));
            assertEquals("e1=x\ne2=y\n", s.ok(
                    "get ctr -o 'jsonpath={range .items[*]}{.metadata.name}={.metadata.labels.app}{\"\\n\"}{end}'"));
            assertEquals("e2\n", s.ok("get ctr -o jsonpath='{.items[?(@.metadata.labels.app==\"y\")].metadata.name}'"));
            assertEquals("", s.ok("get ctr e1 -o jsonpath={.spec.nothing}"), "a missing field prints nothing");
            assertTrue(s.fails("get ctr -o jsonpath={.items[*}").contains("jsonpath template {.items[*}"));
            String list = s.ok("get ctr -o json");
            assertTrue(list.startsWith("{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"List\",\n    \"items\": [\n"), list);
            assertEquals(2, list.lines().filter(l -> l.matches("\\s+\"kind\": \"Container\",")).count(), list);
            ShellSession.Result missing = s.run("get ctr nope -o json");
            assertEquals(Shell.Outcome.FAILED, missing.outcome(), missing::toString);
            assertEquals("", missing.out(), "a name not found prints no JSON, only the error");
            assertTrue(s.fails("get ctr -o jsn").contains("use -o yaml, -o json, -o wide, -o name or -o jsonpath=TEMPLATE"));
        }
    }

    @Test
    void applyOfAFileWithSeveralErrors_printsOneErrorPerLine_andAppliesNothing() throws IOException {
        Path good = write("a-good.yaml", ECHO.formatted("good", "g"));
        Path bad = write("b-bad.yaml", """
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: bad}
                spec: {worker: ecko, mailboxCapacity: lots}
                """);
        try (ShellSession s = new ShellSession()) {
            String err = s.fails("apply -f " + dir);
            List<String> lines = err.lines().toList();
            assertEquals(2, lines.size(), err);
            assertTrue(lines.get(0).startsWith(bad + ":4:16: Container \"bad\": spec.worker: unknown worker type"), err);
            assertTrue(lines.get(1).startsWith(bad + ":4:39: Container \"bad\": spec.mailboxCapacity:"), err);
            assertTrue(s.cluster.resources().list(Container.class, null).items().isEmpty(), "nothing applied");
            assertTrue(Files.exists(good));
        }
    }

    @Test
    void emptyManifest_isAWarning() throws IOException {
        Path empty = write("empty.yaml", "# nothing yet\n");
        try (ShellSession s = new ShellSession()) {
            ShellSession.Result r = s.run("apply -f " + empty);
            assertEquals(Shell.Outcome.OK, r.outcome(), r::toString);
            assertEquals("warning: " + empty + ": no resources in it (is it empty, or only comments?)\n", r.err());
        }
    }

    @Test
    void dryRun_clientAndServer_printWhatWouldHappenAndChangeNothing() throws IOException {
        Path calc = write("calc.yaml", ShellTest.CALC);
        Path unknown = write("unknown.yaml", ECHO.formatted("u", "u").replace("worker: echo", "worker: nope"));
        try (ShellSession s = new ShellSession()) {
            assertEquals("replicaset/calc created (dry run)\nservice/calc created (dry run)\n",
                    s.ok("apply -f " + calc + " --dry-run=client"));
            assertEquals("container/u created (dry run)\n", s.ok("apply --dry-run -f " + unknown),
                    "client dry run checks the schema only");
            assertTrue(s.fails("apply -f " + unknown + " --dry-run=server").contains("unknown worker type \"nope\""));
            assertTrue(s.cluster.resources().list(ReplicaSet.class, null).items().isEmpty());
            s.ok("apply -f " + calc);
            assertEquals("replicaset/calc unchanged (server dry run)\nservice/calc unchanged (server dry run)\n",
                    s.ok("apply -f " + calc + " --dry-run=server"));
            assertEquals("replicaset/calc scaled to 3 (server dry run)\n", s.ok("scale rs/calc --replicas=3 --dry-run=server"));
            assertEquals("replicaset/calc deleted (dry run)\n", s.ok("delete rs/calc --dry-run=client"));
            assertEquals(2, s.cluster.resources().get(ReplicaSet.class, "default", "calc").orElseThrow().spec().replicas());
            assertTrue(s.fails("delete rs/calc --dry-run=maybe").contains("--dry-run"));
        }
    }

    @Test
    void labelAndAnnotate_setRemoveAndOverwrite() throws IOException {
        Path calc = write("calc.yaml", ShellTest.CALC);
        try (ShellSession s = new ShellSession()) {
            s.ok("apply -f " + calc);
            assertEquals("replicaset/calc labeled\n", s.ok("label rs/calc team=blue tier=web"));
            assertTrue(s.fails("label rs calc team=green").contains(
                    "replicaset/calc: team already has the value blue; add --overwrite to change it"));
            assertEquals("replicaset/calc labeled\n", s.ok("label rs calc team=green tier- --overwrite"));
            assertEquals("{team=green, app=null}", labels(s, "calc", "team", "app"));
            assertEquals("replicaset/calc not labeled\n", s.ok("label rs/calc team=green"));
            // Taking app=calc off a container takes it out of the service's endpoints before the next line.
            assertEquals("container/calc-0 labeled\n", s.ok("label ctr/calc-0 app-"));
            assertTrue(s.ok("get svc calc -o jsonpath={.status.endpoints}").contains("[\"calc-1\"]"));
            assertEquals("container/calc-0 annotated\ncontainer/calc-1 annotated\n",
                    s.ok("annotate ctr --all note=\"hello world\""));
            assertEquals("hello world\n", s.ok("get ctr calc-1 -o jsonpath={.metadata.annotations.note}"));
            assertTrue(s.fails("label rs/calc bad/key/x=1").contains("label key \"bad/key/x\" is not valid"));
        }
    }

    private static String labels(ShellSession s, String rs, String... keys) {
        var labels = s.cluster.resources().get(ReplicaSet.class, "default", rs).orElseThrow().metadata().labels();
        StringBuilder b = new StringBuilder("{");
        for (String k : keys) {
            b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(labels.get(k));
        }
        return b.append('}').toString();
    }

    @Test
    void getAllWithNothing_saysNoResources() {
        try (ShellSession s = new ShellSession()) {
            assertEquals("No resources found in default namespace.\n", s.ok("get all"));
            assertEquals("No resources found.\n", s.ok("get all -A"));
            assertFalse(s.fails("get ctr nope").isEmpty());
        }
    }
}
