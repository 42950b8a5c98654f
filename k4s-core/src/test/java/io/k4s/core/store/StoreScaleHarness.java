package io.k4s.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measure the store with 100,000 Containers and print a table; asserts only outcomes.
 *
 * <p>Run with {@code mvn -pl k4s-core -am test -Dtest=StoreScaleHarness -Dk4s.excludedGroups=none}.
 */
@Tag("long")
class StoreScaleHarness {

    private static final int CONTAINERS = 100_000;
    private static final int NAMESPACES = 10;
    private static final int APPS = 1_000;

    @Test
    void hundredThousandContainers() throws InterruptedException {
        try (InMemoryResourceStore store = new InMemoryResourceStore()) {
            List<Watch> watches = List.of(store.watch(Container.class, null, 0), store.watch(null, "ns3", 0));
            AtomicLong delivered = new AtomicLong();
            for (Watch w : watches) {
                Thread.ofPlatform().daemon().name("harness-watch-reader").start(() -> drain(w, delivered));
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(time("create", CONTAINERS, i -> store.create(Container.of(
                    ObjectMeta.of(namespace(i), "c-" + i).withLabels(Map.of("app", "app" + (i % APPS))),
                    ContainerSpec.of("echo")))));
            ContainerStatus running = new ContainerStatus(ContainerPhase.RUNNING, "", "", true, 0, null,
                    MessageCounters.ZERO, "", 1);
            rows.add(time("updateStatus", CONTAINERS, i -> {
                Container c = store.get(Container.class, namespace(i), "c-" + i).orElseThrow();
                store.updateStatus(c.withStatus(running));
            }));
            rows.add(time("get", CONTAINERS, i -> store.get(Container.class, namespace(i), "c-" + i).orElseThrow()));
            rows.add(time("list ns + label (10 items)", 10_000, i -> assertEquals(10, store.list(Container.class,
                    "ns" + (i % NAMESPACES), Selector.labels(Map.of("app", "app" + (i % APPS)))).size())));
            rows.add(time("list label, all ns (100 items)", 10_000,
                    i -> assertEquals(100, store.list(Container.class, null,
                            Selector.labels(Map.of("app", "app" + (i % APPS)))).size())));
            rows.add(time("list ns + glob c-1234* (≤11 items)", 10_000,
                    i -> store.list(Container.class, "ns4", Selector.glob("c-1234*"))));
            rows.add(time("list ns (10,000 items)", 100,
                    i -> assertEquals(10_000, store.list(Container.class, "ns" + (i % NAMESPACES)).size())));
            rows.add(time("list all (100,000 items)", 20,
                    i -> assertEquals(CONTAINERS, store.list(Container.class, null).size())));

            ReplicaSet rs = store.create(Fixtures.replicaSet("big", 1000));
            for (int i = 0; i < 1000; i++) {
                store.create(Container.of(ObjectMeta.of("big-" + i)
                        .withOwnerReferences(List.of(OwnerReference.controlledBy(rs))), ContainerSpec.of("echo")));
            }
            rows.add(time("cascade delete of 1,000 dependents", 1, i -> {
                store.delete(ReplicaSet.class, "default", "big");
                Await.until(Duration.ofSeconds(30), () -> store.list(Container.class, "default").size() == 0,
                        "collected");
            }));
            long containerEvents = 2L * CONTAINERS + 2 * 1000;
            long ns3Events = 2L * CONTAINERS / NAMESPACES;
            Await.until(Duration.ofSeconds(60), () -> delivered.get() == containerEvents + ns3Events
                    || watches.stream().anyMatch(Watch::closed), "the watchers took every event or expired");
            print(rows, store.resourceVersion(), delivered.get(), containerEvents + ns3Events,
                    watches.stream().filter(Watch::closed).count());
        }
    }

    /** Containers are spread so that each app has 10 containers in each of the 10 namespaces. */
    private static String namespace(int i) {
        return "ns" + (i / APPS) % NAMESPACES;
    }

    private static void drain(Watch watch, AtomicLong delivered) {
        try {
            while (!watch.closed()) {
                WatchEvent e = watch.next(Duration.ofSeconds(1));
                if (e != null && !(e instanceof WatchEvent.Expired)) {
                    delivered.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String[] time(String what, int times, IntConsumer op) {
        for (int i = 0; i < Math.min(times, 1000) && times > 1 && !what.startsWith("create"); i++) {
            op.accept(i); // warm up reads; writes are measured cold
        }
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            op.accept(i);
        }
        long nanos = System.nanoTime() - start;
        return new String[] {what, String.format("%,d", times), String.format("%,.0f", nanos / 1e6),
                String.format("%,.1f", nanos / 1e3 / times)};
    }

    private static void print(List<String[]> rows, long revision, long delivered, long expected, long expired) {
        StringBuilder out = new StringBuilder(String.format("%n%-38s %10s %10s %12s%n",
                "operation", "count", "total ms", "µs per op"));
        for (String[] r : rows) {
            out.append(String.format("%-38s %10s %10s %12s%n", (Object[]) r));
        }
        out.append(String.format("store revision %,d; 2 concurrent watchers took %,d of %,d events; %d expired%n",
                revision, delivered, expected, expired));
        System.out.print(out);
    }
}
