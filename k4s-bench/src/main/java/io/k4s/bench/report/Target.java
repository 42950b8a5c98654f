package io.k4s.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One performance target of the brief next to what was measured.
 *
 * @param what     the target in words
 * @param goal     the goal, for example {@code >= 1.0x Pekko}
 * @param measured what was measured, NaN when it was not
 * @param text     the measurement for people
 * @param met      whether the goal was met; {@code null} when not measured
 */
record Target(String what, String goal, double measured, String text, Boolean met) {

    /** "met", "missed" or "not measured". */
    String status() {
        return met == null ? "not measured" : met ? "met" : "missed";
    }

    /** The targets of the brief, evaluated on the messaging lines and the control-plane figures. */
    static List<Target> evaluate(List<Messaging.Line> lines, ControlPlane controlPlane) {
        List<Target> targets = new ArrayList<>();
        for (String policy : List.of("RoundRobin", "Random")) {
            double r = ratio(lines, "fire-and-forget/" + policy, "k4s", "pekko");
            targets.add(atLeast("fire-and-forget (" + policy + "): k4s vs Pekko", ">= 1.0x", r, 1.0));
        }
        targets.add(atLeast("request-response, 64 in flight: k4s vs Pekko", ">= 2.0x",
                ratio(lines, "in-flight-64", "k4s", "pekko"), 2.0));
        for (String load : Messaging.FLOOD_LOADS.keySet()) {
            targets.add(atLeast("flood, waiting send (" + load + "): k4s vs Pekko", ">= 1.2x",
                    ratio(lines, "flood/wait/" + load, "k4s", "pekko"), 1.2));
            targets.add(atLeast("flood, plain send (" + load + "): k4s vs Pekko", ">= 1.0x",
                    ratio(lines, "flood/send/" + load, "k4s", "pekko"), 1.0));
        }
        double rt = ratio(lines, "round-trip/mean", "k4s", "jdk");
        targets.add(new Target("sequential round trip (mean): k4s vs plain JDK", "<= 1.5x", rt, Fmt.ratio(rt),
                Double.isNaN(rt) ? null : rt <= 1.5));
        double p50 = controlPlane.number("applyToFirstReply", "p50Ms");
        targets.add(new Target("control plane: apply to first reply, p50", "< 2 ms", p50,
                Fmt.number(p50, "ms"), Double.isNaN(p50) ? null : p50 < 2.0));
        Map<String, Object> big = controlPlane.replicaSet(100_000);
        double ready = ControlPlane.number(big, "readySeconds");
        targets.add(new Target("100,000 replicas: apply to all ready", "< 10 s", ready, Fmt.number(ready, "s"),
                Double.isNaN(ready) ? null : ready < 10.0));
        double heap = ControlPlane.number(big, "heapBytesPerContainer");
        targets.add(new Target("100,000 replicas: heap per idle container", "< 4 KB", heap,
                Fmt.number(heap, "bytes"), Double.isNaN(heap) ? null : heap < 4096));
        return targets;
    }

    private static Target atLeast(String what, String goal, double ratio, double minimum) {
        return new Target(what, goal, ratio, Fmt.ratio(ratio), Double.isNaN(ratio) ? null : ratio >= minimum);
    }

    private static double ratio(List<Messaging.Line> lines, String key, String a, String b) {
        return lines.stream().filter(l -> l.key().equals(key)).findFirst()
                .map(l -> l.ratio(a, b)).orElse(Double.NaN);
    }
}
