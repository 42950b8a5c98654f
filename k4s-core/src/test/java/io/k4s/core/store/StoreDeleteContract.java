package io.k4s.core.store;

import static io.k4s.core.store.Fixtures.container;
import static io.k4s.core.store.Fixtures.ownedContainer;
import static io.k4s.core.store.Fixtures.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.DeleteOptions;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.PreconditionFailedException;
import io.k4s.api.resource.PropagationPolicy;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deletes as Kubernetes does them, over a backend: finalizers, the three propagation policies,
 * preconditions, dry runs and the garbage collection of dependents. A backend's test subclasses
 * this.
 */
public abstract class StoreDeleteContract {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String FINALIZER = "example.com/cleanup";

    /** A fresh, empty backend; the store over it closes it. */
    protected abstract StorageBackend newBackend();

    private ResourceStore store;

    @BeforeEach
    void open() {
        store = new ResourceStore(newBackend(), Clock.systemUTC(), 10_000, 10_000);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Container withFinalizer(String name, String... finalizers) {
        return store.create(container(name).withMetadata(ObjectMeta.of(name).withFinalizers(List.of(finalizers))));
    }

    private boolean gone(Class<? extends Resource> type, String name) {
        return store.get(type, "default", name).isEmpty();
    }

    @Test
    void deletingAResourceWithFinalizers_marksIt_andTheLastRemovalDeletesIt() throws InterruptedException {
        Container held = withFinalizer("a", FINALIZER, "example.com/second");
        Watch watch = store.watch(Container.class, null, store.resourceVersion());

        Container marked = store.delete(Container.class, "default", "a",
                DeleteOptions.BACKGROUND.withGracePeriodSeconds(7));

        assertNotNull(marked.metadata().deletionTimestamp());
        assertEquals(7L, marked.metadata().deletionGracePeriodSeconds());
        assertEquals(marked, store.get(Container.class, "default", "a").orElseThrow(), "it stays until its finalizers go");
        assertEquals(new WatchEvent.Modified(marked.metadata().resourceVersion(), marked), watch.next(WAIT));
        assertEquals(marked, store.delete(Container.class, "default", "a"), "deleting it again changes nothing");
        assertThrows(AlreadyExistsException.class, () -> store.create(container("a")), "its name is not free yet");

        Container one = store.update(marked.withMetadata(marked.metadata().withFinalizers(List.of("example.com/second"))));
        assertEquals(List.of("example.com/second"), one.metadata().finalizers());
        assertEquals(marked.metadata().deletionTimestamp(), one.metadata().deletionTimestamp());
        assertInstanceOf(WatchEvent.Modified.class, watch.next(WAIT));

        store.update(one.withMetadata(one.metadata().withFinalizers(List.of())));

        assertTrue(gone(Container.class, "a"));
        WatchEvent.Deleted deleted = assertInstanceOf(WatchEvent.Deleted.class, watch.next(WAIT));
        assertEquals(held.metadata().uid(), deleted.resource().metadata().uid());
        store.create(container("a"));
    }

    @Test
    void aResourceBeingDeleted_acceptsNoNewFinalizer() {
        Container marked = store.delete(Container.class, "default", "a", DeleteOptions.BACKGROUND.withUid(
                withFinalizer("a", FINALIZER).metadata().uid()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.update(marked.withMetadata(
                marked.metadata().withFinalizers(List.of(FINALIZER, "example.com/late")))));
        assertTrue(e.getMessage().contains("example.com/late"), e.getMessage());
    }

    @Test
    void preconditions_onUidAndResourceVersion_areChecked() {
        Container a = store.create(container("a"));
        long before = store.resourceVersion();

        PreconditionFailedException uid = assertThrows(PreconditionFailedException.class, () -> store.delete(
                Container.class, "default", "a", DeleteOptions.BACKGROUND.withUid("another-uid")));
        PreconditionFailedException rv = assertThrows(PreconditionFailedException.class, () -> store.delete(
                Container.class, "default", "a", DeleteOptions.BACKGROUND.withResourceVersion(
                        a.metadata().resourceVersion() + 1000)));

        assertTrue(uid.getMessage().contains("uid another-uid"), uid.getMessage());
        assertTrue(rv.getMessage().contains("resourceVersion"), rv.getMessage());
        assertEquals(before, store.resourceVersion(), "a failed precondition writes nothing");
        store.delete(Container.class, "default", "a", DeleteOptions.BACKGROUND.withUid(a.metadata().uid())
                .withResourceVersion(a.metadata().resourceVersion()));
        assertTrue(gone(Container.class, "a"));
    }

    @Test
    void dryRun_reportsWhatWouldHappen_andWritesNothing() {
        withFinalizer("held", FINALIZER);
        store.create(container("free"));
        long before = store.resourceVersion();

        Container held = store.delete(Container.class, "default", "held", DeleteOptions.BACKGROUND.asDryRun());
        store.delete(Container.class, "default", "free", DeleteOptions.BACKGROUND.asDryRun());

        assertNotNull(held.metadata().deletionTimestamp());
        assertEquals(before, store.resourceVersion());
        assertTrue(store.get(Container.class, "default", "free").isPresent());
        assertEquals(null, store.get(Container.class, "default", "held").orElseThrow().metadata().deletionTimestamp());
    }

    @Test
    void background_deletesTheOwnerAtOnce_andItsDependentsAfterIt_only() {
        ReplicaSet rs = store.create(replicaSet("calc", 3));
        ReplicaSet other = store.create(replicaSet("web", 1));
        for (int i = 0; i < 3; i++) {
            store.create(ownedContainer("calc-" + i, rs));
        }
        store.create(ownedContainer("web-0", other));
        store.create(container("standalone"));

        store.delete(ReplicaSet.class, "default", "calc");

        assertTrue(gone(ReplicaSet.class, "calc"));
        Await.until(WAIT, () -> store.list(Container.class, null).size() == 2, "calc-0..2 are collected");
        assertEquals(List.of("standalone", "web-0"), StoreContract.names(store.list(Container.class, null)));
    }

    @Test
    void background_dependentsWithFinalizers_areMarked_notRemoved() {
        ReplicaSet rs = store.create(replicaSet("calc", 1));
        store.create(ownedContainer("calc-0", rs).withMetadata(ObjectMeta.of("calc-0")
                .withOwnerReferences(List.of(OwnerReference.controlledBy(rs))).withFinalizers(List.of(FINALIZER))));

        store.delete(ReplicaSet.class, "default", "calc");

        Await.until(WAIT, () -> store.get(Container.class, "default", "calc-0").orElseThrow().metadata().deleting(),
                "the dependent is marked for deletion");
    }

    @Test
    void foreground_marksTheOwner_deletesDependents_andRemovesTheOwnerWhenTheBlockingOnesAreGone() {
        ReplicaSet rs = store.create(replicaSet("calc", 2));
        store.create(ownedContainer("calc-0", rs).withMetadata(ObjectMeta.of("calc-0")
                .withOwnerReferences(List.of(OwnerReference.controlledBy(rs))).withFinalizers(List.of(FINALIZER))));
        store.create(ownedContainer("calc-1", rs));

        ReplicaSet marked = store.delete(ReplicaSet.class, "default", "calc",
                DeleteOptions.propagation(PropagationPolicy.FOREGROUND));

        assertEquals(List.of(PropagationPolicy.FOREGROUND_FINALIZER), marked.metadata().finalizers());
        assertNotNull(marked.metadata().deletionTimestamp());
        Await.until(WAIT, () -> gone(Container.class, "calc-1")
                && store.get(Container.class, "default", "calc-0").orElseThrow().metadata().deleting(),
                "the dependents are deleted (calc-0 is held by its finalizer)");
        assertTrue(store.get(ReplicaSet.class, "default", "calc").isPresent(), "the owner waits for calc-0");

        Container c0 = store.get(Container.class, "default", "calc-0").orElseThrow();
        store.update(c0.withMetadata(c0.metadata().withFinalizers(List.of())));

        Await.until(WAIT, () -> gone(ReplicaSet.class, "calc"), "the owner goes after its blocking dependent");
        assertTrue(gone(Container.class, "calc-0"), "removing its last finalizer removed calc-0");
    }

    @Test
    void foreground_ofAResourceWithoutDependents_deletesItAtOnce() {
        store.create(container("leaf"));

        store.delete(Container.class, "default", "leaf", DeleteOptions.propagation(PropagationPolicy.FOREGROUND));

        assertTrue(gone(Container.class, "leaf"));
    }

    @Test
    void orphan_releasesTheDependents_thenRemovesTheOwner() {
        ReplicaSet rs = store.create(replicaSet("calc", 2));
        store.create(ownedContainer("calc-0", rs));
        store.create(ownedContainer("calc-1", rs));

        ReplicaSet marked = store.delete(ReplicaSet.class, "default", "calc",
                DeleteOptions.propagation(PropagationPolicy.ORPHAN));

        assertEquals(List.of(PropagationPolicy.ORPHAN_FINALIZER), marked.metadata().finalizers());
        Await.until(WAIT, () -> gone(ReplicaSet.class, "calc"), "the owner goes once its dependents are released");
        assertEquals(2, store.list(Container.class, null).size(), "the dependents stay");
        assertTrue(store.list(Container.class, null).items().stream()
                .allMatch(c -> c.metadata().ownerReferences().isEmpty()), "and lost their owner reference");
    }

    @Test
    void cascade_followsTwoLevels() {
        Service top = store.create(new Service(ObjectMeta.of("top"), new ServiceSpec(Selector.glob("*"), null), null));
        ReplicaSet middle = store.create(replicaSet("middle", 2)
                .withMetadata(ObjectMeta.of("middle").withOwnerReferences(List.of(OwnerReference.controlledBy(top)))));
        store.create(ownedContainer("middle-0", middle));
        store.create(ownedContainer("middle-1", middle));

        store.delete(Service.class, "default", "top");

        Await.until(WAIT, () -> store.list(ReplicaSet.class, null).size() == 0
                && store.list(Container.class, null).size() == 0, "both levels are collected");
    }

    @Test
    void ownerReference_matchesByUid_notByName() {
        ReplicaSet first = store.create(replicaSet("calc", 1));
        store.create(ownedContainer("calc-0", first));
        store.delete(ReplicaSet.class, "default", "calc");
        Await.until(WAIT, () -> gone(Container.class, "calc-0"), "calc-0 is collected");

        ReplicaSet second = store.create(replicaSet("calc", 1));
        Container adopted = store.create(ownedContainer("calc-0", second));

        assertTrue(store.get(Container.class, "default", "calc-0").isPresent());
        assertEquals(second.metadata().uid(), adopted.metadata().ownerReferences().getFirst().uid());
    }

    @Test
    void aDependentWithAnotherLiveOwner_survivesUntilTheLastOwnerGoes() {
        ReplicaSet a = store.create(replicaSet("a", 1));
        ReplicaSet b = store.create(replicaSet("b", 1));
        store.create(ownedContainer("shared", a, b));
        Container marker = store.create(ownedContainer("marker", a));

        store.delete(ReplicaSet.class, "default", "a");
        Await.until(WAIT, () -> store.get(Container.class, marker.key()).isEmpty(), "the marker is collected");
        assertTrue(store.get(Container.class, "default", "shared").isPresent(), "b still owns it");

        store.delete(ReplicaSet.class, "default", "b");
        Await.until(WAIT, () -> gone(Container.class, "shared"), "shared is collected");
    }

    @Test
    void aDependentCreatedAfterItsOwnerWasDeleted_isCollected() {
        ReplicaSet rs = store.create(replicaSet("calc", 1));
        store.delete(ReplicaSet.class, "default", "calc");

        store.create(ownedContainer("calc-0", rs));

        Await.until(WAIT, () -> gone(Container.class, "calc-0"), "the orphan is collected");
    }

    @Test
    void theCollectorRunsOnTheNamedThread() {
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(GarbageCollector.THREAD_NAME) && t.isDaemon()));
    }
}
