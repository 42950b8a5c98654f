package io.k4s.core.store;

/** The {@link StoreWatchContract} over the in-memory backend. */
class InMemoryStoreWatchTest extends StoreWatchContract {

    @Override
    protected StorageBackend newBackend() {
        return new InMemoryBackend();
    }
}
