package io.k4s.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.ConfigMap;
import io.k4s.api.resource.ForbiddenException;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nothing is created in a namespace that does not exist or is being deleted, by any path. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NamespaceAdmissionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final K4sCluster cluster = K4sCluster.start();

    @AfterEach
    void close() {
        cluster.close();
    }

    private static ConfigMap configMap(String namespace, String name) {
        return ConfigMap.of(namespace, name, Map.of("a", "1"));
    }

    @Test
    void createInAMissingNamespace_isRefusedAsNotFound_throughTheJavaApiTheStoreAndManifests() {
        NotFoundException api = assertThrows(NotFoundException.class, () -> cluster.apply(configMap("ghost", "c")));
        NotFoundException store = assertThrows(NotFoundException.class,
                () -> cluster.resources().create(configMap("ghost", "c")));
        NotFoundException manifest = assertThrows(NotFoundException.class, () -> cluster.apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: fine}
                data: {a: "1"}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: ghost}
                data: {a: "1"}
                """));

        for (NotFoundException e : List.of(api, store, manifest)) {
            assertTrue(e.getMessage().startsWith("namespaces \"ghost\" not found"), e.getMessage());
        }
        assertTrue(cluster.resources().get(ConfigMap.class, "default", "fine").isEmpty(),
                "the apply wrote nothing, not even what came before");
        cluster.apply(configMap("default", "always")); // default always exists
    }

    @Test
    void aNamespaceAppliedAfterWhatItHolds_inOneManifest_isCreatedFirst() {
        cluster.apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: team}
                data: {a: "1"}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: team}
                """);

        assertTrue(cluster.resources().get(ConfigMap.class, "team", "c").isPresent());
    }

    @Test
    void createInATerminatingNamespace_isForbidden_andNotFoundOnceItIsGone() {
        cluster.apply(Namespace.of("leaving"));
        cluster.await(WAIT, "leaving has its finalizer", () -> NamespaceAdmission.find(cluster.resources(), "leaving")
                .map(n -> n.metadata().finalizers().contains(Namespace.FINALIZER)).orElse(false));
        ConfigMap held = configMap("leaving", "held");
        cluster.apply(held.withMetadata(held.metadata().withFinalizers(List.of("test.k4s.io/hold"))));
        cluster.delete(Namespace.class, "default", "leaving");
        cluster.await(WAIT, "leaving is Terminating", () -> NamespaceAdmission.find(cluster.resources(), "leaving")
                .map(n -> n.status().equals(Namespace.NamespaceStatus.TERMINATING)).orElse(false));

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> cluster.apply(configMap("leaving", "late")));

        assertEquals("ConfigMap \"leaving/late\" is forbidden: unable to create new content in namespace leaving"
                + " because it is being terminated", e.getMessage());
        ConfigMap marked = cluster.resources().get(ConfigMap.class, "leaving", "held").orElseThrow();
        cluster.resources().update(marked.withMetadata(marked.metadata().withFinalizers(List.of())));
        cluster.await(WAIT, "leaving is gone", () -> NamespaceAdmission.find(cluster.resources(), "leaving").isEmpty());
        assertThrows(NotFoundException.class, () -> cluster.apply(configMap("leaving", "late")));
    }
}
