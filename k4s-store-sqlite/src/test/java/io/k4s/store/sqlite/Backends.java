package io.k4s.store.sqlite;

import io.k4s.core.kind.KindRegistry;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh sqlite backends, each in a folder of its own under a test's temporary folder. */
final class Backends {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Backends() {}

    /** A new, empty backend in a new folder under {@code root}. */
    static SqliteBackend fresh(Path root) {
        return SqliteBackend.open(root.resolve("data-" + NEXT.incrementAndGet()), KindRegistry.builtIn());
    }
}
