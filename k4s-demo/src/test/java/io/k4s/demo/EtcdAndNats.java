package io.k4s.demo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.core.K4sCluster;
import io.k4s.core.K4sClusterBuilder;
import io.k4s.store.etcd.EtcdServer;
import io.k4s.transport.nats.NatsServer;
import java.nio.file.Path;

/**
 * A real etcd and a real nats-server for one test class, which several {@link K4sCluster}s in
 * the test JVM share the way {@code serve} JVMs do: one store, one transport, a node name each.
 */
final class EtcdAndNats implements AutoCloseable {

    private final EtcdServer etcd;
    private final NatsServer nats;

    private EtcdAndNats(EtcdServer etcd, NatsServer nats) {
        this.etcd = etcd;
        this.nats = nats;
    }

    /** Start both, etcd's data in {@code dir}; the calling test is skipped when either binary is missing. */
    static EtcdAndNats start(Path dir) throws Exception {
        assumeTrue(EtcdServer.binary().isPresent(), EtcdServer.missing());
        assumeTrue(NatsServer.binary().isPresent(), NatsServer.missing());
        EtcdServer etcd = EtcdServer.start(dir);
        try {
            return new EtcdAndNats(etcd, NatsServer.start());
        } catch (Exception | Error e) {
            etcd.close();
            throw e;
        }
    }

    /** A cluster builder for node {@code name}, its store under key {@code prefix} in etcd, its transport NATS. */
    K4sClusterBuilder node(String name, String prefix) {
        return K4sCluster.builder().node(name).storage(etcd.location(prefix)).transport(nats.url());
    }

    @Override
    public void close() throws Exception {
        try {
            nats.close();
        } finally {
            etcd.close();
        }
    }
}
