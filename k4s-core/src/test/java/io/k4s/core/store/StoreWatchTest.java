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
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoreWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final InMemoryResourceStore store = new InMemoryResourceStore(Clock.systemUTC(), 5, 20);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void watch_deliversAddedModifiedDeleted_inOrder() throws InterruptedException {
        Watch watch = store.watch(Container.class, null, 0);
        Container a = store.create(container("a"));
        store.update(a.withSpec(ContainerSpec.of("other")));
        store.delete(Container.class, "default", "a");

        WatchEvent added = watch.next(WAIT);
        WatchEvent modified = watch.next(WAIT);
        WatchEvent deleted = watch.next(WAIT);

        assertEquals(new WatchEvent.Added(1, a), added);
        assertInstanceOf(WatchEvent.Modified.class, modified);
        assertEquals("other", ((Container) ((WatchEvent.Modified) modified).resource()).spec().worker());
        assertInstanceOf(WatchEvent.Deleted.class, deleted);
        assertEquals(3, deleted.resourceVersion());
        assertNull(watch.next(Duration.ofMillis(1)), "nothing more");
    }

    @Test
    void watch_fromAPastRevision_replaysTheHistoryAfterIt() throws InterruptedException {
        store.create(container("a"));
        store.create(container("b"));
        store.create(container("c"));

        Watch watch = store.watch(null, null, 1);

        assertEquals(2, watch.next(WAIT).resourceVersion());
        assertEquals(3, watch.next(WAIT).resourceVersion());
    }

    @Test
    void watch_filtersByKindAndNamespace() throws InterruptedException {
        Watch containersInOther = store.watch(Container.class, "other", 0);
        Watch everything = store.watch(null, null, 0);
        store.create(container("a"));
        store.create(new Service(ObjectMeta.of("other", "s"), new ServiceSpec(Selector.glob("*"), null), null));
        store.create(container("other", "b", Map.of()));

        assertEquals(3, containersInOther.next(WAIT).resourceVersion());
        assertNull(containersInOther.next(Duration.ofMillis(1)));
        for (int rv = 1; rv <= 3; rv++) {
            assertEquals(rv, everything.next(WAIT).resourceVersion());
        }
    }

    @Test
    void next_returnsNullOnTimeout_andAfterClose() throws InterruptedException {
        Watch watch = store.watch(null, null, 0);
        assertNull(watch.next(Duration.ofMillis(5)));

        store.create(container("a"));
        watch.close();

        assertTrue(watch.closed());
        assertNull(watch.next(Duration.ofMillis(5)));
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

        assertNull(reader.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join());
        assertTrue(watch.closed());
    }

    @Test
    void slowWatcher_expires_whileWritersContinue() throws InterruptedException {
        Watch slow = store.watch(Container.class, null, 0);
        Watch prompt = store.watch(Container.class, null, 0);
        for (int i = 0; i < 12; i++) {
            store.create(container("c" + i));
            assertEquals(i + 1, prompt.next(WAIT).resourceVersion());
        }

        WatchEvent first = slow.next(WAIT);

        WatchEvent.Expired expired = assertInstanceOf(WatchEvent.Expired.class, first);
        assertEquals(0, expired.resourceVersion(), "the slow watcher took nothing");
        assertTrue(expired.reason().contains("fell more than 5 events behind"), expired.reason());
        assertTrue(slow.closed());
        assertNull(slow.next(Duration.ofMillis(1)), "Expired is the last event");
        assertEquals(12, store.resourceVersion());
        assertFalse(prompt.closed());
    }

    @Test
    void watch_fromARevisionOlderThanTheHistory_expiresAtOnce() throws InterruptedException {
        for (int i = 0; i < 25; i++) {
            store.create(container("c" + i));
        }

        WatchEvent event = store.watch(null, null, 4).next(WAIT);
        Watch fromOldest = store.watch(null, null, 5);

        WatchEvent.Expired expired = assertInstanceOf(WatchEvent.Expired.class, event);
        assertTrue(expired.reason().contains("older than the oldest the store remembers (5)"), expired.reason());
        assertInstanceOf(WatchEvent.Expired.class, fromOldest.next(WAIT),
                "20 remembered events do not fit a buffer of 5");
    }

    @Test
    void watch_fromTheLatestRemembered_replaysWithinTheBuffer() throws InterruptedException {
        for (int i = 0; i < 25; i++) {
            store.create(container("c" + i));
        }

        Watch watch = store.watch(null, null, 21);

        for (int rv = 22; rv <= 25; rv++) {
            assertEquals(rv, watch.next(WAIT).resourceVersion());
        }
    }

    @Test
    void watch_fromAFutureRevision_isRejected() {
        store.create(container("a"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.watch(null, null, 2));
        assertTrue(e.getMessage().contains("the store is at 1"), e.getMessage());
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
}
