package io.k4s.core.control;

import static io.k4s.core.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.control.Lister;
import io.k4s.api.control.ReconcileContext;
import io.k4s.api.control.Reconciler;
import io.k4s.api.control.Result;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.core.Await;
import io.k4s.core.store.InMemoryResourceStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InformerCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InMemoryResourceStore store = new InMemoryResourceStore();
    private final ControlledWatchClient client = new ControlledWatchClient(store);
    private ControllerManager manager;

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
        store.close();
    }

    private static Container container(String namespace, String name, Map<String, String> labels, String ownerUid) {
        ObjectMeta meta = ObjectMeta.of(namespace, name).withLabels(labels);
        if (ownerUid != null) {
            meta = meta.withOwnerReferences(List.of(new OwnerReference("ReplicaSet", "rs", ownerUid, true)));
        }
        return Container.of(meta.withSystemFields("uid-" + name, 5, 1, null), ContainerSpec.of("echo"));
    }

    private static List<String> names(List<? extends Resource> items) {
        return items.stream().map(r -> r.metadata().name()).sorted().toList();
    }

    @Test
    void lookups_byKeyNamespaceSelectorAndOwner_followPutsAndRemoves() {
        InformerCache cache = new InformerCache();
        Container a = container("default", "a", Map.of("app", "calc"), "rs-1");
        Container b = container("default", "b", Map.of("app", "web"), "rs-1");
        Container c = container("other", "c", Map.of("app", "calc"), "rs-2");
        List.of(a, b, c).forEach(cache::put);

        assertEquals(a, cache.get(ResourceKey.of("a")).orElseThrow());
        assertEquals(List.of("a", "b"), names(cache.list("default")));
        assertEquals(List.of("a", "b", "c"), names(cache.list(null)));
        assertEquals(List.of("a", "c"), names(cache.list(null, Selector.parse("app=calc"))));
        assertEquals(List.of("a", "b"), names(cache.ownedBy("rs-1")));

        Container adopted = container("default", "b", Map.of("app", "web"), "rs-2");
        cache.put(adopted);
        cache.remove(a);

        assertEquals(List.of(), names(cache.ownedBy("rs-1")));
        assertEquals(List.of("b", "c"), names(cache.ownedBy("rs-2")));
        assertEquals(List.of("b"), names(cache.list("default")));
        assertTrue(cache.get(ResourceKey.of("a")).isEmpty());
    }

    @Test
    void replace_keepsExactlyTheListedItems_andReturnsTheOnesThatWent() {
        InformerCache cache = new InformerCache();
        Container a = container("default", "a", Map.of(), "rs-1");
        Container b = container("default", "b", Map.of(), "rs-1");
        cache.put(a);
        cache.put(b);

        List<Resource> gone = cache.replace(List.of(b, container("default", "c", Map.of(), null)));

        assertEquals(List.of(a), gone);
        assertEquals(List.of("b", "c"), names(cache.list(null)));
        assertEquals(List.of("b"), names(cache.ownedBy("rs-1")));
        assertEquals(2, cache.size());
    }

    /** Reads its containers by owner from its context's lister, as the ReplicaSet reconciler does. */
    private static final class OwnerReader implements Reconciler {
        final Map<String, List<String>> seen = new ConcurrentHashMap<>();
        final AtomicReference<IllegalArgumentException> unwatched = new AtomicReference<>();

        @Override
        public Class<? extends Resource> resourceType() {
            return ReplicaSet.class;
        }

        @Override
        public Set<Class<? extends Resource>> ownedTypes() {
            return Set.of(Container.class);
        }

        @Override
        public Result reconcile(ResourceKey key, ReconcileContext context) {
            Lister<ReplicaSet> sets = context.lister(ReplicaSet.class);
            sets.get(key).ifPresent(rs -> seen.put(key.name(),
                    names(context.lister(Container.class).ownedBy(rs.metadata().uid()))));
            try {
                context.lister(Service.class);
            } catch (IllegalArgumentException e) {
                unwatched.set(e);
            }
            return Result.done();
        }
    }

    @Test
    void aReconciler_readsWhatItOwnsFromTheInformerCache_evenAfterAnExpiredWatch() {
        OwnerReader reader = new OwnerReader();
        manager = new ControllerManager(client, new FakeRuntime(), List.of(reader), ControllerConfig.defaults()
                .withResyncPeriod(Duration.ofHours(1)), Clock.systemUTC());
        manager.start();
        ReplicaSet rs = store.create(ReplicaSet.of(ObjectMeta.of("calc"),
                new ReplicaSetSpec(2, ContainerTemplate.of(Map.of(), ContainerSpec.of("echo")))));
        for (String name : List.of("calc-0", "calc-1")) {
            store.create(Container.of(ObjectMeta.of(name).withOwnerReferences(List.of(OwnerReference.controlledBy(rs))),
                    ContainerSpec.of("echo")));
        }
        store.create(Container.of(ObjectMeta.of("stranger"), ContainerSpec.of("echo")));

        until(WAIT, () -> List.of("calc-0", "calc-1").equals(reader.seen.get("calc")), "both owned containers seen");
        client.muteOpenWatches();
        store.delete(Container.class, "default", "calc-1");
        client.expireOpenWatches();

        until(WAIT, () -> List.of("calc-0").equals(reader.seen.get("calc")), "the re-list drops the deleted one");
        IllegalArgumentException e = reader.unwatched.get();
        assertTrue(e.getMessage().contains("no reconciler of this controller manager watches Service"), e.getMessage());
    }
}
