package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void goodFiles_areCountedAndExit0() throws IOException {
        Path calc = write("calc.yaml", """
                apiVersion: k4s.io/v1
                kind: ReplicaSet
                metadata: {name: calc}
                spec:
                  replicas: 2
                  template:
                    spec: {worker: calculator}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata: {name: calc}
                spec: {selector: "calc-*"}
                """);
        Cli.Result r = Cli.run("validate", "-f", calc.toString(), "-f", Path.of("src/main/resources/demos/simple-service.yaml").toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains(calc + ": 2 resources OK"), r::toString);
        assertTrue(r.out().contains("simple-service.yaml: 2 resources OK"), r::toString);
    }

    @Test
    void unknownWorkerAndBadField_areReportedAsFileLineColAndExit1() throws IOException {
        Path bad = write("bad.yaml", """
                apiVersion: k4s.io/v1
                kind: Container
                metadata: {name: c}
                spec:
                  worker: calculatr
                  mailboxCapacity: lots
                """);
        Cli.Result r = Cli.run("validate", "-f", bad.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains(bad + ":5:11: Container \"c\": spec.worker: unknown worker type \"calculatr\""
                + " (did you mean \"calculator\"?)"), r::toString);
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith(bad + ":6:20: Container \"c\": spec.mailboxCapacity: ")),
                r::toString);
    }

    @Test
    void missingFile_isAnErrorButOtherFilesAreStillChecked() throws IOException {
        Path good = write("good.yaml", "apiVersion: k4s.io/v1\nkind: Container\nmetadata: {name: e}\nspec: {worker: echo}\n");
        Cli.Result r = Cli.run("validate", "-f", dir.resolve("missing.yaml").toString(), good.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("missing.yaml: no such file"), r::toString);
        assertTrue(r.out().contains(good + ": 1 resource OK"), r::toString);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void folder_isEveryManifestInIt_andAnEmptyFileIsAWarning() throws IOException {
        write("a.yaml", "apiVersion: k4s.io/v1\nkind: Container\nmetadata: {name: e}\nspec: {worker: echo}\n");
        write("b.yml", "# only a comment\n");
        write("readme.txt", "not read");
        Cli.Result r = Cli.run("validate", "-f", dir.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(dir.resolve("a.yaml") + ": 1 resource OK\n", r.out(), r::toString);
        assertEquals("warning: " + dir.resolve("b.yml") + ": no resources in it (is it empty, or only comments?)\n",
                r.err(), r::toString);
    }

    @Test
    void standardInput_isReadForDash() {
        Cli.Result r = Cli.runWithInput("apiVersion: k4s.io/v1\nkind: Container\nmetadata: {name: e}\nspec: {worker: ecko}\n",
                "validate", "-f", "-");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("<stdin>:4:16: Container \"e\": spec.worker: unknown worker type \"ecko\""), r::toString);
    }
}
