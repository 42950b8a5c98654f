package io.k4s.core.store;

import static io.k4s.core.store.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.api.resource.Selector;
import io.k4s.core.store.StorageBackend.Event;
import io.k4s.core.store.StorageBackend.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link StorageBackend} must meet, checked on the backend alone: keys,
 * revisions, compare-and-set writes, lists at a revision, ordered watches and compaction.
 * A backend's test subclasses this and says how to make a fresh, empty backend.
 */
public abstract class StorageBackendContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A fresh, empty backend; closed by the test. */
    protected abstract StorageBackend newBackend();

    private StorageBackend backend;

    @BeforeEach
    void open() {
        backend = newBackend();
    }

    @AfterEach
    void close() {
        backend.close();
    }

    /** A value of {@code r} as the API layer builds it: system fields set, the revision stamped. */
    private static LongFunction<Resource> at(Resource r) {
        return rev -> r.withMetadata(r.metadata().withSystemFields("uid-" + r.metadata().name(), rev, 1, Instant.EPOCH));
    }

    private static Key key(String name) {
        return new Key("Container", "default", name);
    }

    @Test
    void create_stampsTheNextRevision_andGetReturnsTheValue() {
        long start = backend.currentRevision();

        Resource a = backend.create(key("a"), at(container("a")));
        Resource b = backend.create(key("b"), at(container("b")));

        assertTrue(a.metadata().resourceVersion() > start, "a write takes a revision after the current one");
        assertTrue(b.metadata().resourceVersion() > a.metadata().resourceVersion());
        assertEquals(b.metadata().resourceVersion(), backend.currentRevision());
        assertEquals(a, backend.get(key("a")).orElseThrow());
        assertEquals("uid-a", backend.get(key("a")).orElseThrow().metadata().uid());
        assertTrue(backend.get(key("missing")).isEmpty());
    }

    @Test
    void create_ofAnExistingKey_isAlreadyExists_andWritesNothing() {
        backend.create(key("a"), at(container("a")));
        long before = backend.currentRevision();

        AlreadyExistsException e = assertThrows(AlreadyExistsException.class,
                () -> backend.create(key("a"), at(container("a"))));

        assertEquals("Container", e.kind());
        assertEquals(before, backend.currentRevision());
    }

    @Test
    void keys_ofAnotherKindOrNamespace_areOtherKeys() {
        backend.create(key("a"), at(container("a")));
        backend.create(new Key("Container", "other", "a"), at(container("other", "a", Map.of())));
        backend.create(new Key("Service", "default", "a"), at(service("a")));

        assertEquals(3, backend.list(null, null).items().size());
        assertEquals(2, backend.list("Container", null).items().size());
        assertEquals(1, backend.list("Container", "other").items().size());
        assertEquals(List.of("Service"), backend.list(null, "default").items().stream()
                .map(Resource::kind).filter(k -> !k.equals("Container")).toList());
    }

    @Test
    void update_comparesTheModRevision() {
        Resource a = backend.create(key("a"), at(container("a")));
        long rv = a.metadata().resourceVersion();

        Resource updated = backend.update(key("a"), rv, at(container("default", "a", Map.of("v", "2"))));
        ConflictException stale = assertThrows(ConflictException.class,
                () -> backend.update(key("a"), rv, at(container("default", "a", Map.of("v", "3")))));

        assertTrue(updated.metadata().resourceVersion() > rv);
        assertEquals(rv, stale.expected());
        assertEquals(updated.metadata().resourceVersion(), stale.actual(), "a conflict names the stored mod revision");
        assertEquals(Map.of("v", "2"), backend.get(key("a")).orElseThrow().metadata().labels());
        assertThrows(NotFoundException.class, () -> backend.update(key("ghost"), 1, at(container("ghost"))));
    }

    @Test
    void delete_comparesTheModRevision_andReturnsTheLastValueAtTheDeleteRevision() {
        Resource a = backend.create(key("a"), at(container("default", "a", Map.of("v", "1"))));
        long rv = a.metadata().resourceVersion();

        assertThrows(ConflictException.class, () -> backend.delete(key("a"), rv + 100));
        Resource last = backend.delete(key("a"), rv);

        assertEquals(Map.of("v", "1"), last.metadata().labels());
        assertTrue(last.metadata().resourceVersion() > rv);
        assertEquals(last.metadata().resourceVersion(), backend.currentRevision());
        assertTrue(backend.get(key("a")).isEmpty());
        assertThrows(NotFoundException.class, () -> backend.delete(key("a"), last.metadata().resourceVersion()));
        Resource again = backend.create(key("a"), at(container("a")));
        assertTrue(again.metadata().resourceVersion() > last.metadata().resourceVersion(), "revisions are never reused");
    }

    @Test
    void list_returnsTheRevisionItWasReadAt() {
        backend.create(key("a"), at(container("a")));
        Resource b = backend.create(key("b"), at(container("b")));

        StorageBackend.Listing listing = backend.list("Container", "default");

        assertEquals(2, listing.items().size());
        assertEquals(b.metadata().resourceVersion(), listing.revision());
    }

    @Test
    void watch_replaysTheChangesAfterARevision_thenDeliversNewOnes_inOrder() throws Exception {
        long start = backend.currentRevision();
        Resource a = backend.create(key("a"), at(container("a")));
        Resource a2 = backend.update(key("a"), a.metadata().resourceVersion(), at(container("default", "a", Map.of("v", "2"))));
        Recorder recorder = new Recorder();

        AutoCloseable watch = backend.watch(start, recorder);
        Resource gone = backend.delete(key("a"), a2.metadata().resourceVersion());
        Resource b = backend.create(key("b"), at(container("b")));

        assertEquals(new Event(Event.Type.ADDED, a, a.metadata().resourceVersion()), recorder.next());
        assertEquals(new Event(Event.Type.MODIFIED, a2, a2.metadata().resourceVersion()), recorder.next());
        assertEquals(new Event(Event.Type.DELETED, gone, gone.metadata().resourceVersion()), recorder.next());
        assertEquals(new Event(Event.Type.ADDED, b, b.metadata().resourceVersion()), recorder.next());
        watch.close();
    }

    @Test
    void watch_fromTheCurrentRevision_seesOnlyLaterChanges_andStopsWhenClosed() throws Exception {
        backend.create(key("old"), at(container("old")));
        Recorder recorder = new Recorder();
        AutoCloseable watch = backend.watch(backend.currentRevision(), recorder);

        Resource a = backend.create(key("a"), at(container("a")));
        assertEquals(a, recorder.next().value());
        watch.close();
        backend.create(key("b"), at(container("b")));

        assertEquals(null, recorder.events.poll(100, TimeUnit.MILLISECONDS), "nothing after close");
    }

    @Test
    void watch_fromACompactedRevision_expires() {
        long start = backend.currentRevision();
        Resource a = backend.create(key("a"), at(container("a")));
        backend.create(key("b"), at(container("b")));

        backend.compact(a.metadata().resourceVersion());
        Recorder recorder = new Recorder();
        backend.watch(start, recorder);

        assertNotNull(recorder.expiry, "a watch from before the compaction expires");
        assertTrue(recorder.events.isEmpty());
        assertEquals(a, backend.get(key("a")).orElseThrow(), "compaction keeps the values");
    }

    @Test
    void watch_orCompact_fromTheFuture_isRejected() {
        long now = backend.currentRevision();

        assertThrows(IllegalArgumentException.class, () -> backend.watch(now + 5, new Recorder()));
        assertThrows(IllegalArgumentException.class, () -> backend.compact(now + 5));
    }

    @Test
    void concurrentCompareAndSet_losesNoIncrement() throws InterruptedException {
        backend.create(key("counter"), at(container("default", "counter", Map.of("n", "0"))));
        int threads = 4;
        int increments = 200;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < increments; i++) {
                    while (true) {
                        Resource c = backend.get(key("counter")).orElseThrow();
                        int n = Integer.parseInt(c.metadata().labels().get("n"));
                        try {
                            backend.update(key("counter"), c.metadata().resourceVersion(),
                                    at(container("default", "counter", Map.of("n", String.valueOf(n + 1)))));
                            break;
                        } catch (ConflictException e) {
                            // another thread won this round: read again
                        }
                    }
                }
            }));
        }
        for (Thread w : workers) {
            assertTrue(w.join(WAIT), "a worker finished");
        }

        assertEquals(String.valueOf(threads * increments),
                backend.get(key("counter")).orElseThrow().metadata().labels().get("n"));
    }

    private static Service service(String name) {
        return new Service(ObjectMeta.of(name), new ServiceSpec(Selector.glob("*"), null), null);
    }

    /** Records what a watch delivers. */
    private static final class Recorder implements StorageBackend.Listener {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        volatile String expiry;

        @Override
        public void changed(Event event) {
            events.add(event);
        }

        @Override
        public void expired(String reason) {
            expiry = reason;
        }

        Event next() throws InterruptedException {
            Event e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertInstanceOf(Event.class, e, "an event within " + WAIT);
            return e;
        }
    }
}
