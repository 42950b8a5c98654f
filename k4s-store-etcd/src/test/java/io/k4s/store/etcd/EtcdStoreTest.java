package io.k4s.store.etcd;

import io.k4s.core.store.StoreContract;
import io.k4s.core.store.StorageBackend;

/** The {@link StoreContract} over the etcd backend, on a real etcd started by the tests. */
class EtcdStoreTest extends StoreContract {

    @Override
    protected StorageBackend newBackend() {
        return Backends.fresh();
    }
}
