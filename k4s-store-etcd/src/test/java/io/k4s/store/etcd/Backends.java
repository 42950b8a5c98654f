package io.k4s.store.etcd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.core.kind.KindRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh etcd backends on the shared test etcd, each under a key prefix of its own
 * ({@code /k4s-test-N}), so tests never see each other's keys. Skips the test (with the reason)
 * when no etcd binary can be found.
 */
final class Backends {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Backends() {}

    /** A new backend with an empty prefix on the shared etcd. */
    static EtcdBackend fresh() {
        assumeTrue(EtcdServer.binary().isPresent(), EtcdServer::missing);
        return EtcdBackend.open(List.of(EtcdServer.shared().endpoint()), freshPrefix(), KindRegistry.builtIn(),
                Duration.ofSeconds(10));
    }

    /** A key prefix no other test uses. */
    static String freshPrefix() {
        return "/k4s-test-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();
    }
}
