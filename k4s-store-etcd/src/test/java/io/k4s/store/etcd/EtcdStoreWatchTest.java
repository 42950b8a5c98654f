package io.k4s.store.etcd;

import io.k4s.core.store.StoreWatchContract;
import io.k4s.core.store.StorageBackend;

/** The {@link StoreWatchContract} over the etcd backend, on a real etcd started by the tests. */
class EtcdStoreWatchTest extends StoreWatchContract {

    @Override
    protected StorageBackend newBackend() {
        return Backends.fresh();
    }
}
