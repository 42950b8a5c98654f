package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --data-dir DIR}: what one run applies, the next run on DIR has; bad storage options are refused. */
class StorageOptionsTest {

    private static final String CALC = """
            apiVersion: k4s.io/v1
            kind: ReplicaSet
            metadata: {name: calc}
            spec:
              replicas: 2
              template:
                metadata: {labels: {app: calc}}
                spec: {worker: calculator}
            ---
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: calc}
            spec: {selector: {app: calc}}
            """;

    @TempDir
    Path dir;

    @Test
    void aSecondRunOnTheDataDir_hasWhatTheFirstApplied_andRunsItsContainers() throws IOException {
        Path calc = Files.writeString(dir.resolve("calc.yaml"), CALC);
        Path data = dir.resolve("data");

        Cli.Result first = Cli.runWithInput("scale rs calc --replicas 3\nget ctr -o name\n", "run", "--data-dir",
                data.toString(), "-f", calc.toString());
        Cli.Result second = Cli.runWithInput("get ctr -o name\nrequest service/calc 2 + 3\n", "run", "--data-dir",
                data.toString());

        assertEquals(0, first.exitCode(), first::toString);
        assertEquals(0, second.exitCode(), second::toString);
        assertTrue(second.out().contains("container/calc-0\ncontainer/calc-1\ncontainer/calc-2\n"), second::toString);
        assertTrue(second.out().lines().anyMatch("5"::equals), "the restarted containers answer: " + second);
        assertTrue(Files.exists(data.resolve("k4s.db")), "the data dir holds the database");
    }

    @Test
    void dataDirAndStoreTogether_areRefused() {
        Cli.Result r = Cli.runWithInput("", "run", "--data-dir", dir.toString(), "--store", "etcd://127.0.0.1:2379");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("mutually exclusive"), r::toString);
    }

    @Test
    void aStoreOfAnUnknownScheme_isRefused_namingTheKnownOnes() {
        Cli.Result r = Cli.runWithInput("", "run", "--store", "redis://127.0.0.1:6379");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("no storage provider for \"redis:\" locations"), r::toString);
        assertTrue(r.err().contains("etcd://HOST:PORT"), r::toString);
    }
}
