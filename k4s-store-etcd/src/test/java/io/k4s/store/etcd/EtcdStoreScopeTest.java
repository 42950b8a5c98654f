package io.k4s.store.etcd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.StorageBackend;
import io.k4s.core.store.StoreScopeContract;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The {@link StoreScopeContract} over the etcd backend, reopened on the same key prefix of a real etcd. */
class EtcdStoreScopeTest extends StoreScopeContract {

    private String prefix;

    @Override
    protected StorageBackend newBackend() {
        assumeTrue(EtcdServer.binary().isPresent(), EtcdServer::missing);
        prefix = Backends.freshPrefix();
        return open();
    }

    @Override
    protected Optional<StorageBackend> reopen() {
        return Optional.of(open());
    }

    private EtcdBackend open() {
        return EtcdBackend.open(List.of(EtcdServer.shared().endpoint()), prefix, KindRegistry.builtIn(),
                Duration.ofSeconds(10));
    }
}
