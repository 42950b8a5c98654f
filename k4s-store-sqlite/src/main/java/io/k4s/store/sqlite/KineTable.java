package io.k4s.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SQL of kine's layout on one connection: one table of rows, one per write, with the
 * revision as primary key.
 *
 * <pre>
 * kine(revision INTEGER PRIMARY KEY, key TEXT, created, deleted, create_revision, prev_revision, value BLOB)
 * </pre>
 *
 * A key is {@code KIND/NAMESPACE/NAME}; a create writes a row with {@code created = 1}, an
 * update a row with the new value, a delete a row with {@code deleted = 1} and the last value;
 * each row names the revision it replaced ({@code prev_revision}). The latest row of a key is its
 * state: absent if there is none or it is deleted. A unique index on {@code (key, prev_revision)}
 * makes two writes from one previous revision impossible, as in kine. {@code meta} keeps the
 * compacted revision. Not thread-safe: one instance per connection, used by one thread at a time.
 */
final class KineTable {

    /** The latest row of a key. */
    record Latest(long revision, long createRevision, boolean deleted) {}

    /** A row as read back. */
    record Row(long revision, String key, boolean created, boolean deleted, byte[] value) {}

    static final String COMPACT_REVISION = "compact_revision";

    private final Connection connection;
    private PreparedStatement latest;
    private PreparedStatement insert;
    private PreparedStatement value;
    private PreparedStatement latestValue;

    KineTable(Connection connection) {
        this.connection = connection;
    }

    /** Create the tables and indexes if they are missing. */
    static void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS kine (revision INTEGER PRIMARY KEY, key TEXT NOT NULL,"
                    + " created INTEGER NOT NULL, deleted INTEGER NOT NULL, create_revision INTEGER NOT NULL,"
                    + " prev_revision INTEGER NOT NULL, value BLOB NOT NULL)");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS kine_key_revision ON kine (key, revision)");
            s.executeUpdate("CREATE UNIQUE INDEX IF NOT EXISTS kine_key_prev_revision ON kine (key, prev_revision)");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        }
    }

    /** The latest row of {@code key}, or null if it has none. */
    Latest latest(String key) throws SQLException {
        if (latest == null) {
            latest = connection.prepareStatement("SELECT revision, create_revision, deleted FROM kine WHERE key = ?"
                    + " ORDER BY revision DESC LIMIT 1");
        }
        latest.setString(1, key);
        try (ResultSet rs = latest.executeQuery()) {
            return rs.next() ? new Latest(rs.getLong(1), rs.getLong(2), rs.getInt(3) != 0) : null;
        }
    }

    /** The latest row of {@code key}, value included, or null if it has none. */
    Row latestRow(String key) throws SQLException {
        if (latestValue == null) {
            latestValue = connection.prepareStatement("SELECT revision, created, deleted, value FROM kine WHERE key = ?"
                    + " ORDER BY revision DESC LIMIT 1");
        }
        latestValue.setString(1, key);
        try (ResultSet rs = latestValue.executeQuery()) {
            return rs.next() ? new Row(rs.getLong(1), key, rs.getInt(2) != 0, rs.getInt(3) != 0, rs.getBytes(4)) : null;
        }
    }

    /** The value of the row of {@code revision}. */
    byte[] value(long revision) throws SQLException {
        if (value == null) {
            value = connection.prepareStatement("SELECT value FROM kine WHERE revision = ?");
        }
        value.setLong(1, revision);
        try (ResultSet rs = value.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("no row of revision " + revision);
            }
            return rs.getBytes(1);
        }
    }

    /** Add a row. */
    void insert(long revision, String key, boolean created, boolean deleted, long createRevision, long prevRevision,
                byte[] bytes) throws SQLException {
        if (insert == null) {
            insert = connection.prepareStatement("INSERT INTO kine (revision, key, created, deleted, create_revision,"
                    + " prev_revision, value) VALUES (?, ?, ?, ?, ?, ?, ?)");
        }
        insert.setLong(1, revision);
        insert.setString(2, key);
        insert.setInt(3, created ? 1 : 0);
        insert.setInt(4, deleted ? 1 : 0);
        insert.setLong(5, createRevision);
        insert.setLong(6, prevRevision);
        insert.setBytes(7, bytes);
        insert.executeUpdate();
    }

    /** The greatest revision of a row, or 0 if the table is empty. */
    long maxRevision() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(revision) FROM kine")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * The latest rows that are not deletions, of the keys starting with {@code prefix}
     * ({@code null}: every key).
     */
    List<Row> live(String prefix) throws SQLException {
        String range = prefix == null ? "" : " WHERE key >= ? AND key < ?";
        String sql = "SELECT k.revision, k.key, k.created, k.value FROM kine k JOIN (SELECT MAX(revision) AS r FROM kine"
                + range + " GROUP BY key) m ON k.revision = m.r WHERE k.deleted = 0";
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            if (prefix != null) {
                s.setString(1, prefix);
                s.setString(2, prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getInt(3) != 0, false, rs.getBytes(4)));
                }
            }
        }
        return rows;
    }

    /** Give {@code each} the rows after {@code from} up to and including {@code to}, in revision order. */
    void rowsBetween(long from, long to, Consumer<Row> each) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT revision, key, created, deleted, value FROM kine"
                + " WHERE revision > ? AND revision <= ? ORDER BY revision")) {
            s.setLong(1, from);
            s.setLong(2, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    each.accept(new Row(rs.getLong(1), rs.getString(2), rs.getInt(3) != 0, rs.getInt(4) != 0,
                            rs.getBytes(5)));
                }
            }
        }
    }

    /**
     * Remove the rows no watch after {@code revision} needs, looking only at the rows after
     * {@code from} (the revision compacted before): the rows a row in {@code (from, revision]}
     * replaced (its {@code prev_revision}, as kine compacts), and the deletions in that range;
     * never the newest row of the table (it carries the current revision). Records
     * {@code revision} as compacted. A step costs the rows of its range, not every row kept below
     * it (the live keys' latest rows, looked at again by every step before).
     *
     * @return how many rows were removed
     */
    int compact(long from, long revision) throws SQLException {
        int removed;
        try (PreparedStatement replaced = connection.prepareStatement("DELETE FROM kine WHERE revision IN"
                + " (SELECT prev_revision FROM kine WHERE revision > ? AND revision <= ? AND prev_revision > 0)");
             PreparedStatement deletions = connection.prepareStatement("DELETE FROM kine WHERE revision > ?"
                     + " AND revision <= ? AND deleted = 1 AND revision < (SELECT MAX(revision) FROM kine)")) {
            replaced.setLong(1, from);
            replaced.setLong(2, revision);
            removed = replaced.executeUpdate();
            deletions.setLong(1, from);
            deletions.setLong(2, revision);
            removed += deletions.executeUpdate();
        }
        setMeta(COMPACT_REVISION, revision);
        return removed;
    }

    /** The value of meta row {@code name}, or 0. */
    long meta(String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private void setMeta(String name, long v) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO meta (name, value) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            s.setString(1, name);
            s.setLong(2, v);
            s.executeUpdate();
        }
    }
}
