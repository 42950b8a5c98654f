package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** Ctrl-C in the run shell: it cancels the running command; twice at the prompt, it leaves. */
class LineEditorTest {

    @Test
    void ctrlCDuringARequest_cancelsThatRequest_andTheShellGoesOn() throws Exception {
        try (ShellSession s = new ShellSession("""
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: never}
                spec: {worker: never}
                ...
                """)) {
            s.ok("apply -f -");
            int before = ShellTestWorkers.NeverWorker.RECEIVED.get();
            CompletableFuture<ShellSession.Result> request = CompletableFuture.supplyAsync(
                    () -> s.run("request --timeout 60s container/never anything"));
            s.cluster.await(Duration.ofSeconds(10), "the request to arrive",
                    () -> ShellTestWorkers.NeverWorker.RECEIVED.get() > before);
            s.interrupt(); // what the line editor's Ctrl-C handler does
            ShellSession.Result r = request.get();
            assertEquals(Shell.Outcome.FAILED, r.outcome(), r::toString);
            assertTrue(r.err().startsWith("cancelled: request to container/never (a reply that comes later is dropped)"),
                    r::toString);
            assertTrue(s.ok("version").startsWith("k4s "), "the shell takes the next command");
        }
    }

    @Test
    void ctrlCAtThePrompt_onceHints_twiceLeaves() throws Exception {
        Deque<Object> typed = new ArrayDeque<>(List.of("version", Interrupt.CTRL_C, "version", Interrupt.CTRL_C,
                Interrupt.CTRL_C, "version"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ShellSession s = new ShellSession()) {
            Shell shell = new Shell(s.cluster, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), false, new Lines(prompt -> {
                        Object next = typed.poll();
                        if (next == Interrupt.CTRL_C) {
                            throw new InterruptedException("Ctrl-C");
                        }
                        return (String) next;
                    }));
            assertEquals(0, shell.run("k4s> ", false));
        }
        assertEquals(2, out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("k4s ")).count(),
                "two versions before the double Ctrl-C, none after:\n" + out);
        assertEquals(2, err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("(press Ctrl-C again")).count());
    }

    private enum Interrupt { CTRL_C }

    private static List<String> completions(ShellSession s, String typed) {
        List<Candidate> candidates = new ArrayList<>();
        LineEditor.complete(s.cluster, List.of("get", "rollout", "create"),
                new DefaultParser().parse(typed, typed.length()), candidates);
        return candidates.stream().map(Candidate::value).sorted().toList();
    }

    @Test
    void completion_offersRolloutActions_deployments_andCronJobsForCreateJob() {
        try (ShellSession s = new ShellSession("""
                kind: Deployment
                metadata: {name: web}
                spec: {template: {spec: {worker: echo}}}
                ---
                kind: CronJob
                metadata: {name: nightly}
                spec:
                  schedule: "@daily"
                  jobTemplate: {spec: {template: {spec: {worker: primes, restartPolicy: Never}}}}
                ...
                """)) {
            s.ok("apply -f -");

            assertEquals(List.of("create", "get", "rollout"), completions(s, "ro"));
            assertEquals(List.of("history", "pause", "restart", "resume", "status", "undo"), completions(s, "rollout s"));
            assertEquals(List.of("deployment/web"), completions(s, "rollout status "));
            assertEquals(List.of("deploy/web"), completions(s, "rollout undo deploy/"));
            assertEquals(List.of("job"), completions(s, "create "));
            assertEquals(List.of("--from=cronjob/nightly"), completions(s, "create job now --from="));
        }
    }

    @Test
    void lineEditor_printsOutputAboveThePrompt_andReadsTypedLines() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal terminal = TerminalBuilder.builder().system(false).streams(in, screen).type("xterm").build();
        try (ShellSession s = new ShellSession(); LineEditor editor = new LineEditor(terminal, s.cluster)) {
            editor.attach(List.of("get", "version"), () -> { });
            keys.write("get all\r".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            assertEquals("get all", editor.read("k4s> "));
            editor.output().println("[ERROR] k4s.container.default.x - crashed");
            s.cluster.await(Duration.ofSeconds(10), "the log line on the screen",
                    () -> screen.toString(StandardCharsets.UTF_8).contains("[ERROR] k4s.container.default.x - crashed"));
        }
    }
}
