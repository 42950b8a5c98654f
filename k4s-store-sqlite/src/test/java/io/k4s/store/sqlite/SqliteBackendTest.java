package io.k4s.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.StorageBackend;
import io.k4s.core.store.StorageBackend.Event;
import io.k4s.core.store.StorageBackend.Key;
import io.k4s.core.store.StorageBackendContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link StorageBackendContract} over the sqlite backend, and what is particular to it. */
class SqliteBackendTest extends StorageBackendContract {

    @TempDir(factory = MemoryTempDirs.class)
    Path root;

    @Override
    protected StorageBackend newBackend() {
        return Backends.fresh(root);
    }

    private static Key key(String name) {
        return new Key("Container", "default", name);
    }

    private static LongFunction<Resource> value(String name, String v) {
        Container c = Container.of(ObjectMeta.of(name).withLabels(Map.of("v", v)), ContainerSpec.of("echo"));
        return rev -> c.withMetadata(c.metadata().withSystemFields("uid-" + name, rev, 1, Instant.EPOCH));
    }

    @Test
    void reopened_hasTheSameValues_andRevisionsMoveOn() {
        Path dir = root.resolve("reopened");
        Resource a;
        Resource b;
        long last;
        try (SqliteBackend backend = SqliteBackend.open(dir, KindRegistry.builtIn())) {
            a = backend.create(key("a"), value("a", "1"));
            b = backend.create(key("b"), value("b", "1"));
            b = backend.update(key("b"), b.metadata().resourceVersion(), value("b", "2"));
            backend.delete(key("a"), a.metadata().resourceVersion());
            last = backend.currentRevision();
        }

        try (SqliteBackend backend = SqliteBackend.open(dir, KindRegistry.builtIn())) {
            assertEquals(last, backend.currentRevision());
            assertEquals(List.of(b), backend.list(null, null).items());
            assertTrue(backend.get(key("a")).isEmpty());
            Resource c = backend.create(key("c"), value("c", "1"));
            assertTrue(c.metadata().resourceVersion() > last, "revisions are never reused after a restart");
        }
    }

    @Test
    void delete_endsTheLastValue_whetherThisRunWroteItOrAnEarlierOne() {
        Path dir = root.resolve("deletes");
        Resource before;
        try (SqliteBackend backend = SqliteBackend.open(dir, KindRegistry.builtIn())) {
            before = backend.create(key("before"), value("before", "1"));
        }
        try (SqliteBackend backend = SqliteBackend.open(dir, KindRegistry.builtIn())) {
            Resource now = backend.create(key("now"), value("now", "1"));
            now = backend.update(key("now"), now.metadata().resourceVersion(), value("now", "2"));
            long stale = now.metadata().resourceVersion() - 1;
            assertThrows(ConflictException.class, () -> backend.delete(key("now"), stale));

            Resource goneNow = backend.delete(key("now"), now.metadata().resourceVersion());
            Resource goneBefore = backend.delete(key("before"), before.metadata().resourceVersion());

            assertEquals(now.withMetadata(now.metadata().withResourceVersion(goneNow.metadata().resourceVersion())),
                    goneNow);
            assertEquals(before.withMetadata(before.metadata().withResourceVersion(
                    goneBefore.metadata().resourceVersion())), goneBefore);
            Resource again = backend.create(key("now"), value("now", "3"));
            assertEquals("3", again.metadata().labels().get("v"), "a deleted name is free again");
        }
    }

