package io.k4s.store.etcd;

import io.k4s.core.store.StoreConcurrencyContract;
import io.k4s.core.store.StorageBackend;

/** The {@link StoreConcurrencyContract} over the etcd backend, on a real etcd started by the tests. */
class EtcdStoreConcurrencyTest extends StoreConcurrencyContract {

    @Override
    protected StorageBackend newBackend() {
        return Backends.fresh();
    }
}
