package io.k4s.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.StorageException;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.ResourceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir of format 1 (cluster-scoped objects kept under the namespace {@code default}) opens
 * as format 2: its rows of cluster-scoped kinds are keyed without a namespace, history included;
 * one that cannot be migrated is refused and left as it was.
 */
class LegacyRowsTest {

    @TempDir(factory = MemoryTempDirs.class)
    Path root;

    @Test
    void formatOneDataDir_opensWithClusterScopedKeysWithoutANamespace() throws Exception {
        Path dir = root.resolve("old");
        String uid = writeFormatOne(dir, "default");

        try (ResourceStore store = store(dir)) {
            Namespace prod = store.get(Namespace.class, null, "prod").orElseThrow();
            assertEquals(uid, prod.metadata().uid());
            assertEquals("", prod.metadata().namespace());
            assertEquals(List.of("prod"), store.list(Namespace.class, "default").items().stream()
                    .map(n -> n.metadata().name()).toList());
            assertTrue(store.get(Container.class, "default", "calc-0").isPresent(), "namespaced rows stay");
            store.update(prod.withMetadata(prod.metadata().withLabels(Map.of("env", "prod"))));
        }
        assertEquals(List.of("Container/default/calc-0", "Namespace/prod"), keys(dir));
        assertEquals("k4s data dir format 2\n", Files.readString(dir.resolve(DataDir.FORMAT)));
    }

    @Test
    void formatOneDataDir_withOneClusterScopedObjectUnderTwoNamespaces_isRefusedAndLeftAsItWas() throws Exception {
        Path dir = root.resolve("twice");
        writeFormatOne(dir, "default");
        try (Connection c = new Database(dir.resolve(DataDir.DATABASE)).openWriter();
             PreparedStatement s = c.prepareStatement("INSERT INTO kine (key, created, deleted, create_revision,"
                     + " prev_revision, value) SELECT 'Namespace/team/prod', created, deleted, create_revision,"
                     + " prev_revision, value FROM kine WHERE key = 'Namespace/default/prod'")) {
            s.executeUpdate();
            c.commit();
        }
        List<String> before = keys(dir);

        StorageException e = assertThrows(StorageException.class,
                () -> SqliteBackend.open(dir, KindRegistry.builtIn()).close());

        assertTrue(e.getMessage().contains("holds the cluster-scoped object Namespace/prod under two namespaces"),
                e.getMessage());
        assertEquals(before, keys(dir));
        assertEquals("k4s data dir format 1\n", Files.readString(dir.resolve(DataDir.FORMAT)));
    }

    /**
     * A data dir as k4s wrote it before format 2: a Namespace and a Container, the Namespace's
     * rows under {@code Namespace/NS/prod}; the uid of the Namespace.
     */
    private String writeFormatOne(Path dir, String namespace) throws IOException, SQLException {
        String uid;
        try (ResourceStore store = store(dir)) {
            uid = store.create(Namespace.of("prod")).metadata().uid();
            store.create(Container.of(ObjectMeta.of("calc-0"), ContainerSpec.of("echo")));
        }
        try (Connection c = new Database(dir.resolve(DataDir.DATABASE)).openWriter();
             PreparedStatement s = c.prepareStatement("UPDATE kine SET key = ? WHERE key = 'Namespace/prod'")) {
            s.setString(1, "Namespace/" + namespace + "/prod");
            assertTrue(s.executeUpdate() > 0);
            c.commit();
        }
        Files.writeString(dir.resolve(DataDir.FORMAT), "k4s data dir format 1\n");
        return uid;
    }

    private static ResourceStore store(Path dir) {
        return new ResourceStore(SqliteBackend.open(dir, KindRegistry.builtIn()), Clock.systemUTC(), 100, 100);
    }

    private static List<String> keys(Path dir) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = new Database(dir.resolve(DataDir.DATABASE)).openReader();
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT key FROM kine ORDER BY key");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }
}
