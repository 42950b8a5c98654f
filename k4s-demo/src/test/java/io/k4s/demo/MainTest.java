package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    @org.junit.jupiter.api.AfterEach
    void resetLogLevels() {
        // --verbose sets these for the whole JVM; later tests should see the defaults.
        System.clearProperty("org.slf4j.simpleLogger.log.io.k4s");
        System.clearProperty("org.slf4j.simpleLogger.log.k4s");
    }

    @Test
    void unknownSubcommand_isAUsageError() {
        Cli.Result r = Cli.run("frobnicate");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Unmatched argument"), r::toString);
    }

    @Test
    void noCommand_printsTheCommands() {
        Cli.Result r = Cli.run();
        assertEquals(0, r.exitCode(), r::toString);
        for (String command : new String[] {"demo", "quickstart", "run", "serve", "validate", "workers", "version"}) {
            assertTrue(r.out().contains(command), command + " missing from usage:\n" + r);
        }
    }

    @Test
    void missingPluginsFolder_isOneClearLineAndExit1() {
        Cli.Result r = Cli.run("", Map.of(Main.PLUGINS_ENV, "/no/such/k4s-plugins"), false, "workers");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("error: plugins folder /no/such/k4s-plugins does not exist"), r::toString);
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose:\n" + r);
    }

    @Test
    void verbose_showsTheStackTrace() {
        Cli.Result r = Cli.run("workers", "--plugins", "/no/such/k4s-plugins", "--verbose");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("\tat "), r::toString);
    }

    @Test
    void version_printsTheProjectVersionAndTheJava() {
        Cli.Result r = Cli.run("version");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().matches("k4s \\d+\\.\\d+\\.\\d+\\S*\nJava \\d+.*\\(.+\\)\n"), r::toString);
        assertEquals(r.out(), Cli.run("--version").out());
    }
}
