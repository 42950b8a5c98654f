package io.k4s.core.store;

/** The {@link StoreFaultContract} over the in-memory backend. */
class InMemoryStoreFaultTest extends StoreFaultContract {

    @Override
    protected StorageBackend newBackend() {
        return new InMemoryBackend();
    }
}
