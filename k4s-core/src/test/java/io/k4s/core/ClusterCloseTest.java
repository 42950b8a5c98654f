package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** close() drains and stops everything and leaves no thread behind. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterCloseTest {

    @Test
    void close_leavesNoK4sThreadBehind() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply("""
                    kind: ReplicaSet
                    metadata: {name: t}
                    spec:
                      replicas: 20
                      template: {spec: {worker: whoami}}
                    """);
            cluster.awaitReady("t", Duration.ofSeconds(10));
        }
        assertEquals(List.of(), ThreadCensus.liveK4sThreads());
    }
}
