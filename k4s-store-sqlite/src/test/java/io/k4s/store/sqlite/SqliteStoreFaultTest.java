package io.k4s.store.sqlite;

import io.k4s.core.store.StoreFaultContract;
import io.k4s.core.store.StorageBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link StoreFaultContract} over the sqlite backend. */
class SqliteStoreFaultTest extends StoreFaultContract {

    @TempDir(factory = MemoryTempDirs.class)
    Path root;

    @Override
    protected StorageBackend newBackend() {
        return Backends.fresh(root);
    }
}
