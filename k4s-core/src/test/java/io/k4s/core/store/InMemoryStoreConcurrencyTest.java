package io.k4s.core.store;

/** The {@link StoreConcurrencyContract} over the in-memory backend. */
class InMemoryStoreConcurrencyTest extends StoreConcurrencyContract {

    @Override
    protected StorageBackend newBackend() {
        return new InMemoryBackend();
    }
}
