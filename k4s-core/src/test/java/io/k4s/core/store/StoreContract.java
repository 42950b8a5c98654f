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
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.api.resource.ServiceStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's API layer over a backend: system fields, generation, empty status, no-op
 * suppression, conflicts, generateName, lists and label selectors. Revisions are compared, never
 * assumed, so every backend passes. A backend's test subclasses this.
 */
public abstract class StoreContract {

    static final Instant NOW = Instant.parse("2026-01-02T03:04:05.123456789Z");
    private static final ContainerStatus RUNNING = new ContainerStatus(ContainerPhase.RUNNING, "", "", true, 0,
            NOW, new MessageCounters(3, 2, 1, 0), "", 1);

    /** A fresh, empty backend; the store over it closes it. */
    protected abstract StorageBackend newBackend();

    ResourceStore store;
    private long start;

    @BeforeEach
    void open() {
        store = new ResourceStore(newBackend(), Clock.fixed(NOW, ZoneOffset.UTC), 100, 1000);
        start = store.resourceVersion();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static long rv(Resource r) {
        return r.metadata().resourceVersion();
    }

    @Test
    void create_setsSystemFieldsAndTakesTheNextRevision() {
        Container a = store.create(container("a"));
        Container b = store.create(container("b"));

        assertTrue(rv(a) > start);
        assertTrue(rv(b) > rv(a));
        assertEquals(rv(b), store.resourceVersion());
        assertEquals(1, a.metadata().generation());
        assertEquals(NOW, a.metadata().creationTimestamp());
        assertNotNull(a.metadata().uid());
        assertNotEquals(a.metadata().uid(), b.metadata().uid());
        assertEquals(a, store.get(Container.class, "default", "a").orElseThrow());
    }

    @Test
    void create_ignoresTheGivenStatusSystemAndDeletionFields() {
        ObjectMeta forged = ObjectMeta.of("a").withSystemFields("mine", 77, 9, Instant.EPOCH).withDeletion(Instant.EPOCH, 3L);
        Container given = new Container(forged, ContainerSpec.of("echo"), RUNNING);
        ReplicaSet rs = Fixtures.replicaSet("rs", 2).withStatus(new ReplicaSetStatus(2, 2, 1, List.of()));
        Service svc = new Service(ObjectMeta.of("svc"), new ServiceSpec(Selector.glob("a*"), null),
                new ServiceStatus(List.of("a"), List.of(), 1));

        Container stored = store.create(given);

        assertEquals(ContainerStatus.PENDING, stored.status());
        assertNotEquals("mine", stored.metadata().uid());
        assertTrue(rv(stored) > start && rv(stored) != 77);
        assertEquals(1, stored.metadata().generation());
        assertEquals(NOW, stored.metadata().creationTimestamp());
        assertEquals(null, stored.metadata().deletionTimestamp());
        assertEquals(null, stored.metadata().deletionGracePeriodSeconds());
        assertEquals(ReplicaSetStatus.EMPTY, store.create(rs).status());
        assertEquals(ServiceStatus.EMPTY, store.create(svc).status());
    }

    @Test
    void create_ofAnExistingKey_isAlreadyExists_andWritesNothing() {
        store.create(container("a"));
        long before = store.resourceVersion();

        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> store.create(container("a")));

        assertEquals(ResourceKey.of("a"), e.key());
        assertEquals("Container", e.kind());
        assertEquals(before, store.resourceVersion());
    }

    @Test
    void create_withGenerateName_appendsFiveLowerCaseLettersOrDigits() {
        ObjectMeta meta = new ObjectMeta(null, "default", Map.of(), Map.of(), null, 0, 0, null, List.of(), "calc-",
                null, null, List.of());

        Container first = store.create(Container.of(meta, ContainerSpec.of("echo")));
        Container second = store.create(Container.of(meta, ContainerSpec.of("echo")));

        assertTrue(first.metadata().name().matches("calc-[a-z0-9]{5}"), first.metadata().name());
        assertNotEquals(first.metadata().name(), second.metadata().name());
        assertEquals("calc-", first.metadata().generateName());
        assertEquals(first, store.get(Container.class, first.key()).orElseThrow());
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
        assertTrue(rv(respecced) > rv(relabelled) && rv(relabelled) > rv(withStatus) && rv(withStatus) > rv(created));
        assertEquals(rv(respecced), store.resourceVersion());
    }

    @Test
    void update_keepsTheStoredDeletionFields_andFinalizersAreUserFields() {
        Container created = store.create(container("a"));
        Container forged = created.withMetadata(created.metadata().withDeletion(Instant.EPOCH, 1L)
                .withFinalizers(List.of("example.com/cleanup")));

        Container stored = store.update(forged);

        assertEquals(null, stored.metadata().deletionTimestamp(), "a user cannot mark a resource deleted by update");
        assertEquals(List.of("example.com/cleanup"), stored.metadata().finalizers());
        assertTrue(rv(stored) > rv(created));
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
        assertTrue(rv(stored) > rv(created));
    }

    @Test
    void staleResourceVersion_isConflict_withExpectedAndActual() {
        Container created = store.create(container("a"));
        Container other = store.update(created.withSpec(ContainerSpec.of("other")));

        ConflictException e = assertThrows(ConflictException.class,
                () -> store.update(created.withSpec(ContainerSpec.of("third"))));
        assertEquals(rv(created), e.expected());
        assertEquals(rv(other), e.actual());
        assertThrows(ConflictException.class, () -> store.updateStatus(created.withStatus(RUNNING)));
        assertThrows(ConflictException.class, () -> store.update(container("a")), "resourceVersion 0 is stale too");
        assertEquals("other", store.get(Container.class, "default", "a").orElseThrow().spec().worker());
        assertEquals(rv(other), store.resourceVersion());
    }

