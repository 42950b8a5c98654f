package io.k4s.core.store;

import static io.k4s.core.store.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.Image;
import io.k4s.api.resource.ImageRef;
import io.k4s.api.resource.Namespace;
import io.k4s.api.resource.Namespace.NamespaceSpec;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.kind.ResourceCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster-scoped kinds over a backend: a Namespace or an Image has no namespace and is keyed by
 * its name alone, whatever namespace it was given or is asked for with, on every read, in
 * watches and after the store is opened again on the same backend data. A backend's test
 * subclasses this.
 */
public abstract class StoreScopeContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A fresh, empty backend; the store over it closes it. */
    protected abstract StorageBackend newBackend();

    /**
     * The backend holding what the last {@link #newBackend()} held, opened again (after the
     * store over it was closed); {@link Optional#empty()} for a backend that keeps nothing.
     */
    protected abstract Optional<StorageBackend> reopen();

    private ResourceStore store;

    @BeforeEach
    void open() {
        store = new ResourceStore(newBackend(), Clock.systemUTC(), 100, 1000);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void clusterScopedObject_hasNoNamespace_whateverItWasGiven() {
        Namespace given = new Namespace(ObjectMeta.of("team", "prod"), NamespaceSpec.EMPTY, null);

        Namespace created = store.create(given);

        assertEquals("", created.metadata().namespace());
        assertEquals(new ResourceKey("", "prod"), created.key());
        assertEquals("prod", created.key().toString());
        assertFalse(new ResourceCodec(KindRegistry.builtIn()).toJson(created).contains("namespace"),
                "a cluster-scoped object is written without metadata.namespace");
    }

    @Test
    void clusterScopedObject_isFoundWithAnyNamespace_andOnlyOnce() {
        store.create(Namespace.of("prod"));
        Image image = store.create(Image.of(ImageRef.parse("calc:1.0")));

        for (String ns : new String[] {null, "", "default", "team"}) {
            assertEquals("prod", store.get(Namespace.class, ns, "prod").orElseThrow().metadata().name(), "-n " + ns);
            assertEquals(List.of("prod"), names(store.list(Namespace.class, ns).items()), "-n " + ns);
            assertEquals(image.metadata().uid(), store.get(Image.class, ns, image.metadata().name()).orElseThrow()
                    .metadata().uid());
        }
        assertThrows(AlreadyExistsException.class, () -> store.create(
                new Namespace(ObjectMeta.of("other", "prod"), NamespaceSpec.EMPTY, null)));
    }

    @Test
    void clusterScopedObject_updatesAndDeletes_whenNamedWithANamespace() {
        Namespace created = store.create(Namespace.of("prod"));
        Namespace relabelled = created.withMetadata(created.metadata().withNamespace("default")
                .withLabels(Map.of("env", "prod")));

        Namespace updated = store.update(relabelled);

        assertEquals("", updated.metadata().namespace());
        assertEquals(Map.of("env", "prod"), store.get(Namespace.class, null, "prod").orElseThrow().metadata().labels());
        store.update(updated.withMetadata(updated.metadata().withFinalizers(List.of())));
        store.delete(Namespace.class, "team", "prod");
        assertTrue(store.get(Namespace.class, null, "prod").isEmpty());
    }

    @Test
    void watchOfClusterScopedKind_seesTheirEvents_withoutANamespace() throws InterruptedException {
        try (Watch watch = store.watch(Namespace.class, "default", 0)) {
            store.create(Namespace.of("prod"));
            store.create(container("calc-0"));

            WatchEvent event = watch.next(WAIT);

            WatchEvent.Added added = assertInstanceOf(WatchEvent.Added.class, event);
            assertEquals(new ResourceKey("", "prod"), added.resource().key());
        }
    }

    @Test
    void namespacedObject_givenTheEmptyNamespace_isInDefault() {
        Container c = store.create(Container.of(ObjectMeta.of("", "calc-0"), ContainerSpec.of("echo")));

        assertEquals(ObjectMeta.DEFAULT_NAMESPACE, c.metadata().namespace());
        assertTrue(store.get(Container.class, "default", "calc-0").isPresent());
    }

    @Test
    void clusterScopedObject_readsBackWithoutANamespace_afterReopening() {
        Namespace created = store.create(Namespace.of("prod"));
        store.close();
        Optional<StorageBackend> again = reopen();
        if (again.isEmpty()) {
            store = new ResourceStore(newBackend(), Clock.systemUTC(), 100, 1000);
            return;
        }
        store = new ResourceStore(again.get(), Clock.systemUTC(), 100, 1000);

        Namespace read = store.get(Namespace.class, null, "prod").orElseThrow();

        assertEquals(created.metadata().uid(), read.metadata().uid());
        assertEquals("", read.metadata().namespace());
        assertEquals(List.of(created.metadata().uid()), store.list(Namespace.class, null).items().stream()
                .map(n -> n.metadata().uid()).toList());
    }

    private static List<String> names(List<? extends Resource> items) {
        return items.stream().map(r -> r.metadata().name()).toList();
    }
}
