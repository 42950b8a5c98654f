package io.k4s.core.store;

import static io.k4s.core.store.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetStatus;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.api.resource.ServiceStatus;
import io.k4s.api.resource.Selector;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryResourceStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.123456789Z");
    private static final ContainerStatus RUNNING = new ContainerStatus(ContainerPhase.RUNNING, "", "", true, 0,
            NOW, new MessageCounters(3, 2, 1, 0), "", 1);

    private final InMemoryResourceStore store =
            new InMemoryResourceStore(Clock.fixed(NOW, ZoneOffset.UTC), 100, 1000);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void create_setsSystemFieldsAndTakesTheNextRevision() {
        Container a = store.create(container("a"));
        Container b = store.create(container("b"));

        assertEquals(1, a.metadata().resourceVersion());
        assertEquals(2, b.metadata().resourceVersion());
        assertEquals(2, store.resourceVersion());
        assertEquals(1, a.metadata().generation());
        assertEquals(NOW, a.metadata().creationTimestamp());
        assertNotNull(a.metadata().uid());
        assertNotEquals(a.metadata().uid(), b.metadata().uid());
        assertEquals(a, store.get(Container.class, "default", "a").orElseThrow());
    }

    @Test
    void create_ignoresTheGivenStatusAndSystemFields() {
        Container given = new Container(ObjectMeta.of("a").withSystemFields("mine", 77, 9, Instant.EPOCH),
                ContainerSpec.of("echo"), RUNNING);
        ReplicaSet rs = Fixtures.replicaSet("rs", 2).withStatus(new ReplicaSetStatus(2, 2, 1, List.of()));
        Service svc = new Service(ObjectMeta.of("svc"), new ServiceSpec(Selector.glob("a*"), null),
                new ServiceStatus(List.of("a"), List.of(), 1));

        Container stored = store.create(given);

        assertEquals(ContainerStatus.PENDING, stored.status());
        assertNotEquals("mine", stored.metadata().uid());
        assertEquals(1, stored.metadata().resourceVersion());
        assertEquals(1, stored.metadata().generation());
        assertEquals(NOW, stored.metadata().creationTimestamp());
        assertEquals(ReplicaSetStatus.EMPTY, store.create(rs).status());
        assertEquals(ServiceStatus.EMPTY, store.create(svc).status());
    }

    @Test
    void create_ofAnExistingKey_isAlreadyExists_andWritesNothing() {
        store.create(container("a"));

        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> store.create(container("a")));

        assertEquals(ResourceKey.of("a"), e.key());
        assertEquals("Container", e.kind());
        assertEquals(1, store.resourceVersion());
    }

    @Test
    void sameName_inAnotherNamespaceOrKind_isAnotherResource() {
        store.create(container("a"));
        store.create(container("other", "a", Map.of()));
        store.create(new Service(ObjectMeta.of("a"), new ServiceSpec(Selector.glob("a"), null), null));

        assertEquals(2, store.list(Container.class, null).size());
        assertEquals(1, store.list(Service.class, null).size());
    }

    @Test
    void update_replacesMetadataAndSpec_keepsStatus_andMovesGenerationOnlyOnSpecChange() {
        Container created = store.create(container("a"));
        Container withStatus = store.updateStatus(created.withStatus(RUNNING));

        Container relabelled = store.update(withStatus.withMetadata(
                withStatus.metadata().withLabels(Map.of("app", "x"))).withStatus(ContainerStatus.PENDING));
        assertEquals(Map.of("app", "x"), relabelled.metadata().labels());
        assertEquals(1, relabelled.metadata().generation());
        assertEquals(RUNNING, relabelled.status());
        assertEquals(created.metadata().uid(), relabelled.metadata().uid());
        assertEquals(created.metadata().creationTimestamp(), relabelled.metadata().creationTimestamp());

        Container respecced = store.update(relabelled.withSpec(relabelled.spec().withMailboxCapacity(5)));
        assertEquals(2, respecced.metadata().generation());
        assertEquals(5, respecced.spec().mailboxCapacity());
        assertEquals(RUNNING, respecced.status());
        assertEquals(4, respecced.metadata().resourceVersion());
    }

    @Test
    void updateStatus_replacesStatusOnly() {
        Container created = store.create(container("a"));
        Container sneaky = created.withSpec(ContainerSpec.of("other"))
                .withMetadata(created.metadata().withLabels(Map.of("x", "y")))
                .withStatus(RUNNING);

        Container stored = store.updateStatus(sneaky);

        assertEquals(RUNNING, stored.status());
        assertEquals("echo", stored.spec().worker());
        assertEquals(Map.of(), stored.metadata().labels());
        assertEquals(1, stored.metadata().generation());
        assertEquals(2, stored.metadata().resourceVersion());
    }

    @Test
    void staleResourceVersion_isConflict_withExpectedAndActual() {
        Container created = store.create(container("a"));
        store.update(created.withSpec(ContainerSpec.of("other")));

        ConflictException e = assertThrows(ConflictException.class,
                () -> store.update(created.withSpec(ContainerSpec.of("third"))));
        assertEquals(1, e.expected());
        assertEquals(2, e.actual());
        assertThrows(ConflictException.class, () -> store.updateStatus(created.withStatus(RUNNING)));
        assertThrows(ConflictException.class, () -> store.update(container("a")), "resourceVersion 0 is stale too");
        assertEquals("other", store.get(Container.class, "default", "a").orElseThrow().spec().worker());
        assertEquals(2, store.resourceVersion());
    }

    @Test
    void writesOfAMissingResource_areNotFound() {
        Container ghost = container("ghost").withMetadata(ObjectMeta.of("ghost").withResourceVersion(1));

        assertThrows(NotFoundException.class, () -> store.update(ghost));
        assertThrows(NotFoundException.class, () -> store.updateStatus(ghost));
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> store.delete(Container.class, "default", "ghost"));
        assertEquals(ResourceKey.of("ghost"), e.key());
        assertEquals(0, store.resourceVersion());
    }

    @Test
    void unchangedUpdate_andEqualStatus_areNoOps() {
        Container created = store.create(container("a"));

        assertSame(created, store.update(created));
        assertSame(created, store.updateStatus(created));
        assertEquals(1, store.resourceVersion());
    }

    @Test
    void delete_removes_andReturnsTheResourceAtTheDeletionRevision() {
        Container created = store.create(container("a"));

        Container deleted = store.delete(Container.class, "default", "a");

        assertEquals(2, deleted.metadata().resourceVersion());
        assertEquals(created.metadata().uid(), deleted.metadata().uid());
        assertTrue(store.get(Container.class, "default", "a").isEmpty());
        Container again = store.create(container("a"));
        assertNotEquals(created.metadata().uid(), again.metadata().uid());
    }

    @Test
    void list_isSortedByNamespaceThenName_withTheRevisionItWasReadAt() {
        store.create(container("b", "z", Map.of()));
        store.create(container("a", "y", Map.of()));
        store.create(container("b", "a", Map.of()));
        store.create(container("a", "x", Map.of()));

        var all = store.list(Container.class, null);
        var inB = store.list(Container.class, "b");

        assertEquals(List.of("a/x", "a/y", "b/a", "b/z"),
                all.items().stream().map(c -> c.key().toString()).toList());
        assertEquals(4, all.resourceVersion());
        assertEquals(List.of("a", "z"), inB.items().stream().map(c -> c.metadata().name()).toList());
        assertEquals(0, store.list(Service.class, null).size());
    }

    @Test
    void list_byLabelSelector_followsLabelChanges() {
        store.create(container("default", "a", Map.of("app", "calc", "tier", "back")));
        Container b = store.create(container("default", "b", Map.of("app", "calc")));
        store.create(container("other", "c", Map.of("app", "calc", "tier", "back")));
        store.create(container("default", "d", Map.of("app", "web")));

        assertEquals(List.of("a", "b"), names(store.list(Container.class, "default", labels("app", "calc"))));
        assertEquals(List.of("a", "c"), names(store.list(Container.class, null,
                Selector.labels(Map.of("app", "calc", "tier", "back")))));
        assertEquals(List.of(), names(store.list(Container.class, null, Selector.labels(Map.of("app", "none")))));

        store.update(b.withMetadata(b.metadata().withLabels(Map.of("app", "web"))));
        store.delete(Container.class, "default", "a");

        assertEquals(List.of("c"), names(store.list(Container.class, null, Selector.labels(Map.of("app", "calc")))));
        assertEquals(List.of("b", "d"), names(store.list(Container.class, "default", labels("app", "web"))));
    }

    @Test
    void list_byGlobSelector_withAndWithoutNamespace() {
        for (String name : List.of("calc-0", "calc-1", "calc-10", "calculator", "web-0")) {
            store.create(container(name));
        }
        store.create(container("other", "calc-0", Map.of()));

        assertEquals(List.of("calc-0", "calc-1", "calc-10"),
                names(store.list(Container.class, "default", Selector.glob("calc-*"))));
        assertEquals(List.of("calc-0", "calc-1"),
                names(store.list(Container.class, "default", Selector.glob("calc-?"))));
        assertEquals(List.of("default/calc-0", "default/calc-1", "default/calc-10", "other/calc-0"),
                store.list(Container.class, null, Selector.glob("calc-*")).items().stream()
                        .map(c -> c.key().toString()).toList());
        assertEquals(List.of("calc-0", "web-0"), names(store.list(Container.class, "default", Selector.glob("*-0"))));
    }

    @Test
    void list_atScale_usesTheLabelIndexAndNamespace() {
        for (int i = 0; i < 10_000; i++) {
            store.create(container("ns" + (i % 10), "c-" + i, Map.of("app", "app" + (i % 100))));
        }

        var list = store.list(Container.class, "ns3", Selector.labels(Map.of("app", "app13")));

        assertEquals(100, list.size());
        assertTrue(list.items().stream().allMatch(c -> c.metadata().labels().get("app").equals("app13")
                && c.metadata().namespace().equals("ns3")));
        assertEquals(10_000, list.resourceVersion());
    }

    @Test
    void closedStore_rejectsWrites() {
        store.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.create(container("a")));
        assertTrue(e.getMessage().contains("closed"));
        assertThrows(IllegalStateException.class, () -> store.watch(null, null, 0));
    }

    @Test
    void badConstructorArguments_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryResourceStore(Clock.systemUTC(), 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new InMemoryResourceStore(Clock.systemUTC(), 10, 0));
    }

    private static Selector labels(String key, String value) {
        return Selector.labels(Map.of(key, value));
    }

    private static List<String> names(io.k4s.api.resource.ResourceList<Container> list) {
        return list.items().stream().map(c -> c.metadata().name()).toList();
    }
}
