package io.k4s.store.sqlite;

import io.k4s.api.resource.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Own a data folder for as long as the backend is open: its lock file, its format marker and
 * the path of its database.
 *
 * <p>{@value #LOCK} holds an exclusive lock ({@link FileChannel#tryLock()}: an OS lock, released
 * by the OS when the process dies, even by SIGKILL), with the holder's pid and start time so a
 * refused second process can say who holds it. {@value #FORMAT} names the layout version the
 * folder was written with: a folder of a newer version is refused before anything is opened,
 * and a database without a marker is not ours. Not thread-safe; the backend opens and closes it
 * once.
 */
final class DataDir implements AutoCloseable {

    /**
     * The layout this version writes and reads: 2 keys cluster-scoped objects without a namespace
     * ({@code Namespace/prod}); 1 kept them under one ({@code Namespace/default/prod}) and is
     * migrated when opened ({@link LegacyRows}).
     */
    static final int FORMAT_VERSION = 2;
    static final String LOCK = "k4s.lock";
    static final String FORMAT = "k4s.format";
    static final String DATABASE = "k4s.db";
    private static final Logger LOG = LoggerFactory.getLogger(DataDir.class);
    private static final String FORMAT_PREFIX = "k4s data dir format ";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** The format the folder was written with ({@link #FORMAT_VERSION} for a new one); set by {@link #checkFormat}. */
    private int format = FORMAT_VERSION;

    private DataDir(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Create {@code dir} if needed, lock it and check its format marker (writing it into a new
     * folder).
     *
     * @throws StorageException if another process (or another backend in this one) holds the
     *                          folder, it was written by a newer version, or it has a database
     *                          without a marker; the message says what to do
     */
    static DataDir open(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StorageException("cannot create the data dir " + folder + ": " + e.getMessage()
                    + "; pick a folder you can write to", e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = readHolder(folder.resolve(LOCK));
                throw new StorageException("the data dir " + folder + " is in use by another k4s process" + holder
                        + "; stop that process, or give this one another --data-dir");
            }
            String me = "pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            DataDir opened = new DataDir(folder, channel, lock);
            try {
                opened.checkFormat();
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
            return opened;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException("cannot lock the data dir " + folder + " (" + LOCK + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM: another backend is open on the folder
        }
    }

    /** " (pid N, since T)" from the lock file, or nothing if it says nothing readable. */
    private static String readHolder(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() || text.length() > 200 ? "" : " (" + text + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private void checkFormat() throws IOException {
        Path marker = dir.resolve(FORMAT);
        if (!Files.exists(marker)) {
            if (Files.exists(database())) {
                throw new StorageException("the data dir " + dir + " has a database (" + DATABASE + ") but no "
                        + FORMAT + " marker, so it was not written by k4s or lost a file; move it away, or restore"
                        + " the folder from a backup (nothing was changed)");
            }
            writeMarker(marker);
            return;
        }
        String text = Files.readString(marker, StandardCharsets.UTF_8).strip();
        int version;
        try {
            version = text.startsWith(FORMAT_PREFIX) ? Integer.parseInt(text.substring(FORMAT_PREFIX.length())) : -1;
        } catch (NumberFormatException e) {
            version = -1;
        }
        if (version < 1) {
            throw new StorageException("the data dir " + dir + " has an unreadable " + FORMAT + " (\"" + text
                    + "\"); expected \"" + FORMAT_PREFIX + FORMAT_VERSION + "\" (nothing was changed)");
        }
        if (version > FORMAT_VERSION) {
            throw new StorageException("the data dir " + dir + " was written by a newer k4s (data dir format " + version
                    + "; this version reads format " + FORMAT_VERSION + " and older); run that version or a newer one"
                    + " (nothing was changed)");
        }
        format = version;
    }

    /** The format the folder was written with: less than {@link #FORMAT_VERSION} until it is migrated. */
    int format() {
        return format;
    }

    /**
     * Mark the folder as written in {@link #FORMAT_VERSION}, once its database was migrated.
     *
     * @throws StorageException if the marker cannot be written (the migration runs again next time)
     */
    void markCurrent() {
        try {
            writeMarker(dir.resolve(FORMAT));
            format = FORMAT_VERSION;
        } catch (IOException e) {
            throw new StorageException("cannot write the " + FORMAT + " marker of the data dir " + dir + ": "
                    + e.getMessage() + "; make the folder writable", e);
        }
    }

    /** Write the marker through a temporary file and a rename, so a crash leaves it whole or absent. */
    private static void writeMarker(Path marker) throws IOException {
        Path tmp = marker.resolveSibling(FORMAT + ".tmp");
        Files.writeString(tmp, FORMAT_PREFIX + FORMAT_VERSION + "\n", StandardCharsets.UTF_8);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        try {
            Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The folder, absolute. */
    Path path() {
        return dir;
    }

    /** The database file in the folder. */
    Path database() {
        return dir.resolve(DATABASE);
    }

    /** Release the lock; the lock file stays (removing it would race with a process about to lock it). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lockChannel.truncate(0);
                lock.release();
            }
        } catch (IOException e) {
            throw new StorageException("could not release the lock of the data dir " + dir + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // The OS releases the lock with the file descriptor; nothing else depends on this close.
            LOG.debug("could not close the data dir's lock file: {}", e.toString());
        }
    }
}
