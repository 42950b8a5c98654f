package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.Condition;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceNames;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ReplicaSets that cannot create their containers say why; big ones grow in batches and share the cluster. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplicaSetScaleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final K4sCluster cluster = K4sCluster.start();

    @AfterEach
    void close() {
        cluster.close();
    }

    private static ReplicaSet replicaSet(String name, int replicas) {
        return ReplicaSet.of(ObjectMeta.of(name), new ReplicaSetSpec(replicas,
                ContainerTemplate.of(Map.of("app", "x"), ContainerSpec.of("whoami"))));
    }

    @Test
    void javaBuiltReplicaSet_whoseContainerNamesWouldBeTooLong_isRefusedAtApply() {
        String name = "r".repeat(ResourceNames.MAX_REPLICA_SET_NAME_LENGTH + 1);

        ManifestException e = assertThrows(ManifestException.class, () -> cluster.apply(replicaSet(name, 1)));

        assertEquals("metadata.name", e.errors().getFirst().field());
        assertTrue(e.getMessage().contains("use at most 246"), e.getMessage());
        assertEquals(Optional.empty(), cluster.resources().get(ReplicaSet.class, ResourceKey.of(name)));
    }

    @Test
    void replicaSetThatCannotCreateItsContainers_saysWhyInAReplicaFailureCondition() {
        String name = "r".repeat(ResourceNames.MAX_NAME_LENGTH - 1);
        cluster.resources().create(replicaSet(name, 2)); // past apply's checks, as a client of the store could

        cluster.await(WAIT, "a FailedCreate condition", () -> failure(name).isPresent());

        Condition c = failure(name).orElseThrow();
        assertTrue(c.message().startsWith("cannot create " + name + "-0: "), c.message());
        assertTrue(c.message().contains("at most 253"), c.message());
    }

    private Optional<Condition> failure(String name) {
        return cluster.resources().get(ReplicaSet.class, ResourceKey.of(name)).flatMap(rs -> rs.status().conditions()
                .stream().filter(c -> c.type().equals("ReplicaFailure") && c.reason().equals("FailedCreate"))
                .findFirst());
    }

    @Test
    void bigScale_growsInSlowStartBatches_whileTheClusterStaysResponsive() throws Exception {
        cluster.apply("""
                kind: ReplicaSet
                metadata: {name: calc}
                spec: {replicas: 1, template: {metadata: {labels: {app: calc}}, spec: {worker: whoami}}}
                ---
                kind: Service
                metadata: {name: calc}
                spec: {selector: {app: calc}}
                """);
        cluster.awaitEndpoints("calc", 1, WAIT);
        List<Integer> progress = new ArrayList<>();
        try (Watch watch = cluster.resources().watch(ReplicaSet.class, "default",
                cluster.resources().resourceVersion())) {
            cluster.apply(replicaSet("big", 2_000));

            assertEquals("calc-0: still here", cluster.messenger().request(Address.service("calc"), "still here", WAIT)
                    .join());
            cluster.apply(replicaSet("small", 1));
            cluster.awaitReady("small", WAIT);
            cluster.awaitReady("big", WAIT);

            for (WatchEvent e = watch.next(Duration.ZERO); e != null; e = watch.next(Duration.ZERO)) {
                if (e instanceof WatchEvent.Modified m && m.resource().metadata().name().equals("big")) {
                    int replicas = ((ReplicaSet) m.resource()).status().replicas();
                    if (progress.isEmpty() || progress.getLast() != replicas) {
                        progress.add(replicas);
                    }
                }
            }
        }
        assertEquals(List.of(1, 3, 7, 15, 31, 63), progress.subList(0, 6), "status after every batch: " + progress);
        assertEquals(2_000, progress.getLast());
    }
}
