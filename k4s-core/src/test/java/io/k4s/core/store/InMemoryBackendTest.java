package io.k4s.core.store;

import static io.k4s.core.store.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Resource;
import io.k4s.core.store.StorageBackend.Event;
import io.k4s.core.store.StorageBackend.Key;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link StorageBackendContract} over the in-memory backend, and what is particular to it. */
class InMemoryBackendTest extends StorageBackendContract {

    @Override
    protected StorageBackend newBackend() {
        return new InMemoryBackend();
    }

    @Test
    void emptyBackend_isAtRevisionOne_asEtcd() {
        try (InMemoryBackend backend = new InMemoryBackend()) {
            assertEquals(1, backend.currentRevision());
        }
    }

    @Test
    void watch_fromBeforeTheKeptChanges_expires_andListenersRunBeforeTheWriteReturns() {
        try (InMemoryBackend backend = new InMemoryBackend(3)) {
            long start = backend.currentRevision();
            List<Event> seen = new ArrayList<>();
            List<String> expired = new ArrayList<>();
            StorageBackend.Listener listener = new StorageBackend.Listener() {
                @Override
                public void changed(Event event) {
                    seen.add(event);
                }

                @Override
                public void expired(String reason) {
                    expired.add(reason);
                }
            };
            backend.watch(start, listener);
            for (int i = 0; i < 5; i++) {
                Resource value = container("c" + i);
                Resource written = backend.create(new Key("Container", "default", "c" + i),
                        rev -> value.withMetadata(value.metadata().withResourceVersion(rev)));
                assertEquals(written, seen.getLast().value(), "delivered before create returned");
            }

            backend.watch(start, listener);

            assertEquals(1, expired.size());
            assertTrue(expired.getFirst().contains("older than the oldest the backend keeps"), expired.getFirst());
        }
    }

    @Test
    void historySize_mustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryBackend(0));
    }
}
