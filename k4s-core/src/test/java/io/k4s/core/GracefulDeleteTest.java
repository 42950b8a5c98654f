package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.DeleteOptions;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.PropagationPolicy;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Containers are deleted as pods are: they stay, Terminating, until their worker has drained. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GracefulDeleteTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String slowReplicaSet(String name, int replicas) {
        return """
                kind: ReplicaSet
                metadata: {name: %s}
                spec:
                  replicas: %d
                  template: {spec: {worker: slow, params: {delay: 100ms}}}
                """.formatted(name, replicas);
    }

    private static List<CompletableFuture<Object>> queue(K4sCluster cluster, String container, int n) {
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replies.add(cluster.messenger().request(Address.container(container), container + "#" + i, WAIT));
        }
        return replies;
    }

    @Test
    void aDeletedContainer_isTerminatingWhileItDrains_andItsNameIsFreeOnlyOnceItIsGone() {
        try (K4sCluster cluster = K4sCluster.start()) {
            Container first = cluster.apply(Container.of(ObjectMeta.of("drain"),
                    ContainerSpec.of("slow", Map.of("delay", "100ms"))));
            cluster.await(WAIT, "drain is ready", () -> cluster.resources().get(Container.class, "default", "drain")
                    .map(c -> c.status().ready()).orElse(false));
            List<CompletableFuture<Object>> replies = queue(cluster, "drain", 5);

            Container marked = cluster.delete(Container.class, "drain");

            assertNotNull(marked.metadata().deletionTimestamp(), "the delete marks it");
            assertTrue(cluster.resources().get(Container.class, "default", "drain").isPresent(), "it stays meanwhile");
            assertThrows(AlreadyExistsException.class, () -> cluster.resources().create(Container.of(
                    ObjectMeta.of("drain"), ContainerSpec.of("whoami"))), "its name is not free while it drains");
            cluster.await(WAIT, "drain to go", () -> cluster.resources().get(Container.class, "default", "drain").isEmpty());
            for (CompletableFuture<Object> reply : replies) {
                assertTrue(String.valueOf(reply.join()).startsWith("drain#"), "every queued request was answered");
            }
            assertTrue(cluster.runtime().state(first.key()).isEmpty(), "the runtime stopped it before it went");
            Container second = cluster.apply(Container.of(ObjectMeta.of("drain"), ContainerSpec.of("whoami")));
            assertNotEquals(first.metadata().uid(), second.metadata().uid());
        }
    }

    @Test
    void aRollingReplaceWhileReplicasDrain_reusesNoNameEarly_andLeavesNoThreadAfterClose() {
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply(slowReplicaSet("roll", 3));
            cluster.awaitReady("roll", WAIT);
            for (int i = 0; i < 3; i++) {
                String name = "roll-" + i;
                String oldUid = cluster.resources().get(Container.class, "default", name).orElseThrow().metadata().uid();
                List<CompletableFuture<Object>> queued = queue(cluster, name, 5);
                replies.addAll(queued);
                cluster.resources().delete(Container.class, "default", name, DeleteOptions.BACKGROUND.withUid(oldUid));
                if (i == 1) {
                    cluster.scale("roll", 1);
                    cluster.scale("roll", 3);
                }
                cluster.await(WAIT, "a new " + name + " to replace the drained one", () -> cluster.resources()
                        .get(Container.class, "default", name)
                        .map(c -> !c.metadata().uid().equals(oldUid) && c.status().ready()).orElse(false));
                assertTrue(queued.stream().allMatch(CompletableFuture::isDone),
                        "the old " + name + " had drained its mailbox before its name was reused");
            }
            cluster.awaitReady("roll", WAIT);
            replies.addAll(queue(cluster, "roll-2", 5));
        }
        assertEquals(List.of(), ThreadCensus.liveK4sThreads(), "close ended every thread, drained ones included");
        assertTrue(replies.stream().allMatch(CompletableFuture::isDone), "every request completed");
    }

    @Test
    void foregroundDelete_ofAReplicaSet_removesItOnlyAfterItsContainersStopped() throws InterruptedException {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply(slowReplicaSet("fg", 3));
            cluster.awaitReady("fg", WAIT);
            Set<String> replicas = new HashSet<>();
            cluster.resources().list(Container.class, null).items().forEach(c -> replicas.add(c.metadata().uid()));
            Watch watch = cluster.resources().watch(null, null, cluster.resources().resourceVersion());
            queue(cluster, "fg-0", 5);

            ReplicaSet marked = cluster.resources().delete(ReplicaSet.class, "default", "fg",
                    DeleteOptions.propagation(PropagationPolicy.FOREGROUND));

            assertEquals(List.of(PropagationPolicy.FOREGROUND_FINALIZER), marked.metadata().finalizers());
            Set<String> goneFirst = new HashSet<>();
            while (true) {
                WatchEvent event = watch.next(WAIT);
                assertNotNull(event, "the ReplicaSet went within " + WAIT);
                assertFalse(event instanceof WatchEvent.Expired, "the watch kept up: " + event);
                if (event instanceof WatchEvent.Deleted d && d.resource() instanceof ReplicaSet) {
                    break;
                }
                if (event instanceof WatchEvent.Deleted d && d.resource() instanceof Container c) {
                    goneFirst.add(c.metadata().uid());
                }
            }
            watch.close();
            assertTrue(goneFirst.containsAll(replicas), "every replica was gone before the ReplicaSet went");
            cluster.await(WAIT, "no container left (one a late reconcile made is collected as an orphan)",
                    () -> cluster.resources().list(Container.class, null).size() == 0 && cluster.runtime().list().isEmpty());
        }
    }

    @Test
    void orphanDelete_ofAReplicaSet_leavesItsContainersRunning_withoutTheOwner() {
        try (K4sCluster cluster = K4sCluster.start()) {
            cluster.apply(slowReplicaSet("orph", 2));
            cluster.awaitReady("orph", WAIT);

            cluster.resources().delete(ReplicaSet.class, "default", "orph", DeleteOptions.propagation(PropagationPolicy.ORPHAN));

            cluster.await(WAIT, "the ReplicaSet to go", () -> cluster.resources().get(ReplicaSet.class, "default", "orph")
                    .isEmpty());
            List<Container> left = cluster.resources().list(Container.class, null).items();
            assertEquals(List.of("orph-0", "orph-1"), left.stream().map(c -> c.metadata().name()).toList());
            assertTrue(left.stream().allMatch(c -> c.metadata().ownerReferences().isEmpty()));
            assertEquals("orph-1#0", cluster.messenger().request(Address.container("orph-1"), "orph-1#0", WAIT).join());
        }
    }
}
