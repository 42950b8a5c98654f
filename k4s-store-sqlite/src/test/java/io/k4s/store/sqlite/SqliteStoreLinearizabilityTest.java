package io.k4s.store.sqlite;

import io.k4s.core.store.StoreLinearizabilityContract;
import io.k4s.core.store.StorageBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link StoreLinearizabilityContract} over the sqlite backend. */
class SqliteStoreLinearizabilityTest extends StoreLinearizabilityContract {

    @TempDir(factory = MemoryTempDirs.class)
    Path root;

    @Override
    protected StorageBackend newBackend() {
        return Backends.fresh(root);
    }

    /** 5,000: each update waits for a sync to disk. */
    @Override
    protected int sequentialWrites() {
        return 5_000;
    }
}
