package io.k4s.core.store;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The {@link StoreContract} over the in-memory backend, and what is particular to it. */
class InMemoryStoreTest extends StoreContract {

    @Override
    protected StorageBackend newBackend() {
        return new InMemoryBackend();
    }

    @Test
    void badConstructorArguments_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryResourceStore(Clock.systemUTC(), 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new InMemoryResourceStore(Clock.systemUTC(), 10, 0));
    }
}
