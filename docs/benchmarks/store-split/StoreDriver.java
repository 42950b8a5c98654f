import io.k4s.api.resource.Container;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.Selector;
import io.k4s.core.K4sCluster;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Store-only driver for issue 11: per-operation thread CPU time (robust to other processes) and wall time. */
public class StoreDriver {
    public static void main(String[] args) {
        int objects = 10_000;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (K4sCluster cluster = K4sCluster.builder().discoverReconcilers(false).start()) {
            for (int batch = 0; batch < objects / 1000; batch++) {
                StringBuilder y = new StringBuilder();
                for (int i = batch * 1000; i < (batch + 1) * 1000; i++) {
                    y.append("apiVersion: k4s.io/v1\nkind: Container\nmetadata: {name: c-").append(i)
                            .append(", labels: {app: a").append(i % 10).append("}}\nspec: {worker: echo}\n---\n");
                }
                cluster.apply(y.toString());
            }
            ResourceClient rc = cluster.resources();
            Selector sel = Selector.labels(Map.of("app", "a3"));
            List<Double> upd = new ArrayList<>(), updWall = new ArrayList<>(), lst = new ArrayList<>(), lstWall = new ArrayList<>();
            List<Double> get = new ArrayList<>();
            String only = System.getProperty("only", "");
            for (int round = 0; round < 12; round++) {
                int n = Integer.getInteger("n", 5000);
                long g0 = mx.getCurrentThreadCpuTime();
                int found = 0;
                for (int k = 0; k < n * 4; k++) {
                    found += rc.get(Container.class, "default", "c-" + (k % objects)).isPresent() ? 1 : 0;
                }
                if (found != n * 4) throw new IllegalStateException();
                get.add((mx.getCurrentThreadCpuTime() - g0) / (double) (n * 4) / 1000.0);
                if (only.equals("get")) continue;
                long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                for (int k = 0; k < n; k++) {
                    String name = "c-" + ((round * n + k) % objects);
                    Container c = rc.get(Container.class, "default", name).orElseThrow();
                    rc.update(c.withMetadata(c.metadata().withAnnotations(Map.of("round", Integer.toString(round * n + k)))));
                }
                upd.add((mx.getCurrentThreadCpuTime() - c0) / (double) n / 1000.0);
                updWall.add((System.nanoTime() - w0) / (double) n / 1000.0);
                if (only.equals("update")) continue;
                int m = 200;
                c0 = mx.getCurrentThreadCpuTime(); w0 = System.nanoTime();
                int total = 0;
                for (int k = 0; k < m; k++) {
                    total += rc.list(Container.class, "default", sel).items().size();
                }
                if (total != m * objects / 10) throw new IllegalStateException("listed " + total);
                lst.add((mx.getCurrentThreadCpuTime() - c0) / (double) m / 1000.0);
                lstWall.add((System.nanoTime() - w0) / (double) m / 1000.0);
            }
            System.out.printf("get cpu_us median %.3f | ", med(get.subList(2, 12)));
            if (!only.isEmpty()) { System.out.printf("update cpu_us %.2f%n", upd.isEmpty() ? 0 : med(upd.subList(2, 12))); return; }
            System.out.printf("update(get+update) cpu_us median %.2f wall_us %.2f | list-by-label(1000 of 10000) cpu_us median %.1f wall_us %.1f%n",
                    med(upd.subList(2, 12)), med(updWall.subList(2, 12)), med(lst.subList(2, 12)), med(lstWall.subList(2, 12)));
        }
    }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); return s.get(s.size() / 2); }
}
