package io.k4s.store.sqlite;

import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.StorageBackend;
import io.k4s.core.store.StoreScopeContract;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The {@link StoreScopeContract} over the sqlite backend, reopened on the same data dir. */
class SqliteStoreScopeTest extends StoreScopeContract {

    @TempDir(factory = MemoryTempDirs.class)
    Path root;

    @Override
    protected StorageBackend newBackend() {
        return SqliteBackend.open(root.resolve("data"), KindRegistry.builtIn());
    }

    @Override
    protected Optional<StorageBackend> reopen() {
        return Optional.of(SqliteBackend.open(root.resolve("data"), KindRegistry.builtIn()));
    }
}
