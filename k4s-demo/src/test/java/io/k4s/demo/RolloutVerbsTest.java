package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rollout status|history|undo|pause|resume|restart} in the shell, printed as kubectl prints them. */
class RolloutVerbsTest {

    /** A Deployment of echo containers answering with their version, behind a Service. */
    static final String WEB = """
            apiVersion: k4s.io/v1
            kind: Deployment
            metadata:
              name: web
              annotations: {k4s.io/change-cause: "first version"}
            spec:
              replicas: 4
              progressDeadlineSeconds: 1s
              template:
                metadata: {labels: {app: web}}
                spec: {worker: echo, params: {prefix: "v1: "}}
            ---
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}}
            ...
            """;

    /** Change the template from Java, as {@code kubectl set} would, without waiting for the rollout. */
    private static void setParams(ShellSession s, Map<String, ?> params) {
        Deployment d = s.cluster.resources().get(Deployment.class, "default", "web").orElseThrow();
        s.cluster.apply(d.withSpec(d.spec().withTemplate(d.spec().template().withSpec(
                d.spec().template().spec().withParams(params)))));
    }

    private static Set<Object> prefixes(ShellSession s) {
        return s.cluster.resources().list(Container.class, "default").items().stream()
                .map(c -> c.spec().params().get("prefix")).collect(Collectors.toSet());
    }

    @Test
    void status_printsProgressLikeKubectl_untilTheRolloutIsDone() {
        try (ShellSession s = new ShellSession(WEB)) {
            s.ok("apply -f -");
            setParams(s, Map.of("prefix", "v2: "));

            String out = s.ok("rollout status deployment/web");

            List<String> lines = out.lines().toList();
            assertEquals("deployment \"web\" successfully rolled out", lines.getLast(), out);
            assertTrue(lines.subList(0, lines.size() - 1).stream().allMatch(l -> l.startsWith("Waiting for deployment")),
                    out);
            assertTrue(lines.stream().anyMatch(l -> l.matches("Waiting for deployment \"web\" rollout to finish: .*")),
                    out);
            assertEquals("deployment \"web\" successfully rolled out\n", s.ok("rollout status deploy/web"),
                    "a finished rollout reports at once");
            assertEquals(Set.of("v2: "), prefixes(s));
        }
    }

    @Test
    void status_failsOnTheProgressDeadline_orOnItsTimeout() {
        try (ShellSession s = new ShellSession(WEB)) {
            s.ok("apply -f -");
            setParams(s, Map.of("prefix", "v2: ", "unknown", "fails start"));

            assertTrue(s.fails("rollout status deploy/web --timeout=200ms").startsWith("error: timed out after 200 ms"
                    + " waiting for the rollout of deployment \"default/web\": Waiting for deployment \"web\" rollout"
                    + " to finish: "));
            assertEquals("error: deployment \"web\" exceeded its progress deadline\n", s.fails("rollout status deploy/web"));
            assertEquals("error: deployment \"web\" exceeded its progress deadline\n",
                    s.fails("rollout status deploy/web --watch=false"));

            assertEquals("deployment/web rolled back\n", s.ok("rollout undo deploy/web"));
            assertEquals("deployment \"web\" successfully rolled out\n", s.ok("rollout status deploy/web -w=false"));
            assertEquals(Set.of("v1: "), prefixes(s));
        }
    }

