package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aCorruptJar_isListedAsAProblem_butTwoVersionsOfAJarAreNot(@TempDir Path plugins) throws IOException {
        Files.writeString(plugins.resolve("broken.jar"), "not a zip");
        for (String version : new String[] {"1.0.0", "1.0.1"}) {
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("x-" + version + ".jar")))) {
                jar.putNextEntry(new JarEntry("META-INF/"));
            }
        }
        Cli.Result r = Cli.run("workers", "--plugins", plugins.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Problems (each says what was skipped or what to fix):\n  plugin jar "
                + plugins.resolve("broken.jar").toAbsolutePath() + " is not a readable jar"), r::toString);
        // Each version is an image (image: x:1.0.0), and only the highest is shared: no clash to report.
        assertFalse(r.out().contains("x-1.0.0.jar"), r::toString);
    }
}
