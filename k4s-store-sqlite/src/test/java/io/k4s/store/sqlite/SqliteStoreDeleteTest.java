package io.k4s.store.sqlite;

import io.k4s.core.store.StoreDeleteContract;
import io.k4s.core.store.StorageBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link StoreDeleteContract} over the sqlite backend. */
class SqliteStoreDeleteTest extends StoreDeleteContract {

    @TempDir(factory = MemoryTempDirs.class)
    Path root;

    @Override
    protected StorageBackend newBackend() {
        return Backends.fresh(root);
    }
}
