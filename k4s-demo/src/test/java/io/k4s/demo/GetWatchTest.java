package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.core.K4sCluster;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GetWatchTest {

    private static final String ECHO = """
            apiVersion: k4s.io/v1
            kind: Container
            metadata: {name: %s}
            spec: {worker: echo}
            """;

    @Test
    void watch_printsEachChange_untilExitIsTyped_thenTheShellGoesOn() throws Exception {
        try (K4sCluster cluster = K4sCluster.start();
             PipedOutputStream typing = new PipedOutputStream();
             PipedInputStream input = new PipedInputStream(typing)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
            Shell shell = new Shell(cluster, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), false, new Lines(prompt -> in.readLine()));
            CompletableFuture<Integer> session = CompletableFuture.supplyAsync(() -> {
                try {
                    return shell.run(null, false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            cluster.apply(ECHO.formatted("early"));
            typing.write("get ctr -w\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            // The watch follows from the revision the listing was read at, so nothing after it is missed.
            cluster.await(Duration.ofSeconds(10), "the listing",
                    () -> out.toString(StandardCharsets.UTF_8).contains("early"));
            cluster.apply(ECHO.formatted("late"));
            cluster.await(Duration.ofSeconds(10), "the new container's row",
                    () -> out.toString(StandardCharsets.UTF_8).lines().anyMatch(l -> l.matches("late\\s+1/1\\s+Running.*")));
            typing.write("hello\nexit\nget ctr -o name\n".getBytes(StandardCharsets.UTF_8));
            typing.close();
            assertEquals(0, session.get(), () -> out + "\n" + err);
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.lines().anyMatch(l -> l.matches("late\\s+0/1\\s+\\S+.*")), "the row before it was ready:\n" + printed);
            assertTrue(printed.endsWith("container/early\ncontainer/late\n"), "the shell went on after exit:\n" + printed);
            assertEquals(1, printed.lines().filter(l -> l.startsWith("NAME")).count(), "one header:\n" + printed);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("(watching: type exit or press Ctrl-C to stop)"));
        }
    }
}
