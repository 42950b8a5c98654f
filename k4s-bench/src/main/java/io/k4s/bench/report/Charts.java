package io.k4s.bench.report;

import io.k4s.bench.report.SvgBarChart.Bar;
import io.k4s.bench.report.SvgBarChart.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Build the report's two charts: messaging by variant, and the control-plane timings. */
final class Charts {

    private Charts() {
    }

    /** Bars of throughput (and round-trip latency) by variant, one group per scenario. */
    static String messaging(List<Messaging.Line> lines, String subtitle) {
        List<Group> groups = new ArrayList<>();
        for (Messaging.Line line : lines) {
            if (line.key().equals("round-trip/p50") || line.key().startsWith("refusal/")) {
                continue;
            }
            List<Bar> bars = new ArrayList<>();
            for (String variant : Messaging.VARIANTS) {
                double v = line.value(variant);
                if (!Double.isNaN(v)) {
                    bars.add(new Bar(variant, v, Fmt.number(v) + " " + line.unit()));
                }
            }
            String direction = line.higherIsBetter() ? "higher is better" : "lower is better";
            groups.add(Group.of(line.scenario() + " (" + line.unit() + ", " + direction + ")", bars));
        }
        return SvgBarChart.render("k4s vs Apache Pekko vs plain JDK: messaging",
                subtitle + " — each group has its own scale", groups);
    }

    /** Bars of the control-plane timings, with the brief's targets as dashed lines. */
    static String controlPlane(ControlPlane cp, String subtitle) {
        List<Group> groups = new ArrayList<>();
        groups.add(new Group("apply a Container to its first reply (ms)",
                latencyBars(cp, "applyToFirstReply"), 2.0, "target p50 < 2 ms"));
        groups.add(Group.of("scale a ReplicaSet 1 → 2 until the new replica answers (ms)",
                latencyBars(cp, "scaleOneToTwo")));
        List<Bar> ready = new ArrayList<>();
        List<Bar> deleted = new ArrayList<>();
        List<Bar> heap = new ArrayList<>();
        for (Map<String, Object> rs : cp.replicaSets()) {
            String label = String.format(Locale.ROOT, "%,d", (long) ControlPlane.number(rs, "replicas"));
            double r = ControlPlane.number(rs, "readySeconds");
            double d = ControlPlane.number(rs, "deletedSeconds");
            double h = ControlPlane.number(rs, "heapBytesPerContainer");
            ready.add(new Bar(label, r, Fmt.number(r) + " s"));
            deleted.add(new Bar(label, d, Fmt.number(d) + " s"));
            heap.add(new Bar(label, h, Fmt.number(h) + " bytes"));
        }
        groups.add(new Group("ReplicaSet: apply to all replicas ready (s)", ready, 10.0, "target for 100,000: 10 s"));
        groups.add(Group.of("ReplicaSet: scale to 0 until every container is gone (s)", deleted));
        groups.add(new Group("heap per idle container (bytes)", heap, 4096.0, "target 4 KB"));
        List<Bar> store = new ArrayList<>();
        for (Map<String, Object> op : cp.store()) {
            double v = ControlPlane.number(op, "opsPerSecond");
            store.add(new Bar(String.valueOf(op.get("operation")), v, Fmt.number(v) + " ops/s"));
        }
        groups.add(Group.of("store operations (ops/s)", store));
        return SvgBarChart.render("k4s control plane", subtitle + " — each group has its own scale",
                groups.stream().filter(g -> !g.bars().isEmpty()).toList());
    }

    private static List<Bar> latencyBars(ControlPlane cp, String section) {
        List<Bar> bars = new ArrayList<>();
        for (String field : List.of("p50Ms", "p99Ms")) {
            double v = cp.number(section, field);
            if (!Double.isNaN(v)) {
                bars.add(new Bar(field.substring(0, 3), v, Fmt.number(v) + " ms"));
            }
        }
        return bars;
    }
}
