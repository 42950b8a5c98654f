package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.resource.ConfigMap;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Namespaces: default always exists; deleting one deletes what it holds, Terminating meanwhile. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NamespaceLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void defaultExists_andDeletingANamespace_cascades_whileItIsTerminating() throws Exception {
        try (K4sCluster cluster = K4sCluster.start()) {
            assertTrue(cluster.resources().get(Namespace.class, "default", "default").isPresent(), "default exists");
            cluster.apply("""
                    apiVersion: v1
                    kind: Namespace
                    metadata: {name: team}
                    ---
                    kind: ReplicaSet
                    metadata: {name: calc, namespace: team}
                    spec:
                      replicas: 2
                      template: {metadata: {labels: {app: calc}}, spec: {worker: whoami}}
                    ---
                    kind: Service
                    metadata: {name: calc, namespace: team}
                    spec: {selector: {app: calc}}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: settings, namespace: team}
                    data: {a: "1"}
                    ---
                    kind: Container
                    metadata: {name: keeper}
                    spec: {worker: whoami}
                    """);
            cluster.awaitReady("team", "calc", WAIT);
            cluster.await(WAIT, "team/service/calc routes to both", () -> cluster.router()
                    .readyEndpoints(new ResourceKey("team", "calc")) == 2);
            cluster.await(WAIT, "team has its finalizer", () -> cluster.resources().get(Namespace.class, "default", "team")
                    .map(n -> n.metadata().finalizers().contains(Namespace.FINALIZER)).orElse(false));
            Object reply = cluster.messenger().request(Address.parse("team/service/calc"), "hi", WAIT).join();
            assertTrue(String.valueOf(reply).matches("calc-\\d: hi"), String.valueOf(reply));

            long from = cluster.resources().resourceVersion();
            try (Watch watch = cluster.resources().watch(Namespace.class, "default", from)) {
                cluster.delete(Namespace.class, "default", "team");
                boolean terminating = false;
                for (WatchEvent e; (e = watch.next(WAIT)) != null; ) {
                    if (e instanceof WatchEvent.Modified m && m.resource() instanceof Namespace n
                            && n.metadata().name().equals("team")) {
                        terminating |= n.status().phase().equals("Terminating");
                    }
                    if (e instanceof WatchEvent.Deleted d && d.resource().metadata().name().equals("team")) {
                        break;
                    }
                }
                assertTrue(terminating, "the namespace was Terminating while it emptied");
            }
            assertTrue(cluster.resources().list(ReplicaSet.class, "team").items().isEmpty());
            assertTrue(cluster.resources().list(Container.class, "team").items().isEmpty());
            assertTrue(cluster.resources().list(Service.class, "team").items().isEmpty());
            assertTrue(cluster.resources().list(ConfigMap.class, "team").items().isEmpty());
            assertEquals(1, cluster.resources().list(Container.class, "default").items().size(), "default untouched");
        }
    }

    /**
     * The controller adds its finalizer a moment after a Namespace is created, so a delete right
     * after the create usually removes the Namespace at once; what was put in it must go anyway.
     */
    @Test
    void aNamespaceDeletedBeforeItsFinalizerWasAdded_stillLeavesNothingBehind() {
        try (K4sCluster cluster = K4sCluster.start()) {
            int removedAtOnce = 0;
            for (int i = 0; i < 20; i++) {
                cluster.apply("""
                        apiVersion: v1
                        kind: Namespace
                        metadata: {name: brief-%d}
                        ---
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings, namespace: brief-%d}
                        data: {a: "1"}
                        """.formatted(i, i));
                Namespace deleted = cluster.delete(Namespace.class, "brief-" + i);
                removedAtOnce += deleted.metadata().finalizers().isEmpty() ? 1 : 0;
            }
            assertTrue(removedAtOnce > 0, "some namespace was removed before its finalizer was added");

            for (int i = 0; i < 20; i++) {
                String ns = "brief-" + i;
                cluster.await(WAIT, "nothing left in " + ns, () -> cluster.resources().list(ConfigMap.class, ns)
                        .items().isEmpty() && cluster.resources().get(Namespace.class, ns, ns).isEmpty());
            }
        }
    }
}
