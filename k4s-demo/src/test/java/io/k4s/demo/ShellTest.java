package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShellTest {

    static final String CALC = """
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
            """;

    @Test
    void deleteOfAContainerAReplicaSetOwns_waitsForItsUidNotItsName() {
        try (ShellSession s = new ShellSession(CALC + "...\n")) {
            s.ok("apply -f -");
            String oldUid = s.cluster.resources().get(Container.class, "default", "calc-0").orElseThrow().metadata().uid();
            ShellSession.Result r = s.run("delete ctr/calc-0");
            assertEquals(Shell.Outcome.OK, r.outcome(), r::toString);
            assertEquals("container/calc-0 deleted\n", r.out());
            assertFalse(r.err().contains("timed out"), r::toString);
            // The ReplicaSet made a new calc-0: same name, another uid.
            s.cluster.await(Duration.ofSeconds(10), "calc-0 to be recreated",
                    () -> s.cluster.resources().get(Container.class, "default", "calc-0").isPresent());
            assertNotEquals(oldUid, s.cluster.resources().get(Container.class, "default", "calc-0").orElseThrow()
                    .metadata().uid());
        }
    }

    @Test
    void unknownFlag_isRefusedWithTheKnownFlags_notTakenAsAName() {
        try (ShellSession s = new ShellSession()) {
            String err = s.fails("describe ctr calc-0 -w");
            assertTrue(err.startsWith("error: unknown flag \"-w\" for describe; known flags: "), err);
            assertTrue(err.contains("-n/--namespace") && err.contains("-A/--all-namespaces"), err);
            assertFalse(err.contains("not found"), err);
            err = s.fails("get ctr --selectr app=calc");
            assertTrue(err.startsWith("error: unknown flag \"--selectr\" for get; did you mean \"--selector\"?"), err);
            err = s.fails("request -x service/calc 1 + 1");
            assertTrue(err.startsWith("error: unknown flag \"-x\" for request; known flags: -n/--namespace, --timeout"),
                    err);
        }
    }

    @Test
    void typos_inCommandsAndKinds_getASuggestion() {
        try (ShellSession s = new ShellSession()) {
            assertTrue(s.fails("descibe ctr/x").startsWith(
                    "error: unknown command \"descibe\"; did you mean \"describe\"?"), s.run("descibe ctr/x")::toString);
            assertTrue(s.fails("get contaners").contains("unknown kind \"contaners\"; did you mean \"Container\"?"));
            assertTrue(s.fails("frobnicate").startsWith("error: unknown command \"frobnicate\"; type help"));
        }
    }

    @Test
    void replicasBeyondAnInt_isTooLarge_andNegativeIsNotAWholeNumber() {
        try (ShellSession s = new ShellSession()) {
            assertTrue(s.fails("scale rs/calc --replicas=2147483648").contains(
                    "--replicas=2147483648 is too large: at most 1000000 replicas"));
            assertTrue(s.fails("scale rs/calc --replicas=-1").contains("--replicas must be a whole number 0 or more"));
        }
    }

    @Test
    void nullReply_printsNoReplyValue_andCtrlCFreeRequestsStillWork() {
        try (ShellSession s = new ShellSession("""
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: quiet}
                spec: {worker: nothing}
                ...
                """)) {
            s.ok("apply -f -");
            assertEquals("(no reply value)\n", s.ok("request container/quiet anything"));
        }
    }

    @Test
    void version_printsK4sAndJava() {
        try (ShellSession s = new ShellSession()) {
            String out = s.ok("version");
            assertTrue(out.matches("(?s)k4s \\S+\nJava \\d+.*\n"), out);
        }
    }

    @Test
    void deadLetters_areListedWithTargetAndReason() {
        try (ShellSession s = new ShellSession(CALC + "...\n")) {
            s.ok("apply -f -");
            assertTrue(s.ok("get deadletters").startsWith("No dead letters in default namespace (0 since start)."));
            s.ok("send service/calc 1 / 0");
            s.cluster.await(Duration.ofSeconds(10), "a dead letter", () -> s.cluster.deadLetterCount() == 1);
            String out = s.ok("get deadletters");
            assertTrue(out.lines().anyMatch(l -> l.matches(
                    "\\d+s\\s+container/calc-\\d\\s+<outside>\\s+worker failed: .*division by zero.*1 / 0")), out);
            assertTrue(out.contains("1 shown, 1 since start"), out);
            assertTrue(s.ok("get dl -A").startsWith("NAMESPACE"), "-A adds the namespace column");
        }
    }

    @Test
    void requestNamespaceFlag_addressesAnotherNamespace() {
        try (ShellSession s = new ShellSession("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: team-a}
                ---
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: echo, namespace: team-a}
                spec: {worker: echo, params: {prefix: "a: "}}
                ...
                """)) {
            s.ok("apply -f -");
            assertEquals("a: hi\n", s.ok("request -n team-a container/echo hi"));
            assertTrue(s.fails("request container/echo hi").contains("no such container"));
            s.ok("send --namespace=team-a container/echo hi");
            assertEquals(Address.container("team-a", "echo").toString(), "team-a/container/echo");
        }
    }
}
