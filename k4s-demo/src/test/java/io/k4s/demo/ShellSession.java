package io.k4s.demo;

import io.k4s.core.K4sCluster;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** A shell on a real cluster with captured output, for tests that type one line at a time. */
final class ShellSession implements AutoCloseable {

    final K4sCluster cluster;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Shell shell;

    /** A shell whose input (for {@code apply -f -}) is {@code input}. */
    ShellSession(String input) {
        this(K4sCluster.start(), input);
    }

    /** A shell on {@code cluster} (closed with the session) whose input is {@code input}. */
    ShellSession(K4sCluster cluster, String input) {
        this(cluster, source(new BufferedReader(new StringReader(input))));
    }

    private static Lines.Source source(BufferedReader in) {
        return prompt -> in.readLine();
    }

    /** A shell that reads its input from {@code source}, for tests that type while a command runs. */
    ShellSession(Lines.Source source) {
        this(K4sCluster.start(), source);
    }

    /** A shell on {@code cluster} (closed with the session) that reads its input from {@code source}. */
    ShellSession(K4sCluster cluster, Lines.Source source) {
        this.cluster = cluster;
        shell = new Shell(cluster, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, new Lines(source));
    }

    /** What the running command has printed to stdout so far; any thread. */
    String outSoFar() {
        return out.toString(StandardCharsets.UTF_8);
    }

    ShellSession() {
        this("");
    }

    /** Run {@code line}; return what it printed (stdout, then stderr after a marker line). */
    Result run(String line) {
        out.reset();
        err.reset();
        Shell.Outcome outcome = shell.execute(line);
        return new Result(outcome, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Run {@code line} and require it to succeed. */
    String ok(String line) {
        Result r = run(line);
        if (r.outcome() != Shell.Outcome.OK) {
            throw new AssertionError(line + " failed:\n" + r);
        }
        return r.out();
    }

    /** Run {@code line} and require it to fail; return its stderr. */
    String fails(String line) {
        Result r = run(line);
        if (r.outcome() != Shell.Outcome.FAILED) {
            throw new AssertionError(line + " did not fail:\n" + r);
        }
        return r.err();
    }

    record Result(Shell.Outcome outcome, String out, String err) {
        @Override
        public String toString() {
            return outcome + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    /** Ctrl-C, as the line editor's signal handler delivers it. */
    void interrupt() {
        shell.interrupt();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
