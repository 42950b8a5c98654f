package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.event.Event;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerResources;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ForbiddenException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.QuotaAmounts;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceQuota;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A ResourceQuota refuses what would exceed it, before anything changes, and shows what is used. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResourceQuotaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final K4sCluster cluster = K4sCluster.start();

    @AfterEach
    void close() {
        cluster.close();
    }

    private static String replicaSet(String name, int replicas) {
        return """
                kind: ReplicaSet
                metadata: {name: %s, namespace: team}
                spec:
                  replicas: %d
                  template: {metadata: {labels: {app: %s}}, spec: {worker: whoami}}
                """.formatted(name, replicas, name);
    }

    private void teamWithQuota(String hard) {
        cluster.apply("""
                apiVersion: v1
                kind: ResourceQuota
                metadata: {name: small, namespace: team}
                spec:
                  hard: %s
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: team}
                """.formatted(hard));
    }

    private ResourceQuota quota() {
        return cluster.resources().get(ResourceQuota.class, "team", "small").orElseThrow();
    }

    @Test
    void applyOverTheReplicasLimit_isRefusedWithTheQuotaMessage_andChangesNothing() {
        teamWithQuota("{replicas: 10}");
        cluster.apply(replicaSet("a", 8));

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> cluster.apply(replicaSet("b", 1) + "---\n" + replicaSet("c", 3)));

        assertTrue(e.getMessage().endsWith("exceeded quota \"small\": replicas: limited 10, used 9, requested 3"),
                e.getMessage());
        assertEquals(List.of("a"), cluster.resources().list(ReplicaSet.class, "team").items().stream()
                .map(rs -> rs.metadata().name()).toList(), "b, before c in the same apply, was not written either");
    }

    @Test
    void scaleOverTheLimit_isRefused_scaleDownPasses_andUsedFollows() {
        teamWithQuota("{replicas: 10, containers: 10}");
        cluster.apply(replicaSet("a", 8));
        cluster.await(WAIT, "used shows 8 replicas and 8 containers", () -> quota().status().used()
                .equals(new QuotaAmounts(8L, 8L, null, null)));

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> cluster.scale("team", "a", 12));

        assertEquals("ReplicaSet \"team/a\" is forbidden: exceeded quota \"small\": replicas: limited 10, used 8,"
                + " requested 4", e.getMessage());
        assertEquals(8, cluster.resources().get(ReplicaSet.class, "team", "a").orElseThrow().spec().replicas());
        cluster.scale("team", "a", 3);
        cluster.await(WAIT, "used shows 3 replicas and 3 containers", () -> quota().status().used()
                .equals(new QuotaAmounts(3L, 3L, null, null)));
        assertEquals(new QuotaAmounts(10L, 10L, null, null), quota().status().hard());
    }

    @Test
    void replicaSetOverTheContainersLimit_reportsFailedCreate_andGrowsWhenTheQuotaIsRaised() {
        teamWithQuota("{containers: 2}");
        cluster.apply(replicaSet("a", 3));

        cluster.await(WAIT, "a FailedCreate event naming the quota", () -> cluster.resources()
                .list(Event.class, "team").items().stream().anyMatch(ev -> ev.spec().reason().equals("FailedCreate")
                        && ev.spec().message().contains("exceeded quota \"small\": containers: limited 2, used 2,"
                        + " requested 1")));
        assertEquals(2, cluster.resources().list(Container.class, "team").items().size());

        teamWithQuota("{containers: 3}");
        cluster.awaitReady("team", "a", WAIT);
        assertEquals(3, cluster.resources().list(Container.class, "team").items().size());
    }

    @Test
    void mailboxAndRateLimits_countContainers_andARateQuotaWantsEveryContainerToSetItsRate() {
        teamWithQuota("{mailboxCapacity: 150, requests.rate: 20}");
        ContainerSpec limited = ContainerSpec.of("whoami").withResources(
                new ContainerResources(100, 15));
        cluster.apply(Container.of(ObjectMeta.of("team", "one"), limited));

        ForbiddenException over = assertThrows(ForbiddenException.class,
                () -> cluster.apply(Container.of(ObjectMeta.of("team", "two"), limited)));
        ForbiddenException unset = assertThrows(ForbiddenException.class, () -> cluster.apply(Container.of(
                ObjectMeta.of("team", "three"), ContainerSpec.of("whoami").withResources(
                        new ContainerResources(10, 0)))));

        assertTrue(over.getMessage().endsWith("exceeded quota \"small\": mailboxCapacity: limited 150, used 100,"
                + " requested 100; requests.rate: limited 20, used 15, requested 15"), over.getMessage());
        assertTrue(unset.getMessage().contains("must specify resources.maxHandleRate"), unset.getMessage());
        cluster.await(WAIT, "used shows the one container", () -> quota().status().used()
                .equals(new QuotaAmounts(null, null, 100L, 15.0)));
        assertEquals(List.of(ResourceKey.of("team", "one")), cluster.resources().list(Container.class, "team").items()
                .stream().map(Container::key).toList());
    }
}