    @Test
    void writesOfAMissingResource_areNotFound() {
        Container ghost = container("ghost").withMetadata(ObjectMeta.of("ghost").withResourceVersion(1));

        assertThrows(NotFoundException.class, () -> store.update(ghost));
        assertThrows(NotFoundException.class, () -> store.updateStatus(ghost));
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> store.delete(Container.class, "default", "ghost"));
        assertEquals(ResourceKey.of("ghost"), e.key());
        assertEquals(start, store.resourceVersion());
    }

    @Test
    void unchangedUpdate_andEqualStatus_areNoOps() {
        Container created = store.create(container("a"));

        assertSame(created, store.update(created));
        assertSame(created, store.updateStatus(created));
        assertEquals(rv(created), store.resourceVersion());
    }

    @Test
    void delete_removes_andReturnsTheResourceAtTheDeletionRevision() {
        Container created = store.create(container("a"));

        Container deleted = store.delete(Container.class, "default", "a");

        assertTrue(rv(deleted) > rv(created));
        assertEquals(rv(deleted), store.resourceVersion());
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
        Container last = store.create(container("a", "x", Map.of()));

        ResourceList<Container> all = store.list(Container.class, null);
        ResourceList<Container> inB = store.list(Container.class, "b");

        assertEquals(List.of("a/x", "a/y", "b/a", "b/z"), all.items().stream().map(c -> c.key().toString()).toList());
        assertEquals(rv(last), all.resourceVersion());
        assertEquals(List.of("a", "z"), names(inB));
        assertEquals(0, store.list(Service.class, null).size());
    }

    @Test
    void list_byLabelSelector_followsLabelChanges() {
        store.create(container("default", "a", Map.of("app", "calc", "tier", "back")));
        Container b = store.create(container("default", "b", Map.of("app", "calc")));
        store.create(container("other", "c", Map.of("app", "calc", "tier", "back")));
        store.create(container("default", "d", Map.of("app", "web")));

        assertEquals(List.of("a", "b"), names(store.list(Container.class, "default", Selector.parse("app=calc"))));
        assertEquals(List.of("a", "c"), names(store.list(Container.class, null, Selector.parse("app=calc,tier=back"))));
        assertEquals(List.of(), names(store.list(Container.class, null, Selector.parse("app=none"))));

        store.update(b.withMetadata(b.metadata().withLabels(Map.of("app", "web"))));
        store.delete(Container.class, "default", "a");

        assertEquals(List.of("c"), names(store.list(Container.class, null, Selector.parse("app=calc"))));
        assertEquals(List.of("b", "d"), names(store.list(Container.class, "default", Selector.parse("app=web"))));
    }

    @Test
    void list_bySetBasedSelector_filtersOnTheStoresSide() {
        store.create(container("default", "a", Map.of("app", "calc", "tier", "back")));
        store.create(container("default", "b", Map.of("app", "calc", "canary", "true")));
        store.create(container("default", "c", Map.of("app", "web", "tier", "front")));
        store.create(container("other", "d", Map.of("app", "calc")));

        assertEquals(List.of("a", "b", "c"), names(store.list(Container.class, "default", Selector.parse("app in (calc,web)"))));
        assertEquals(List.of("a", "d"), names(store.list(Container.class, null, Selector.parse("app=calc,!canary"))));
        assertEquals(List.of("b", "c"), names(store.list(Container.class, "default", Selector.parse("tier!=back"))));
        assertEquals(List.of("c"), names(store.list(Container.class, null, Selector.parse("tier,app notin (calc)"))));
        assertEquals(List.of("a", "b", "c", "d"), names(store.list(Container.class, null, Selector.parse(""))));
    }

    @Test
    void list_byGlobSelector_withAndWithoutNamespace() {
        for (String name : List.of("calc-0", "calc-1", "calc-10", "calculator", "web-0")) {
            store.create(container(name));
        }
        store.create(container("other", "calc-0", Map.of()));

        assertEquals(List.of("calc-0", "calc-1", "calc-10"),
                names(store.list(Container.class, "default", Selector.glob("calc-*"))));
        assertEquals(List.of("calc-0", "calc-1"), names(store.list(Container.class, "default", Selector.glob("calc-?"))));
        assertEquals(List.of("default/calc-0", "default/calc-1", "default/calc-10", "other/calc-0"),
                store.list(Container.class, null, Selector.glob("calc-*")).items().stream()
                        .map(c -> c.key().toString()).toList());
        assertEquals(List.of("calc-0", "web-0"), names(store.list(Container.class, "default", Selector.glob("*-0"))));
    }

    @Test
    void list_atScale_usesTheLabelIndexAndNamespace() {
        Container last = null;
        for (int i = 0; i < 10_000; i++) {
            last = store.create(container("ns" + (i % 10), "c-" + i, Map.of("app", "app" + (i % 100))));
        }

        ResourceList<Container> list = store.list(Container.class, "ns3", Selector.labels(Map.of("app", "app13")));
        ResourceList<Container> either = store.list(Container.class, "ns3", Selector.parse("app in (app13,app23)"));

        assertEquals(100, list.size());
        assertTrue(list.items().stream().allMatch(c -> c.metadata().labels().get("app").equals("app13")
                && c.metadata().namespace().equals("ns3")));
        assertEquals(200, either.size());
        assertEquals(rv(last), list.resourceVersion());
    }

    @Test
    void closedStore_rejectsWrites() {
        store.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.create(container("a")));
        assertTrue(e.getMessage().contains("closed"));
        assertThrows(IllegalStateException.class, () -> store.watch(null, null, 0));
    }

    static List<String> names(ResourceList<Container> list) {
        return list.items().stream().map(c -> c.metadata().name()).toList();
    }
}
