package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QuickstartCommandTest {

    @Test
    void noPause_runsEverySteptoTheEnd() {
        Cli.Result r = Cli.run("", Map.of(), true, "quickstart", "--no-pause");
        assertEquals(0, r.exitCode(), r::toString);
        for (int step = 1; step <= 6; step++) {
            assertTrue(r.out().contains("--- Step " + step + "/6: "), "step " + step + ":\n" + r);
        }
        assertTrue(r.out().contains("$ request container/hello k4s\nhello, k4s"), r::toString);
        assertTrue(r.out().contains("replicaset/calc   5         5         5"), r::toString);
        assertTrue(r.out().contains("No resources found in default namespace."), r::toString);
        assertFalse(r.out().contains("press Enter"), r::toString);
    }

    @Test
    void interactive_pausesBetweenSteps() {
        Cli.Result r = Cli.run("\n\n\n\n\n", Map.of(), true, "quickstart");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(5, r.out().split("press Enter", -1).length - 1, r::toString);
    }
}
