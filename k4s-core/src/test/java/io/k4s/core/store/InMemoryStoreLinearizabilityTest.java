package io.k4s.core.store;

/** The {@link StoreLinearizabilityContract} over the in-memory backend. */
class InMemoryStoreLinearizabilityTest extends StoreLinearizabilityContract {

    @Override
    protected StorageBackend newBackend() {
        return new InMemoryBackend();
    }
}
