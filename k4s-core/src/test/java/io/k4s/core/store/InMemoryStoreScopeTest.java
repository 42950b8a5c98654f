package io.k4s.core.store;

import java.util.Optional;

/** The {@link StoreScopeContract} over the in-memory backend (which keeps nothing to reopen). */
class InMemoryStoreScopeTest extends StoreScopeContract {

    @Override
    protected StorageBackend newBackend() {
        return new InMemoryBackend();
    }

    @Override
    protected Optional<StorageBackend> reopen() {
        return Optional.empty();
    }
}
