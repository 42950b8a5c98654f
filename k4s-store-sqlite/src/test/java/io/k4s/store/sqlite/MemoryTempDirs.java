package io.k4s.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Make {@code @TempDir}s in /dev/shm (tmpfs) when there is one, so the contract suites, which
 * test semantics, not the disk, do not spend minutes in fsync; the durability tests use the
 * default temporary folder, on disk.
 */
public final class MemoryTempDirs implements TempDirFactory {

    private static final Path SHM = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            return Files.createTempDirectory(SHM, "k4s-test-");
        }
        return Files.createTempDirectory("k4s-test-");
    }
}
