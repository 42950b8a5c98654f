package io.k4s.core.store;

import static io.k4s.core.store.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watches of the store's API layer over a backend: order, replay from a revision, kind,
 * namespace and selector filters, buffers and expiry, and the watcher index. A backend's test
 * subclasses this.
 */
public abstract class StoreWatchContract {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A fresh, empty backend; the store over it closes it. */
    protected abstract StorageBackend newBackend();

    private ResourceStore store;

    @BeforeEach
    void open() {
        store = new ResourceStore(newBackend(), Clock.systemUTC(), 5, 20);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static long rv(Resource r) {
        return r.metadata().resourceVersion();
    }

    @Test
    void watch_deliversAddedModifiedDeleted_inOrder() throws InterruptedException {
        Watch watch = store.watch(Container.class, null, store.resourceVersion());
        Container a = store.create(container("a"));
        Container b = store.update(a.withSpec(ContainerSpec.of("other")));
        Container gone = store.delete(Container.class, "default", "a");

        assertEquals(new WatchEvent.Added(rv(a), a), watch.next(WAIT));
        assertEquals(new WatchEvent.Modified(rv(b), b), watch.next(WAIT));
        assertEquals(new WatchEvent.Deleted(rv(gone), gone), watch.next(WAIT));
        assertNull(watch.next(Duration.ofMillis(1)), "nothing more");
    }

    @Test
    void watch_fromAPastRevision_replaysTheHistoryAfterIt() throws InterruptedException {
        Container a = store.create(container("a"));
        Container b = store.create(container("b"));
        Container c = store.create(container("c"));

        Watch watch = store.watch(null, null, rv(a));

        assertEquals(rv(b), watch.next(WAIT).resourceVersion());
        assertEquals(rv(c), watch.next(WAIT).resourceVersion());
    }

    @Test
    void watch_fromZero_startsFromNow_asKubernetes() throws InterruptedException {
        store.create(container("before"));

        Watch watch = store.watch(Container.class, null, 0);
        Container after = store.create(container("after"));

        assertEquals(new WatchEvent.Added(rv(after), after), watch.next(WAIT), "the earlier create is not replayed");
    }

    @Test
    void watch_filtersByKindAndNamespace() throws InterruptedException {
        long start = store.resourceVersion();
        Watch containersInOther = store.watch(Container.class, "other", start);
        Watch everything = store.watch(null, null, start);
        Container a = store.create(container("a"));
        Service s = store.create(new Service(ObjectMeta.of("other", "s"), new ServiceSpec(Selector.glob("*"), null), null));
        Container b = store.create(container("other", "b", Map.of()));

        assertEquals(rv(b), containersInOther.next(WAIT).resourceVersion());
        assertNull(containersInOther.next(Duration.ofMillis(1)));
        for (Resource r : List.of(a, s, b)) {
            assertEquals(rv(r), everything.next(WAIT).resourceVersion());
        }
    }

    @Test
    void watch_withASelector_seesResourcesEnterAndLeaveTheSelection() throws InterruptedException {
        Watch calc = store.watch(Container.class, "default", Selector.parse("app=calc"), store.resourceVersion());
        Container a = store.create(container("default", "a", Map.of("app", "calc")));
        store.create(container("default", "other", Map.of("app", "web")));
        Container moved = store.update(a.withMetadata(a.metadata().withLabels(Map.of("app", "web"))));
        Container back = store.update(moved.withMetadata(moved.metadata().withLabels(Map.of("app", "calc"))));
        Container gone = store.delete(Container.class, "default", "a");

        assertEquals(new WatchEvent.Added(rv(a), a), calc.next(WAIT));
        WatchEvent.Deleted left = assertInstanceOf(WatchEvent.Deleted.class, calc.next(WAIT),
                "a change that makes it stop matching is a delete, as Kubernetes");
        assertEquals(rv(moved), left.resourceVersion());
        assertEquals(Map.of("app", "calc"), left.resource().metadata().labels(), "it carries the state that matched");
        assertEquals(rv(moved), rv(left.resource()));
        assertEquals(new WatchEvent.Added(rv(back), back), calc.next(WAIT), "matching again is an add");
        assertEquals(new WatchEvent.Deleted(rv(gone), gone), calc.next(WAIT));
        assertNull(calc.next(Duration.ofMillis(1)), "the non-matching container was never delivered");
    }

    @Test
    void watch_withASelector_fromAPastRevision_replaysOnlyWhatMatches() throws InterruptedException {
        long start = store.resourceVersion();
        store.create(container("default", "web", Map.of("app", "web")));
        Container calc = store.create(container("default", "calc", Map.of("app", "calc")));

        Watch watch = store.watch(Container.class, null, Selector.parse("app in (calc)"), start);

        assertEquals(new WatchEvent.Added(rv(calc), calc), watch.next(WAIT));
        assertNull(watch.next(Duration.ofMillis(1)));
    }

    @Test
    void next_returnsNullOnTimeout_andAfterClose() throws InterruptedException {
        Watch watch = store.watch(null, null, 0);
        assertNull(watch.next(Duration.ofMillis(5)));

        store.create(container("a"));
        watch.close();

        assertTrue(watch.closed());
        assertNull(watch.next(Duration.ofMillis(5)));
        assertEquals(0, store.openWatches(), "a closed watch is forgotten at once");
    }

    @Test
    void close_wakesAReaderWaitingInNext() {
        Watch watch = store.watch(null, null, 0);
        CompletableFuture<WatchEvent> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return watch.next(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        store.close();

        assertNull(reader.orTimeout(5, TimeUnit.SECONDS).join());
        assertTrue(watch.closed());
    }

    @Test
    void slowWatcher_expires_whileWritersContinue() throws InterruptedException {
        long start = store.resourceVersion();
        Watch slow = store.watch(Container.class, null, start);
        Watch prompt = store.watch(Container.class, null, start);
        for (int i = 0; i < 12; i++) {
            Container c = store.create(container("c" + i));
            assertEquals(rv(c), prompt.next(WAIT).resourceVersion());
        }

        WatchEvent first = slow.next(WAIT);

        WatchEvent.Expired expired = assertInstanceOf(WatchEvent.Expired.class, first);
        assertEquals(start, expired.resourceVersion(), "the slow watcher took nothing");
        assertTrue(expired.reason().contains("fell more than 5 events behind"), expired.reason());
        assertTrue(slow.closed());
        assertNull(slow.next(Duration.ofMillis(1)), "Expired is the last event");
        assertFalse(prompt.closed());
        assertEquals(1, store.expiredWatches(Container.class));
    }

    @Test
    void watch_fromARevisionOlderThanTheHistory_expiresAtOnce() throws InterruptedException {
        List<Container> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            created.add(store.create(container("c" + i)));
        }
        long oldest = rv(created.get(4));

        WatchEvent event = store.watch(null, null, rv(created.get(3))).next(WAIT);
        Watch fromOldest = store.watch(null, null, oldest);

        WatchEvent.Expired expired = assertInstanceOf(WatchEvent.Expired.class, event);
        assertTrue(expired.reason().contains("older than the oldest the store remembers (" + oldest + ")"),
                expired.reason());
        assertInstanceOf(WatchEvent.Expired.class, fromOldest.next(WAIT), "20 remembered events do not fit a buffer of 5");
        assertEquals(2, store.expiredWatches(null));
    }

    @Test
    void watch_fromTheLatestRemembered_replaysWithinTheBuffer() throws InterruptedException {
        List<Container> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            created.add(store.create(container("c" + i)));
        }

        Watch watch = store.watch(null, null, rv(created.get(20)));

        for (int i = 21; i < 25; i++) {
            assertEquals(rv(created.get(i)), watch.next(WAIT).resourceVersion());
        }
    }

