package io.k4s.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.StorageException;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.StorageBackend.Key;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data folder is owned by one process, refused when newer or damaged, and never emptied. */
class DataDirTest {

    @TempDir
    Path root;

    private static Resource container(String name, long rev) {
        Container c = Container.of(ObjectMeta.of(name), ContainerSpec.of("echo"));
        return c.withMetadata(c.metadata().withSystemFields("uid-" + name, rev, 1, Instant.EPOCH));
    }

    private static StorageException refused(Path dir) {
        return assertThrows(StorageException.class, () -> SqliteBackend.open(dir, KindRegistry.builtIn()).close());
    }

    @Test
    void aFolderHeldByAnotherProcess_isRefused_namingItsPid_andFreeOnceItDies() throws Exception {
        Path dir = root.resolve("data");
        try (ChildJvm holder = ChildJvm.start(root, HoldDataDir.class, dir.toString())) {
            assertTrue(holder.next(Duration.ofSeconds(60)).startsWith("holding "), "the child opened the folder");

            StorageException e = refused(dir);

            assertTrue(e.getMessage().contains("is in use by another k4s process"), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + holder.pid()), e.getMessage());
            holder.kill();
        }
        try (SqliteBackend backend = SqliteBackend.open(dir, KindRegistry.builtIn())) {
            assertEquals(1, backend.currentRevision(), "the folder opens once its holder died (even by SIGKILL)");
        }
    }

    @Test
    void aSecondBackendInThisJvm_isRefused() {
        Path dir = root.resolve("data");
        try (SqliteBackend first = SqliteBackend.open(dir, KindRegistry.builtIn())) {
            StorageException e = refused(dir);
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            first.create(new Key("Container", "default", "a"), rev -> container("a", rev));
        }
    }

    @Test
    void aFolderOfANewerFormat_isRefused_andLeftAsItWas() throws IOException {
        Path dir = Files.createDirectories(root.resolve("newer"));
        Files.writeString(dir.resolve(DataDir.FORMAT), "k4s data dir format 3\n");

        StorageException e = refused(dir);

        assertTrue(e.getMessage().contains("written by a newer k4s (data dir format 3"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(DataDir.DATABASE)), "no database was created");
        assertEquals("k4s data dir format 3\n", Files.readString(dir.resolve(DataDir.FORMAT)));
    }

    @Test
    void aDatabaseWithoutTheMarker_isRefused() throws IOException {
        Path dir = Files.createDirectories(root.resolve("foreign"));
        Files.writeString(dir.resolve(DataDir.DATABASE), "someone else's file");

        StorageException e = refused(dir);

        assertTrue(e.getMessage().contains("no " + DataDir.FORMAT + " marker"), e.getMessage());
        assertEquals("someone else's file", Files.readString(dir.resolve(DataDir.DATABASE)));
    }

    @Test
    void aDamagedDatabase_isReported_andNeverEmptied() throws IOException {
        Path dir = root.resolve("damaged");
        try (SqliteBackend backend = SqliteBackend.open(dir, KindRegistry.builtIn())) {
            for (int i = 0; i < 200; i++) {
                String name = "c" + i;
                backend.create(new Key("Container", "default", name), rev -> container(name, rev));
            }
        }
        Path db = dir.resolve(DataDir.DATABASE);
        assertTrue(Files.size(db) > 3 * 4096, "the database has several pages");
        try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
            file.seek(4096 + 17); // inside the second page: a b-tree page header
            file.write("garbage garbage garbage garbage".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] before = Files.readAllBytes(db);

        StorageException e = refused(dir);

        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
        assertTrue(e.getMessage().contains("restore the data dir from a backup"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(db), "the damaged database was left exactly as it was");
    }

    @Test
    void aFileThatIsNoDatabase_isReportedAsDamaged() throws IOException {
        Path dir = root.resolve("notadb");
        SqliteBackend.open(dir, KindRegistry.builtIn()).close();
        Files.writeString(dir.resolve(DataDir.DATABASE), "x".repeat(8192));

        StorageException e = refused(dir);

        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
        assertEquals("x".repeat(8192), Files.readString(dir.resolve(DataDir.DATABASE)));
    }
}
