package io.k4s.store.etcd;

import io.k4s.core.store.StoreFaultContract;
import io.k4s.core.store.StorageBackend;

/** The {@link StoreFaultContract} over the etcd backend, on a real etcd started by the tests. */
class EtcdStoreFaultTest extends StoreFaultContract {

    @Override
    protected StorageBackend newBackend() {
        return Backends.fresh();
    }
}
