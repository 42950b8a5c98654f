package io.k4s.core.overload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.runtime.ContainerState;
import io.k4s.core.K4sCluster;
import io.k4s.core.store.ResourceStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Controllers whose watch expires (they fell behind) still act on what was deleted meanwhile. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WatchExpiryTest {

    /**
     * Regression: 100,000 containers scaled to 0 left containers running. Their watch expired
     * while they were deleted; the re-list only queued what still existed, so the deleted
     * containers were never reconciled and never stopped.
     */
    @Test
    void containersDeletedWhileTheWatchWasExpired_areStopped() {
        // The smallest watch buffer: the Container informer expires during the mass delete.
        try (K4sCluster cluster = K4sCluster.builder().watchBufferSize(16).resyncPeriod(Duration.ofMinutes(10))
                .start()) {
            cluster.apply("""
                    kind: ReplicaSet
                    metadata: {name: many}
                    spec:
                      replicas: 300
                      template: {spec: {worker: whoami}}
                    """);
            cluster.awaitReady("many", Duration.ofSeconds(40));
            cluster.scale("many", 0);
            cluster.awaitReady("many", Duration.ofSeconds(20));
            cluster.await(Duration.ofSeconds(20), "every deleted container to stop",
                    () -> cluster.runtime().list().isEmpty());
            assertEquals(List.of(), cluster.runtime().list().stream().map(ContainerState::key).toList());
            cluster.await(Duration.ofSeconds(20), "every deleted container to lose its finalizer and go",
                    () -> cluster.resources().list(Container.class, null).size() == 0);
            ResourceStore store = assertInstanceOf(ResourceStore.class, cluster.resources());
            assertTrue(store.expiredWatches(Container.class) > 0,
                    "the Container informer's watch expired, so the scenario this test is about happened");
        }
    }
}
