package io.k4s.store.sqlite;

import io.k4s.api.K4sException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.StorageException;
import io.k4s.core.kind.ResourceCodec;
import io.k4s.core.store.StorageBackend.Event;
import io.k4s.core.store.StorageBackend.Key;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Turn resources into row values and back: JSON through the kind registry's codec, without the
 * revision (a value is stamped with its row's revision when it is read, as kine does).
 *
 * <p>A row that does not read back as a resource is reported as a {@link StorageException} that
 * names the database, the revision and the key, never skipped. Immutable and thread-safe.
 */
final class RowCodec {

    private final ResourceCodec codec;
    private final Path database;

    RowCodec(ResourceCodec codec, Path database) {
        this.codec = codec;
        this.database = database;
    }

    /** The row key of {@code key}: {@code KIND/NAMESPACE/NAME}, or {@code KIND/NAME} for a cluster-scoped object. */
    static String rowKey(Key key) {
        String namespace = key.namespace();
        return namespace.isEmpty() ? key.kind() + "/" + key.name() : key.kind() + "/" + namespace + "/" + key.name();
    }

    /**
     * The prefix of every row key of {@code kind} ({@code null}: all) in {@code namespace}
     * ({@code null}: all; empty: the cluster-scoped keys, filtered by {@link #inNamespace}).
     */
    static String prefix(String kind, String namespace) {
        if (kind == null) {
            return null;
        }
        return namespace == null || namespace.isEmpty() ? kind + "/" : kind + "/" + namespace + "/";
    }

    /** Whether the row key {@code key} is in {@code namespace} ({@code null}: any; empty: cluster-scoped). */
    static boolean inNamespace(String key, String namespace) {
        if (namespace == null) {
            return true;
        }
        int first = key.indexOf('/');
        int second = key.indexOf('/', first + 1);
        if (second < 0) {
            return namespace.isEmpty();
        }
        return key.regionMatches(first + 1, namespace, 0, namespace.length()) && second - first - 1 == namespace.length();
    }

    /** {@code value} as row bytes. */
    byte[] encode(Resource value) {
        return codec.toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The resource of a row, stamped with {@code revision}.
     *
     * @throws StorageException if the bytes are not a resource of a registered kind
     */
    Resource decode(byte[] bytes, long revision, String key) {
        Resource r;
        try {
            r = codec.fromJson(new String(bytes, StandardCharsets.UTF_8));
        } catch (K4sException | IllegalArgumentException e) {
            throw new StorageException("the row of revision " + revision + " (" + key + ") in " + database
                    + " cannot be read as a resource: " + e.getMessage() + "; if its kind comes from a plugin, start"
                    + " with that plugin; otherwise the database is damaged: restore it from a backup", e);
        }
        return r.withMetadata(r.metadata().withResourceVersion(revision));
    }

    /** The change a row records. */
    Event event(KineTable.Row row) {
        Event.Type type = row.deleted() ? Event.Type.DELETED : row.created() ? Event.Type.ADDED : Event.Type.MODIFIED;
        return new Event(type, decode(row.value(), row.revision(), row.key()), row.revision());
    }
}
