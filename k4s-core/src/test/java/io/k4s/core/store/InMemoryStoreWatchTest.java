package io.k4s.core.store;

import static io.k4s.core.store.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.Watch;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link StoreWatchContract} over the in-memory backend, and what is particular to it. */
class InMemoryStoreWatchTest extends StoreWatchContract {

    @Override
    protected StorageBackend newBackend() {
        return new InMemoryBackend();
    }

    /**
     * Regression (isolation issue, item 8): every write checked every open watch under the
     * store's lock, so 100,000 watches nobody read slowed writes from 38,960/s to 493/s. The
     * watches are indexed by kind and namespace now: a Container write is offered to the one
     * Container watch, not to the 100,000 Service watches. (StoreThroughput measures the time.)
     */
    @Test
    void hundredThousandIdleWatchesOfAnotherKind_areNeverOfferedAWrite() throws InterruptedException {
        try (InMemoryResourceStore store = new InMemoryResourceStore(Clock.systemUTC(), 16, 1_000)) {
            List<Watch> idle = new ArrayList<>(100_000);
            for (int i = 0; i < 100_000; i++) {
                idle.add(store.watch(Service.class, null, 0));
            }
            Watch containers = store.watch(Container.class, null, 0);
            long before = store.watchOffers();

            for (int i = 0; i < 1_000; i++) {
                store.create(container("c" + i));
                assertNotNull(containers.next(Duration.ofSeconds(5)));
            }

            assertEquals(1_000, store.watchOffers() - before, "each write was offered to exactly one watch");
            assertEquals(100_001, store.openWatches());
        }
    }
}
