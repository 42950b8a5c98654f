package io.k4s.store.etcd;

import io.k4s.core.store.StoreLinearizabilityContract;
import io.k4s.core.store.StorageBackend;

/** The {@link StoreLinearizabilityContract} over the etcd backend, on a real etcd started by the tests. */
class EtcdStoreLinearizabilityTest extends StoreLinearizabilityContract {

    @Override
    protected StorageBackend newBackend() {
        return Backends.fresh();
    }

    /** 2,000: each update is a round trip to etcd (about 3 ms each on a loaded 2-core machine). */
    @Override
    protected int sequentialWrites() {
        return 2_000;
    }
}
