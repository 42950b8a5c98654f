package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.NoEndpointsException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ManifestException;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Service;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The seed's scenarios, end to end, on a real cluster with the real reconcilers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class K4sClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private K4sCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = K4sCluster.builder().resyncPeriod(Duration.ofSeconds(2)).start();
    }

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    private static String replicaSet(String name, int replicas, String worker) {
        return """
                apiVersion: k4s.io/v1
                kind: ReplicaSet
                metadata: {name: %s}
                spec:
                  replicas: %d
                  template:
                    metadata: {labels: {app: %s}}
                    spec: {worker: %s}
                ---
                apiVersion: k4s.io/v1
                kind: Service
                metadata: {name: %s}
                spec: {selector: "%s-*", loadBalancing: RoundRobin}
                """.formatted(name, replicas, name, worker, name, name);
    }

    private Object request(String service, Object payload) {
        return cluster.messenger().request(Address.service(service), payload, WAIT).join();
    }

    @Test
    void scaleByKindName_andAwaitEndpoints_workInAnyNamespace() {
        cluster.apply(Namespace.of("team-a"));
        cluster.apply(replicaSet("calc", 1, "calculator").replace("metadata: {name: calc}",
                "metadata: {name: calc, namespace: team-a}"));
        cluster.awaitEndpoints("team-a", "calc", 1, WAIT);

        ReplicaSet scaled = (ReplicaSet) cluster.scale("rs", "team-a", "calc", 3);

        assertEquals(3, scaled.spec().replicas());
        cluster.awaitEndpoints("team-a", "calc", 3, WAIT);
        assertEquals(3, cluster.awaitReady("team-a", "calc", WAIT).status().readyReplicas());
        IllegalArgumentException notScalable = assertThrows(IllegalArgumentException.class,
                () -> cluster.scale("svc", "team-a", "calc", 2));
        assertEquals("Service has no replicas to scale; kinds that scale: Deployment, ReplicaSet",
                notScalable.getMessage());
    }

    @Test
    void deploySingleContainer_answersThroughItsService() {
        cluster.apply("""
                kind: Container
                metadata: {name: solo}
                spec: {worker: whoami}
                ---
                kind: Service
                metadata: {name: solo}
                spec: {selector: solo}
                """);
        cluster.awaitEndpoints("solo", 1, WAIT);
        assertEquals("solo: hi", request("solo", "hi"));
        assertEquals("solo: direct", cluster.messenger()
                .request(Address.container("solo"), "direct", WAIT).join());
    }

    @Test
    void replicatedService_spreadsRequestsRoundRobin() {
        cluster.apply(replicaSet("calc", 3, "whoami"));
        cluster.awaitReady("calc", WAIT);
        cluster.awaitEndpoints("calc", 3, WAIT);
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            answered.add(((String) request("calc", i)).split(":")[0]);
        }
        assertEquals(Set.of("calc-0", "calc-1", "calc-2"), answered);
    }

    @Test
    void scaleUpAndDown_keepsExactlyTheRightContainers() {
        cluster.apply(replicaSet("w", 2, "whoami"));
        cluster.awaitReady("w", WAIT);

        cluster.scale("w", 5);
        cluster.awaitReady("w", WAIT);
        assertEquals(List.of("w-0", "w-1", "w-2", "w-3", "w-4"), containerNames());

        cluster.scale("w", 1);
        cluster.awaitReady("w", WAIT);
        cluster.await(WAIT, "scale down to w-0", () -> containerNames().equals(List.of("w-0")));
        cluster.awaitEndpoints("w", 1, WAIT);
        assertEquals("w-0: x", request("w", "x"));
    }

    @Test
    void deleteReplicaSet_removesItsContainersAndEndpoints() {
        cluster.apply(replicaSet("gone", 3, "whoami"));
        cluster.awaitReady("gone", WAIT);
        cluster.delete(ReplicaSet.class, "gone");
        cluster.await(WAIT, "containers deleted", () -> containerNames().isEmpty());
        cluster.await(WAIT, "runtime empty", () -> cluster.runtime().list().stream().allMatch(s -> s.ended()));
        cluster.awaitEndpoints("gone", 0, WAIT);
        CompletionException e = assertThrows(CompletionException.class, () -> request("gone", "x"));
        assertInstanceOf(NoEndpointsException.class, e.getCause());
    }

    @Test
    void containerDeletedByHand_isRecreated() {
        cluster.apply(replicaSet("heal", 2, "whoami"));
        cluster.awaitReady("heal", WAIT);
        String oldUid = cluster.resources().get(Container.class, "default", "heal-1").orElseThrow().metadata().uid();
        cluster.delete(Container.class, "heal-1");
        cluster.await(WAIT, "heal-1 recreated and ready", () -> cluster.resources()
                .get(Container.class, "default", "heal-1")
                .filter(c -> !c.metadata().uid().equals(oldUid) && c.status().ready()).isPresent());
        cluster.awaitReady("heal", WAIT);
    }

    @Test
    void crashingWorker_showsRestartsAndCrashLoopBackOff() {
        cluster.apply("""
                kind: Container
                metadata: {name: crashy}
                spec: {worker: crash-on-start}
                """);
        cluster.await(WAIT, "crashy to restart twice", () -> cluster.resources()
                .get(Container.class, "default", "crashy")
                .map(c -> c.status().restartCount() >= 2 && "CrashLoopBackOff".equals(c.status().reason()))
                .orElse(false));
        Container c = cluster.resources().get(Container.class, "default", "crashy").orElseThrow();
        assertFalse(c.status().ready());
        assertTrue(c.status().lastError().contains("boom at start"), c.status().lastError());
    }

    @Test
    void deletedFailedContainer_isForgottenByTheRuntime() {
        cluster.apply("""
                kind: Container
                metadata: {name: doomed}
                spec: {worker: crash-on-start, restartPolicy: Never}
                """);
        cluster.await(WAIT, "doomed to fail", () -> cluster.resources()
                .get(Container.class, "default", "doomed")
                .map(c -> c.status().phase() == ContainerPhase.FAILED).orElse(false));
        cluster.delete(Container.class, "doomed");
        cluster.await(WAIT, "the runtime to forget doomed",
                () -> cluster.runtime().state(io.k4s.api.resource.ResourceKey.of("doomed")).isEmpty());
    }

    @Test
    void serviceMatchingNothing_hasACondition() {
        cluster.apply("""
                kind: Service
                metadata: {name: lonely}
                spec: {selector: "nobody-*"}
                """);
        cluster.await(WAIT, "lonely to get its condition", () -> cluster.resources()
                .get(Service.class, "default", "lonely")
                .map(s -> s.status().conditions().stream()
                        .anyMatch(c -> !c.status() && c.reason().equals("NoMatchingContainers")))
                .orElse(false));
    }

    @Test
    void invalidManifest_appliesNothing() {
        ManifestException e = assertThrows(ManifestException.class, () -> cluster.apply("""
                kind: Container
                metadata: {name: good}
                spec: {worker: whoami}
                ---
                kind: Container
                metadata: {name: bad}
                spec: {worker: no-such-worker}
                """, "two.yaml"));
        assertTrue(e.getMessage().startsWith("two.yaml:7:"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown worker type \"no-such-worker\""), e.getMessage());
        assertTrue(cluster.resources().list(Container.class, null).items().isEmpty());
    }

    @Test
    void applyTwice_updatesInPlace() {
        cluster.apply(replicaSet("upd", 1, "whoami"));
        ReplicaSet first = cluster.awaitReady("upd", WAIT);
        cluster.apply(replicaSet("upd", 3, "whoami"));
        ReplicaSet second = cluster.awaitReady("upd", WAIT);
        assertEquals(first.metadata().uid(), second.metadata().uid());
        assertEquals(first.metadata().generation() + 1, second.metadata().generation());
        assertEquals(3, second.status().readyReplicas());
    }

    @Test
    void containerPhase_isRunningWhenReady() {
        cluster.apply(replicaSet("ph", 1, "whoami"));
        cluster.awaitReady("ph", WAIT);
        Container c = cluster.resources().get(Container.class, "default", "ph-0").orElseThrow();
        assertEquals(ContainerPhase.RUNNING, c.status().phase());
        assertEquals(c.metadata().generation(), c.status().observedGeneration());
    }

    private List<String> containerNames() {
        return cluster.resources().list(Container.class, "default").items().stream()
                .map(c -> c.metadata().name()).sorted().toList();
    }
}
