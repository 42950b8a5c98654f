package io.k4s.store.sqlite;

import io.k4s.api.resource.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Open the database file of a data folder through the xerial driver, and say what its errors
 * mean.
 *
 * <p>The writer's connection sets WAL mode (readers do not block the writer, and a crash
 * leaves the last complete commit) and {@code synchronous = FULL} (each commit is synced to disk
 * before it returns), checks the file ({@code PRAGMA quick_check}) and creates the tables. The
 * reader's connection is {@code query_only}. Stateless apart from the path; thread-safe.
 */
final class Database {

    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final int PROBLEMS_SHOWN = 5;

    private final Path file;

    Database(Path file) {
        this.file = file;
    }

    /**
     * The connection that writes, in a transaction (autocommit off), after checking the file and
     * creating the tables if they are missing.
     *
     * @throws StorageException if the file is not a database or is damaged
     */
    Connection openWriter() throws SQLException {
        SQLiteConfig config = config();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        Connection c = config.createConnection(url());
        try {
            check(c);
            KineTable.create(c);
            c.setAutoCommit(false);
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            throw e;
        }
    }

    /** A connection that only reads, each statement on its own (autocommit on). */
    Connection openReader() throws SQLException {
        Connection c = config().createConnection(url());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = true");
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            throw e;
        }
    }

    private static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config;
    }

    private String url() {
        return "jdbc:sqlite:" + file;
    }

    /** {@code PRAGMA quick_check}: the b-trees and pages are whole, or a StorageException that lists the first problems. */
    private void check(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check(" + PROBLEMS_SHOWN + ")")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equals(line)) {
                    problems.add(line);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw damaged(file, String.join("; ", problems), null);
        }
    }

    /** What a failure of {@code what} on {@code file} means, for the user. */
    static StorageException failure(Path file, String what, Exception e) {
        if (e instanceof SQLiteException s && isDamage(s.getResultCode())) {
            return damaged(file, s.getMessage(), s);
        }
        return new StorageException("the sqlite store at " + file + " could not " + what + ": " + e.getMessage(), e);
    }

    private static boolean isDamage(SQLiteErrorCode code) {
        int primary = code.code & 0xff;
        return primary == SQLiteErrorCode.SQLITE_CORRUPT.code || primary == SQLiteErrorCode.SQLITE_NOTADB.code;
    }

    private static StorageException damaged(Path file, String detail, Exception cause) {
        return new StorageException("the database " + file + " is damaged (" + detail + "); restore the data dir from a"
                + " backup, or move it away to start with an empty one; k4s changed nothing", cause);
    }

    /** Close {@code c} if it is open; a failure is added to {@code into}. */
    static void closeQuietly(Connection c, Exception into) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            into.addSuppressed(e);
        }
    }
}