    @Test
    void watch_fromAFutureRevision_isRejected() {
        store.create(container("a"));
        long now = store.resourceVersion();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.watch(null, null, now + 1));
        assertTrue(e.getMessage().contains("the store is at " + now), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.watch(null, null, -1));
    }

    @Test
    void noOpWrites_emitNoEvents() throws InterruptedException {
        Container a = store.create(container("a"));
        Watch watch = store.watch(null, null, store.resourceVersion());

        store.update(a);
        store.updateStatus(a);

        assertNull(watch.next(Duration.ofMillis(5)));
    }

    @Test
    void aWrite_isOfferedOnlyToTheWatchesOfItsKindAndNamespace() {
        List<Watch> idle = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            idle.add(store.watch(Service.class, null, 0));
            idle.add(store.watch(Container.class, "ns" + i, 0));
        }
        Watch mine = store.watch(Container.class, "default", 0);
        Watch all = store.watch(null, null, 0);
        long before = store.watchOffers();

        for (int i = 0; i < 4; i++) {
            store.create(container("c" + i));
        }

        assertEquals(8, store.watchOffers() - before, "4 writes offered to 2 watches, not to 2,000 idle ones");
        idle.forEach(Watch::close);
        mine.close();
        all.close();
        assertEquals(0, store.openWatches());
    }
}
