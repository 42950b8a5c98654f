package io.k4s.core.store;

/** The {@link StoreDeleteContract} over the in-memory backend. */
class InMemoryStoreDeleteTest extends StoreDeleteContract {

    @Override
    protected StorageBackend newBackend() {
        return new InMemoryBackend();
    }
}
