package io.k4s.store.sqlite;

import io.k4s.core.kind.KindRegistry;
import java.io.IOException;
import java.nio.file.Path;

/** A child process for {@code DataDirTest}: open the store in a folder, say so, and hold it until killed. */
public final class HoldDataDir {

    private HoldDataDir() {}

    /** {@code args[0]}: the data folder. */
    public static void main(String[] args) throws IOException {
        try (SqliteBackend backend = SqliteBackend.open(Path.of(args[0]), KindRegistry.builtIn())) {
            System.out.println("holding " + backend.dataDir());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the folder until the parent kills this process or closes its input
                Thread.onSpinWait();
            }
        }
    }
}