    @Test
    void watch_fromBeforeTheInMemoryLog_replaysFromTheTable() throws Exception {
        Path dir = root.resolve("replay");
        try (SqliteBackend backend = SqliteBackend.open(dir, KindRegistry.builtIn(), new Tuning(100, 2, 1_000, 100))) {
            long start = backend.currentRevision();
            Resource a = backend.create(key("a"), value("a", "1"));
            Resource a2 = backend.update(key("a"), a.metadata().resourceVersion(), value("a", "2"));
            Resource gone = backend.delete(key("a"), a2.metadata().resourceVersion());
            Resource b = backend.create(key("b"), value("b", "1"));
            List<Event> seen = new ArrayList<>();

            AutoCloseable watch = backend.watch(start, listener(seen));
            Resource c = backend.create(key("c"), value("c", "1"));
            watch.close();

            assertEquals(List.of(new Event(Event.Type.ADDED, a, a.metadata().resourceVersion()),
                    new Event(Event.Type.MODIFIED, a2, a2.metadata().resourceVersion()),
                    new Event(Event.Type.DELETED, gone, gone.metadata().resourceVersion()),
                    new Event(Event.Type.ADDED, b, b.metadata().resourceVersion()),
                    new Event(Event.Type.ADDED, c, c.metadata().resourceVersion())), seen);
        }
    }

    @Test
    void oldRevisions_areCompactedAutomatically_keepingEveryLiveValue() {
        try (SqliteBackend backend = SqliteBackend.open(root.resolve("compacted"), KindRegistry.builtIn(),
                new Tuning(100, 100, 50, 10))) {
            Resource c = backend.create(key("c"), value("c", "0"));
            for (int i = 1; i <= 300; i++) {
                c = backend.update(key("c"), c.metadata().resourceVersion(), value("c", String.valueOf(i)));
            }
            Resource kept = backend.create(key("kept"), value("kept", "0"));

            int rows = backend.countRows();
            assertTrue(rows <= 50 + 10 + 2, "old rows were compacted away: " + rows + " left");
            assertEquals(c, backend.get(key("c")).orElseThrow());
            assertEquals(kept, backend.get(key("kept")).orElseThrow());
            List<String> expiry = new ArrayList<>();
            backend.watch(1, expiring(expiry));
            assertEquals(1, expiry.size(), "a watch from before the compaction expires");
        }
    }

    @Test
    void compaction_removesARowBelowTheLastOne_onceALaterWriteReplacesIt() {
        try (SqliteBackend backend = SqliteBackend.open(root.resolve("steps"), KindRegistry.builtIn(),
                new Tuning(100, 100, 100_000, 1_000))) {
            Resource old = backend.create(key("old"), value("old", "0"));
            Resource gone = backend.create(key("gone"), value("gone", "0"));
            backend.delete(key("gone"), gone.metadata().resourceVersion());
            Resource c = backend.create(key("c"), value("c", "0"));
            for (int i = 1; i <= 3; i++) {
                c = backend.update(key("c"), c.metadata().resourceVersion(), value("c", String.valueOf(i)));
            }
            backend.compact(backend.currentRevision());
            assertEquals(2, backend.countRows(), "the latest rows of old and c are kept, nothing of gone");

            old = backend.update(key("old"), old.metadata().resourceVersion(), value("old", "1"));
            c = backend.update(key("c"), c.metadata().resourceVersion(), value("c", "4"));
            backend.compact(backend.currentRevision());

            assertEquals(2, backend.countRows(), "old's first row, kept by the step before, is replaced now");
            assertEquals(old, backend.get(key("old")).orElseThrow());
            assertEquals(c, backend.get(key("c")).orElseThrow());
            assertEquals(List.of(c, old), backend.list(null, null).items());
        }
    }

    private static StorageBackend.Listener listener(List<Event> seen) {
        return new StorageBackend.Listener() {
            @Override
            public void changed(Event event) {
                seen.add(event);
            }

            @Override
            public void expired(String reason) {
                throw new AssertionError("expired: " + reason);
            }
        };
    }

    private static StorageBackend.Listener expiring(List<String> reasons) {
        return new StorageBackend.Listener() {
            @Override
            public void changed(Event event) {
                throw new AssertionError("no change expected: " + event);
            }

            @Override
            public void expired(String reason) {
                reasons.add(reason);
            }
        };
    }
}
