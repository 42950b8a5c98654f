package io.k4s.store.sqlite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from the test's class path running one of the test sources' {@code main}s: its
 * standard output is read line by line on a thread of its own, its standard error goes to a
 * file that failures quote. {@link #kill()} sends SIGKILL, as a crash. For tests only.
 */
final class ChildJvm implements AutoCloseable {

    private static final String END = "\u0000end";

    private final Process process;
    private final Path errors;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        Thread.ofPlatform().daemon().name("child-jvm-stdout-" + process.pid()).start(this::pump);
    }

    /** Start {@code main} with {@code args}; its standard error goes to a file under {@code scratch}. */
    static ChildJvm start(Path scratch, Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(scratch);
        Path errors = Files.createTempFile(scratch, main.getSimpleName(), ".err");
        Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        return new ChildJvm(p, errors);
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("read failed: " + e);
        } finally {
            lines.add(END);
        }
    }

    /**
     * The next line the child printed, within {@code timeout}.
     *
     * @throws AssertionError if none came (the child's standard error is quoted)
     */
    String next(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || line.equals(END)) {
            throw new AssertionError((line == null ? "the child printed nothing within " + timeout
                    : "the child ended (exit " + exitCode() + ")") + "; its standard error:\n" + errors());
        }
        return line;
    }

    /** Wait for the line {@code expected}, skipping others. */
    void await(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).equals(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the child never printed \"" + expected + "\"; its standard error:\n" + errors());
            }
        }
    }

    /** The lines printed and not taken yet, once the child ended (after {@link #kill()}). */
    List<String> rest() throws InterruptedException {
        List<String> rest = new ArrayList<>();
        for (String line = lines.poll(10, TimeUnit.SECONDS); line != null && !line.equals(END);
             line = lines.poll(10, TimeUnit.SECONDS)) {
            rest.add(line);
        }
        return rest;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    private String exitCode() {
        return process.isAlive() ? "none yet" : String.valueOf(process.exitValue());
    }

    String errors() {
        try {
            return Files.readString(errors, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Kill the child if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