    @Test
    void aScriptWhoseRolloutStalls_exits1_afterPrintingTheDeadlineError(@TempDir Path dir) throws IOException {
        Path web = Files.writeString(dir.resolve("web.yaml"), WEB.replace("...\n", ""));
        Path broken = Files.writeString(dir.resolve("web-broken.yaml"), WEB.replace("...\n", "")
                .replace("params: {prefix: \"v1: \"}", "params: {prefix: \"v2: \", unknown: fails start}"));

        Cli.Result r = Cli.runWithInput("apply -f " + broken + "\nrollout status deploy/web\nrequest service/web still"
                + " served\n", "run", "-f", web.toString());

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("error: deployment \"web\" exceeded its progress deadline\n"), r::toString);
        assertTrue(r.out().contains("v1: still served"), r::toString);
        assertTrue(r.err().contains("error: 1 of 3 commands failed"), r::toString);
    }

    @Test
    void history_listsRevisionsWithChangeCauses_andUndoGoesToAnyOfThem() {
        try (ShellSession s = new ShellSession(WEB)) {
            s.ok("apply -f -");
            // As kubectl's documentation does: change the template, then say why (the cause goes to the new revision).
            setParams(s, Map.of("prefix", "v2: "));
            s.ok("annotate deploy/web k4s.io/change-cause=second --overwrite");
            s.ok("rollout status deploy/web");

            String history = s.ok("rollout history deploy/web");
            assertTrue(history.matches("deployment/web\nREVISION\\s+CHANGE-CAUSE\n1\\s+first version\n2\\s+second\n"),
                    history);
            String one = s.ok("rollout history deploy/web --revision=1");
            assertTrue(one.startsWith("deployment/web with revision #1\nReplicaSet:   web-"), one);
            assertTrue(one.contains("Change cause: first version\nTemplate:\n  metadata:\n    labels:\n      app: web\n"),
                    one);
            assertTrue(one.contains("prefix: 'v1: '"), one);

            assertEquals("deployment/web rolled back\n", s.ok("rollout undo deploy/web --to-revision=1"));
            assertEquals(Set.of("v1: "), prefixes(s), "undo waits until the rollout settled");
            assertEquals("deployment/web skipped rollback (current template already matches revision 3)\n",
                    s.ok("rollout undo deploy/web --to-revision=3"));
            assertEquals("error: revision 7 not found; revisions kept: 2, 3\n",
                    s.fails("rollout undo deploy/web --to-revision=7"));
            assertTrue(s.fails("rollout history rs/web").startsWith("error: rollout history works on deployments"));
        }
    }

    @Test
    void pause_holdsTemplateChanges_resumeRollsThemOut_restartReplacesEveryContainer() {
        try (ShellSession s = new ShellSession(WEB)) {
            s.ok("apply -f -");

            assertEquals("deployment/web paused\n", s.ok("rollout pause deploy/web"));
            assertEquals("error: deployment \"web\" is already paused\n", s.fails("rollout pause deploy/web"));
            setParams(s, Map.of("prefix", "v2: "));
            assertTrue(s.fails("rollout status deploy/web").startsWith("error: deployment \"web\" is paused with its"
                    + " rollout unfinished"));
            assertTrue(s.fails("rollout restart deploy/web").contains("is paused: resume it before a restart"));
            assertEquals(Set.of("v1: "), prefixes(s));

            assertEquals("deployment/web resumed\n", s.ok("rollout resume deploy/web"));
            assertEquals(Set.of("v2: "), prefixes(s), "resume waits until the rollout settled");
            assertEquals("error: deployment \"web\" is not paused\n", s.fails("rollout resume deploy/web"));

            Set<String> before = s.cluster.resources().list(Container.class, "default").items().stream()
                    .map(c -> c.metadata().name()).collect(Collectors.toSet());
            assertEquals("deployment/web restarted\n", s.ok("rollout restart deploy/web"));
            assertTrue(s.cluster.resources().list(Container.class, "default").items().stream()
                    .noneMatch(c -> before.contains(c.metadata().name())), "every container was replaced");
            assertTrue(s.ok("get deploy web").lines().toList().get(1).matches("web\\s+4/4\\s+4\\s+4\\s+\\d+s"));
        }
    }

    @Test
    void rolloutWithoutAnAction_orOfAnotherKind_saysWhatItTakes() {
        try (ShellSession s = new ShellSession()) {
            assertEquals("error: say what to do: rollout status|history|undo|pause|resume|restart deployment/NAME\n",
                    s.fails("rollout"));
            assertTrue(s.fails("rollout status deploy/absent").contains("Deployment \"default/absent\" not found"));
            assertTrue(s.fails("rollout undo deploy/web --to-revison=1").startsWith("error: unknown flag"
                    + " \"--to-revison=1\" for undo; did you mean \"--to-revision\"?"));
        }
    }
}
