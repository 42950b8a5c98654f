package io.k4s.store.sqlite;

import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.StorageException;
import io.k4s.core.kind.KindRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrate a data dir of format 1 to format 2: the rows of cluster-scoped kinds that format 1 kept
 * under a namespace ({@code Namespace/default/prod}) take their keys without one
 * ({@code Namespace/prod}), history included, so revisions and watches carry on.
 *
 * <p>Runs in the writer's transaction before anything else reads the database; the caller
 * commits, then marks the folder as format 2, so a crash before the marker only makes the next
 * open run it again (it finds nothing left to move). Values are left as they are: the codec
 * reads a cluster-scoped kind without a namespace whatever its JSON says.
 */
final class LegacyRows {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyRows.class);

    private LegacyRows() {}

    /**
     * Re-key the rows of every cluster-scoped kind of {@code kinds} in the writer's transaction.
     *
     * @throws StorageException if two old keys name one object (the same cluster-scoped object
     *                          stored under two namespaces), or the database fails; nothing is
     *                          committed then
     */
    static void migrate(Connection writer, KindRegistry kinds, DataDir dir) throws SQLException {
        int moved = 0;
        for (ResourceKind<?> kind : kinds.kinds()) {
            if (kind.namespaced()) {
                continue;
            }
            String prefix = kind.kind() + "/";
            for (String old : keys(writer, prefix)) {
                String rest = old.substring(prefix.length());
                int slash = rest.indexOf('/');
                if (slash >= 0) {
                    rekey(writer, old, prefix + rest.substring(slash + 1), dir);
                    moved++;
                }
            }
        }
        if (moved > 0) {
            LOG.info("data dir {}: {} cluster-scoped object(s) now keyed without a namespace (format {})", dir.path(),
                    moved, DataDir.FORMAT_VERSION);
        }
    }

    private static List<String> keys(Connection writer, String prefix) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement s = writer.prepareStatement("SELECT DISTINCT key FROM kine WHERE key >= ? AND key < ?")) {
            s.setString(1, prefix);
            s.setString(2, prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    private static void rekey(Connection writer, String old, String now, DataDir dir) throws SQLException {
        try (PreparedStatement taken = writer.prepareStatement("SELECT 1 FROM kine WHERE key = ? LIMIT 1")) {
            taken.setString(1, now);
            try (ResultSet rs = taken.executeQuery()) {
                if (rs.next()) {
                    writer.rollback();
                    throw new StorageException("the data dir " + dir.path() + " (format 1) holds the cluster-scoped"
                            + " object " + now + " under two namespaces, " + old + " and another; this version keeps"
                            + " it once, without a namespace. Start the older k4s on this folder, delete one of them"
                            + " (kubectl delete ... -n NAMESPACE), and start this version again (nothing was changed)");
                }
            }
        }
        try (PreparedStatement s = writer.prepareStatement("UPDATE kine SET key = ? WHERE key = ?")) {
            s.setString(1, now);
            s.setString(2, old);
            s.executeUpdate();
        }
    }
}
