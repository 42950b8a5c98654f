package io.k4s.store.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.StorageException;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.K4sCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd killed with SIGKILL and started again under a running cluster: the cluster's watches
 * resume and its writes go on; and a cluster started again on the same etcd comes back with the
 * same resources and uids.
 */
class EtcdRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MANIFEST = """
            apiVersion: k4s.io/v1
            kind: ReplicaSet
            metadata: {name: calc}
            spec:
              replicas: 2
              template:
                metadata: {labels: {app: calc}}
                spec: {worker: echo}
            ---
            apiVersion: k4s.io/v1
            kind: Service
            metadata: {name: calc}
            spec: {selector: {app: calc}}
            """;

    @TempDir
    Path root;

    @BeforeEach
    void needsEtcd() {
        assumeTrue(EtcdServer.binary().isPresent(), EtcdServer::missing);
    }

    @Test
    void etcdRestartedUnderARunningCluster_watchesResume_andWritesGoOn() throws Exception {
        try (EtcdServer etcd = EtcdServer.start(root);
             K4sCluster cluster = K4sCluster.builder().storage(etcd.location("/k4s")).start()) {
            cluster.apply(MANIFEST);
            ReplicaSet before = cluster.awaitReady("calc", WAIT);
            Watch watch = cluster.resources().watch(ReplicaSet.class, "default", before.metadata().resourceVersion());

            etcd.kill();
            etcd.run();
            cluster.await(WAIT, "a scale to 3 to reach the restarted etcd", () -> {
                try {
                    cluster.scale("calc", 3);
                    return true;
                } catch (StorageException notYet) {
                    return false;
                }
            });

            ReplicaSet after = cluster.awaitReady("calc", WAIT);
            assertEquals(3, after.status().readyReplicas());
            assertEquals(before.metadata().uid(), after.metadata().uid());
            WatchEvent first = watch.next(WAIT);
            assertTrue(first instanceof WatchEvent.Modified m && m.resource() instanceof ReplicaSet rs
                    && rs.spec().replicas() == 3, "the watch opened before the restart saw the scale: " + first);
            cluster.awaitEndpoints("calc", 3, WAIT);
            assertEquals("hi", cluster.messenger().request(Address.service("calc"), "hi").get());
            watch.close();
        }
    }

    @Test
    void aClusterStartedAgainOnTheSameEtcd_comesBackWithTheSameResources() throws Exception {
        try (EtcdServer etcd = EtcdServer.start(root)) {
            Map<String, String> uids = new TreeMap<>();
            try (K4sCluster first = K4sCluster.builder().storage(etcd.location("/k4s")).start()) {
                first.apply(MANIFEST);
                first.awaitReady("calc", WAIT);
                first.resources().list(Container.class, null).items()
                        .forEach(c -> uids.put(c.metadata().name(), c.metadata().uid()));
            }
            try (K4sCluster second = K4sCluster.builder().storage(etcd.location("/k4s")).start()) {
                second.await(WAIT, "calc-0 and calc-1 to run again", () -> List.of("calc-0", "calc-1").stream()
                        .allMatch(n -> second.runtime().state(ResourceKey.of(n)).isPresent()));
                Map<String, String> again = new TreeMap<>();
                second.resources().list(Container.class, null).items()
                        .forEach(c -> again.put(c.metadata().name(), c.metadata().uid()));
                assertEquals(uids, again);
                second.awaitReady("calc", WAIT);
            }
        }
    }
}
