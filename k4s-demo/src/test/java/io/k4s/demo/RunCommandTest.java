package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    private static final String CALC = """
            apiVersion: k4s.io/v1
            kind: ReplicaSet
            metadata: {name: calc}
            spec:
              replicas: 3
              template:
                metadata: {labels: {app: calc}}
                spec: {worker: calculator, params: {precision: 4}}
            ---
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: calc}
            spec: {selector: {app: calc}, loadBalancing: RoundRobin}
            """;

    private static final String ECHO = """
            apiVersion: k4s.io/v1
            kind: Container
            metadata: {name: echo}
            spec: {worker: echo, params: {prefix: "echo: "}}
            """;

    @TempDir
    Path dir;

    @Test
    void script_getScaleRequestDescribeDelete_withABadCommandInTheMiddle() throws IOException {
        Path calc = Files.writeString(dir.resolve("calc.yaml"), CALC);
        Path echo = Files.writeString(dir.resolve("echo.yaml"), ECHO);
        String script = String.join("\n",
                "get rs",
                "request service/calc 2 + 3",
                "request service/calc {op: mul, a: 6, b: 7}",
                "request service/calc 10 / 3 --timeout 5s",
                "request service/calc 1 / 0",
                "frobnicate",
                "scale rs calc --replicas 5",
                "get replicasets",
                "get containers -o wide",
                "describe svc/calc",
                "describe container calc-4",
                "apply -f " + echo,
                "send container/echo hi",
                "request container/echo \"quoted text\"",
                "delete rs/calc",
                "get all",
                "request service/calc 1 + 1",
                "") + "\n";
        Cli.Result r = Cli.runWithInput(script, "run", "-f", calc.toString());
        assertEquals(1, r.exitCode(), "three commands failed:\n" + r);
        assertTrue(r.err().endsWith("error: 3 of 17 commands failed\n"), r::toString);
        List<String> out = r.out().lines().toList();
        assertTrue(out.contains("replicaset/calc created") && out.contains("service/calc created"), r::toString);
        assertTrue(r.out().contains("NAME   DESIRED   CURRENT   READY   AGE\ncalc   3         3         3"), r::toString);
        assertTrue(out.contains("5") && out.contains("42") && out.contains("3.3333"), r::toString);
        assertTrue(r.err().contains("error: default/container/calc-") && r.err().contains("division by zero"), r::toString);
        assertTrue(r.err().contains("error: unknown command \"frobnicate\""), r::toString);
        assertTrue(out.contains("replicaset/calc scaled to 5"), r::toString);
        assertTrue(r.out().contains("calc   5         5         5"), r::toString);
        assertTrue(out.stream().anyMatch(l -> l.matches(
                "NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+WORKER\\s+IMAGE\\s+NODE\\s+RECEIVED\\s+PROCESSED\\s+FAILED"
                        + "\\s+QUEUED")),
                r::toString);
        assertTrue(out.stream().anyMatch(l -> l.matches(
                "calc-4\\s+1/1\\s+Running\\s+0\\s+\\d+s\\s+calculator\\s+<none>\\s+local\\s+0\\s+0\\s+0\\s+0")),
                r::toString);
        assertTrue(out.contains("  Endpoints:              calc-0,calc-1,calc-2,calc-3,calc-4"), r::toString);
        assertTrue(out.contains("Controlled By:            ReplicaSet/calc"), r::toString);
        assertTrue(out.contains("  Processed:              0"), r::toString);
        assertTrue(out.contains("container/echo created"), r::toString);
        assertTrue(out.contains("sent to container/echo"), r::toString);
        assertTrue(out.contains("echo: quoted text"), r::toString);
        assertTrue(out.contains("replicaset/calc deleted"), r::toString);
        assertTrue(out.stream().anyMatch(l -> l.matches("service/calc\\s+app=calc\\s+RoundRobin\\s+<none>\\s+\\d+s")),
                r::toString);
        assertFalse(out.stream().anyMatch(l -> l.startsWith("container/calc-")), r::toString);
        assertTrue(r.err().contains("error: default/service/calc: no ready endpoints"), r::toString);
    }

    @Test
    void badManifest_printsFileLineColAndExits1WithoutReadingCommands() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), ECHO.replace("worker: echo", "worker: ecko"));
        Cli.Result r = Cli.runWithInput("get all\n", "run", "-f", bad.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith(bad + ":4:16: Container \"echo\": spec.worker: unknown worker type \"ecko\""),
                r::toString);
        assertFalse(r.out().contains("NAME"), r::toString);
    }

    @Test
    void interactive_showsThePrompt_andExitStops() throws IOException {
        Path echo = Files.writeString(dir.resolve("echo.yaml"), ECHO);
        Cli.Result r = Cli.run("request container/echo 42\nexit\nget all\n", Map.of(), true, "run", "-f", echo.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("k4s> echo: 42\nk4s> "), r::toString);
        assertFalse(r.out().contains("NAME"), "nothing after exit runs:\n" + r);
    }

    @Test
    void everyCommandSucceeds_exits0() throws IOException {
        Path echo = Files.writeString(dir.resolve("echo.yaml"), ECHO);
        Cli.Result r = Cli.runWithInput("get ctr\nrequest container/echo 1\n", "run", "-f", echo.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    @Test
    void failFast_stopsAtTheFirstFailedCommand_andExits1() throws IOException {
        Path echo = Files.writeString(dir.resolve("echo.yaml"), ECHO);
        Cli.Result r = Cli.runWithInput("get ctr\nget ctr nope\nrequest container/echo after\n",
                "run", "--fail-fast", "-f", echo.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertFalse(r.out().contains("echo: after"), "nothing after the failure runs:\n" + r);
        assertTrue(r.err().contains("error: 1 of 2 commands failed (--fail-fast: stopped at the first)"), r::toString);
    }

    @Test
    void folderAndStandardInput_manifestsAreRead() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(folder.resolve("calc.yaml"), CALC);
        Cli.Result r = Cli.runWithInput(ECHO + "...\nrequest container/echo x\nrequest service/calc 1 + 1\n",
                "run", "-f", folder.toString(), "-f", "-");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("replicaset/calc created\nservice/calc created\ncontainer/echo created\n"), r::toString);
        assertTrue(r.out().contains("echo: x\n2\n"), r::toString);
    }
}
