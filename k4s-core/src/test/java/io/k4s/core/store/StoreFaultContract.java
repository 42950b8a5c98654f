package io.k4s.core.store;

import static io.k4s.core.store.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.StorageException;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API layer over a failing backend ({@link FaultyBackend}): failed writes are reported as
 * {@link StorageException}, and the watch cache never disagrees with the storage, whether a write
 * failed before it reached the storage or after. A backend's test subclasses this.
 */
public abstract class StoreFaultContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A fresh, empty backend; the store over it closes it. */
    protected abstract StorageBackend newBackend();

    private FaultyBackend backend;
    private ResourceStore store;

    @BeforeEach
    void open() {
        backend = new FaultyBackend(newBackend());
        store = new ResourceStore(backend, Clock.systemUTC(), 10_000, 10_000);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void writesThatFailBeforeTheStorage_areReported_andChangeNothing() throws InterruptedException {
        Container a = store.create(container("a"));
        Watch watch = store.watch(null, null, store.resourceVersion());
        long before = store.resourceVersion();
        backend.failNextWrites(4);

        assertThrows(StorageException.class, () -> store.create(container("b")));
        assertThrows(StorageException.class, () -> store.update(a.withSpec(ContainerSpec.of("other"))));
        assertThrows(StorageException.class, () -> store.updateStatus(a.withStatus(Fixtures.RUNNING)));
        assertThrows(StorageException.class, () -> store.delete(Container.class, "default", "a"));

        assertEquals(before, store.resourceVersion());
        assertEquals(a, store.get(Container.class, "default", "a").orElseThrow());
        assertTrue(store.get(Container.class, "default", "b").isEmpty());
        assertNull(watch.next(Duration.ofMillis(20)), "no event for a write that did not happen");
        Container b = store.create(container("b"));
        assertEquals(new WatchEvent.Added(b.metadata().resourceVersion(), b), watch.next(WAIT), "writes work again");
        assertCacheAgreesWithStorage();
    }

    @Test
    void aWriteAppliedButReportedFailed_isSeenByReadsAndWatches_asTheStorageHasIt() throws InterruptedException {
        Watch watch = store.watch(null, null, store.resourceVersion());
        backend.failNextWritesAfterApplying(1);

        StorageException e = assertThrows(StorageException.class, () -> store.create(container("a")));

        assertTrue(e.getMessage().contains("applied"), e.getMessage());
        Container stored = store.get(Container.class, "default", "a").orElseThrow();
        assertEquals(new WatchEvent.Added(stored.metadata().resourceVersion(), stored), watch.next(WAIT));
        assertCacheAgreesWithStorage();
    }

    @Test
    void randomWritesWithRandomFailures_leaveTheCacheEqualToTheStorage() {
        Random random = new Random(Long.getLong("k4s.store.seed", 77L));
        for (int i = 0; i < 2_000; i++) {
            int dice = random.nextInt(10);
            if (dice == 0) {
                backend.failNextWrites(1);
            } else if (dice == 1) {
                backend.failNextWritesAfterApplying(1);
            }
            String name = "c" + random.nextInt(20);
            try {
                Container c = store.get(Container.class, "default", name).orElse(null);
                if (c == null) {
                    store.create(container("default", name, Map.of("i", String.valueOf(i))));
                } else if (random.nextBoolean()) {
                    store.update(c.withMetadata(c.metadata().withLabels(Map.of("i", String.valueOf(i)))));
                } else {
                    store.delete(Container.class, "default", name);
                }
            } catch (StorageException | ConflictException | NotFoundException expected) {
                // injected, or the outcome of an injected failure: the state is whatever the storage has
            }
            backend.failNextWrites(0);
            backend.failNextWritesAfterApplying(0);
        }

        assertCacheAgreesWithStorage();
    }

    @Test
    void anExpiredStorageWatch_relistsTheCache_andExpiresTheClientsWatches() throws InterruptedException {
        store.create(container("a"));
        Watch watch = store.watch(null, null, store.resourceVersion());

        backend.expireWatches();

        WatchEvent.Expired expired = assertInstanceOf(WatchEvent.Expired.class, watch.next(WAIT));
        assertTrue(expired.reason().contains("listed its storage again"), expired.reason());
        Container b = store.create(container("b"));
        assertEquals(b, store.get(Container.class, "default", "b").orElseThrow());
        Watch again = store.watch(Container.class, null, store.list(Container.class, null).resourceVersion());
        Container c = store.create(container("c"));
        assertEquals(new WatchEvent.Added(c.metadata().resourceVersion(), c), again.next(WAIT));
        assertCacheAgreesWithStorage();
    }

    /** What the store serves is exactly what the storage holds. */
    private void assertCacheAgreesWithStorage() {
        Map<String, Resource> inStorage = new HashMap<>();
        backend.list("Container", null).items().forEach(r -> inStorage.put(r.key().toString(), r));
        Map<String, Resource> served = new HashMap<>();
        store.list(Container.class, null).items().forEach(r -> served.put(r.key().toString(), r));
        assertEquals(inStorage, served);
    }
}
