package io.k4s.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Resource;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.StorageBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM writing to the sqlite store is killed with SIGKILL in the middle of its writes (on disk,
 * not tmpfs); reopened, the store has every write that was acknowledged, and nothing half
 * written: every row reads back, each counter is at its last acknowledged value or at most one
 * further (the write in flight when the process died), and revisions move on.
 */
class CrashRestartTest {

    private static final int THREADS = 8;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path root;

    @Test
    void sigkillMidWrite_losesNoAcknowledgedWrite_andLeavesNoPartialOne() throws Exception {
        Path dir = root.resolve("data");
        Map<String, Long> acked = new HashMap<>();
        Map<String, Long> ackedRv = new HashMap<>();
        long lastRv = 0;
        for (int round = 0; round < 3; round++) {
            try (ChildJvm writer = ChildJvm.start(root, CrashWriter.class, dir.toString(), String.valueOf(THREADS))) {
                writer.await("ready", WAIT);
                int seen = 0;
                while (seen < 300 + round * 100) {
                    String line = writer.next(WAIT);
                    if (line.startsWith("ack ")) {
                        record(line, acked, ackedRv);
                        seen++;
                    }
                }
                writer.kill();
                for (String line : writer.rest()) {
                    if (line.startsWith("ack ")) {
                        record(line, acked, ackedRv);
                    }
                }
            }
            try (SqliteBackend backend = SqliteBackend.open(dir, KindRegistry.builtIn())) {
                Map<String, Resource> stored = new HashMap<>();
                StorageBackend.Listing listing = backend.list(null, null);
                listing.items().forEach(r -> stored.put(r.metadata().name(), r));
                for (Map.Entry<String, Long> e : acked.entrySet()) {
                    Resource r = stored.get(e.getKey());
                    assertTrue(r != null, "acknowledged " + e.getKey() + " survived the crash of round " + round);
                    long n = Long.parseLong(r.metadata().labels().get("n"));
                    assertTrue(n >= e.getValue() && n <= e.getValue() + 1, e.getKey() + " has n=" + n
                            + " after its write of n=" + e.getValue() + " was acknowledged");
                    assertTrue(r.metadata().resourceVersion() >= ackedRv.get(e.getKey()), e.getKey());
                    assertEquals("uid-" + e.getKey(), r.metadata().uid(), "the value is whole");
                }
                assertTrue(listing.revision() > lastRv, "the revision moved on: " + listing.revision());
                lastRv = listing.revision();
            }
        }
    }

    /** Counters restart at their stored value in the next round: keep the highest acknowledged. */
    private static void record(String line, Map<String, Long> acked, Map<String, Long> ackedRv) {
        List<String> parts = List.of(line.split(" "));
        String name = parts.get(1);
        long n = Long.parseLong(parts.get(2));
        long rv = Long.parseLong(parts.get(3));
        if (rv >= ackedRv.getOrDefault(name, 0L)) {
            acked.put(name, n);
            ackedRv.put(name, rv);
        }
    }
}
