package io.k4s.store.etcd;

import io.k4s.core.store.StoreDeleteContract;
import io.k4s.core.store.StorageBackend;

/** The {@link StoreDeleteContract} over the etcd backend, on a real etcd started by the tests. */
class EtcdStoreDeleteTest extends StoreDeleteContract {

    @Override
    protected StorageBackend newBackend() {
        return Backends.fresh();
    }
}
