package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkersCommandTest {

    @Test
    void workers_listsTheExampleWorkersWithClassAndSource() {
        Cli.Result r = Cli.run("workers");
        assertEquals(0, r.exitCode(), r::toString);
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].matches("NAME\\s+CLASS\\s+SOURCE\\s+DESCRIPTION"), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.matches(
                "echo\\s+io\\.k4s\\.workers\\.examples\\.EchoWorker\\s+classpath\\s+Reply with the payload.*")), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.matches(
                "calculator\\s+io\\.k4s\\.workers\\.examples\\.CalculatorWorker\\s+classpath\\s+.*")), r::toString);
    }
}
