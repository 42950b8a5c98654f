import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Selector;
import io.k4s.core.store.InMemoryResourceStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Issue 11's store figures on the bare store (as k4s-bench's StoreThroughput: an InMemoryResourceStore
 * of 10,000 Containers in namespace bench, no cluster), by the calling thread's CPU time per operation:
 * get (round robin over the 10,000), update of one object (as StoreThroughput), update round robin over
 * the 10,000, list by label (1,000 of 10,000). Medians of rounds 4..N.
 */
public class StoreBare {
    static volatile long sink;

    public static void main(String[] args) {
        int objects = 10_000;
        int rounds = Integer.getInteger("rounds", 15);
        int n = Integer.getInteger("n", 100_000);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (InMemoryResourceStore store = new InMemoryResourceStore()) {
            String[] names = new String[objects];
            for (int i = 0; i < objects; i++) {
                names[i] = "obj-" + i;
                store.create(Container.of(new ObjectMeta(names[i], "bench", Map.of("app", "a" + i % 10),
                        Map.of(), null, 0, 0, null, List.of()), ContainerSpec.of("echo")));
            }
            System.gc(); // the same compacted layout for every jar: less spread between runs
            Selector selector = Selector.labels(Map.of("app", "a3"));
            List<Double> get = new ArrayList<>(), one = new ArrayList<>(), all = new ArrayList<>(), list = new ArrayList<>();
            Container current = store.get(Container.class, "bench", names[0]).orElseThrow();
            for (int round = 0; round < rounds; round++) {
                long t = mx.getCurrentThreadCpuTime();
                int found = 0;
                for (int k = 0; k < n; k++) {
                    found += store.get(Container.class, "bench", names[k % objects]).isPresent() ? 1 : 0;
                }
                if (found != n) throw new IllegalStateException();
                get.add(us(mx, t, n));
                int u = n / 10;
                t = mx.getCurrentThreadCpuTime();
                for (int k = 0; k < u; k++) {
                    current = store.update(touched(current));
                }
                one.add(us(mx, t, u));
                Container[] cur = new Container[objects];
                for (int i = 0; i < objects; i++) cur[i] = store.get(Container.class, "bench", names[i]).orElseThrow();
                t = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < objects; i++) {
                    sink += store.update(touched(cur[i])).metadata().resourceVersion();
                }
                all.add(us(mx, t, objects));
                current = store.get(Container.class, "bench", names[0]).orElseThrow();
                int m = 200;
                t = mx.getCurrentThreadCpuTime();
                int total = 0;
                for (int k = 0; k < m; k++) total += store.list(Container.class, "bench", selector).items().size();
                if (total != m * objects / 10) throw new IllegalStateException("listed " + total);
                list.add(us(mx, t, m));
            }
            int s = Math.min(3, rounds - 1);
            System.out.printf("get %.4f update-one %.3f update-rr %.3f list %.1f us%n", med(get.subList(s, rounds)),
                    med(one.subList(s, rounds)), med(all.subList(s, rounds)), med(list.subList(s, rounds)));
        }
    }

    static Container touched(Container c) {
        return c.withMetadata(c.metadata().withAnnotations(Map.of("touched", Long.toString(c.metadata().resourceVersion()))));
    }

    static double us(ThreadMXBean mx, long t0, int ops) { return (mx.getCurrentThreadCpuTime() - t0) / (double) ops / 1000.0; }

    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); return s.get(s.size() / 2); }
}
