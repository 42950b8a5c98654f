package io.k4s.store.etcd;

import io.k4s.core.store.StorageBackendContract;
import io.k4s.core.store.StorageBackend;

/** The {@link StorageBackendContract} over the etcd backend, on a real etcd started by the tests. */
class EtcdBackendTest extends StorageBackendContract {

    @Override
    protected StorageBackend newBackend() {
        return Backends.fresh();
    }
}
