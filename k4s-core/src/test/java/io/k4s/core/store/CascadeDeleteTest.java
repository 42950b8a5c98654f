package io.k4s.core.store;

import static io.k4s.core.store.Fixtures.container;
import static io.k4s.core.store.Fixtures.ownedContainer;
import static io.k4s.core.store.Fixtures.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.api.resource.Selector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CascadeDeleteTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final InMemoryResourceStore store = new InMemoryResourceStore();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void deletingAReplicaSet_deletesTheContainersItOwns_only() {
        ReplicaSet rs = store.create(replicaSet("calc", 3));
        ReplicaSet other = store.create(replicaSet("web", 1));
        for (int i = 0; i < 3; i++) {
            store.create(ownedContainer("calc-" + i, rs));
        }
        store.create(ownedContainer("web-0", other));
        store.create(container("standalone"));

        store.delete(ReplicaSet.class, "default", "calc");

        Await.until(WAIT, () -> store.list(Container.class, null).size() == 2, "calc-0..2 are collected");
        assertEquals(List.of("standalone", "web-0"),
                store.list(Container.class, null).items().stream().map(c -> c.metadata().name()).toList());
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
        Await.until(WAIT, () -> store.get(Container.class, "default", "calc-0").isEmpty(), "calc-0 is collected");

        ReplicaSet second = store.create(replicaSet("calc", 1));
        Container adopted = store.create(ownedContainer("calc-0", second));
        Container stranger = store.create(container("stranger").withMetadata(
                ObjectMeta.of("stranger").withOwnerReferences(List.of(OwnerReference.controlledBy(second)))));

        assertTrue(store.get(Container.class, "default", "calc-0").isPresent());
        assertEquals(second.metadata().uid(), adopted.metadata().ownerReferences().getFirst().uid());
        assertEquals(second.metadata().uid(), stranger.metadata().ownerReferences().getFirst().uid());
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
        Await.until(WAIT, () -> store.get(Container.class, "default", "shared").isEmpty(), "shared is collected");
    }

    @Test
    void aDependentCreatedAfterItsOwnerWasDeleted_isCollected() {
        ReplicaSet rs = store.create(replicaSet("calc", 1));
        store.delete(ReplicaSet.class, "default", "calc");

        store.create(ownedContainer("calc-0", rs));

        Await.until(WAIT, () -> store.get(Container.class, "default", "calc-0").isEmpty(), "the orphan is collected");
    }

    @Test
    void theCascadeRunsOnTheNamedThread() {
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("k4s-store-gc") && t.isDaemon()));
    }
}
