package io.k4s.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turn JMH rows into the report's messaging lines: one line per scenario, one value per variant.
 *
 * <p>Immutable; thread-safe.
 */
final class Messaging {

    /** The variants, in column order. */
    static final List<String> VARIANTS = List.of("k4s", "pekko", "jdk");

    static final String FIRE_AND_FORGET = "FireAndForgetBenchmark.sendBatch";
    static final String ROUND_TRIP = "RoundTripBenchmark.roundTrip";
    static final String IN_FLIGHT = "InFlightBenchmark.requests";
    static final String PIPELINE = "PipelineBenchmark.feed";
    static final String FLOOD = "FloodBenchmark.flood";
    static final String REFUSAL = "RefusalBenchmark.";

    /** The flood benchmark's modes, in report order, and how the report names them. */
    static final Map<String, String> FLOOD_MODES = linked("wait", "waiting for room", "send",
            "plain send, refusals not delivered", "trySend", "trySend, refusals not delivered");
    /** The flood benchmark's loads, in report order, and how the report names them. */
    static final Map<String, String> FLOOD_LOADS = linked("quiet", "quiet machine", "busy",
            "2 threads of CPU load");

    /**
     * One scenario's figures.
     *
     * @param key            a stable identifier, for example {@code fire-and-forget/RoundRobin}
     * @param scenario       the scenario in words
     * @param unit           the unit of the values
     * @param higherIsBetter whether a larger value is better (throughput) or worse (latency)
     * @param values         the value per variant (the median of the measurement iterations,
     *                       see {@link JmhResults.Row#median()}); NaN when not measured
     * @param errors         the 99.9% confidence half-width per variant; NaN when unknown
     * @param mailboxFull    refused sends per iteration per variant, when counted
     */
    record Line(String key, String scenario, String unit, boolean higherIsBetter, Map<String, Double> values,
                Map<String, Double> errors, Map<String, Double> mailboxFull) {

        double value(String variant) {
            return values.getOrDefault(variant, Double.NaN);
        }

        /** {@code a / b}, NaN when either is missing. */
        double ratio(String a, String b) {
            return value(a) / value(b);
        }
    }

    private Messaging() {
    }

    private static Map<String, String> linked(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The lines for every scenario present in {@code jmh}, in report order. */
    static List<Line> lines(JmhResults jmh) {
        List<Line> lines = new ArrayList<>();
        for (String policy : List.of("RoundRobin", "Random")) {
            add(lines, jmh, "fire-and-forget/" + policy, "fire-and-forget, 1 producer to 4 (" + policy + ")",
                    "msg/s", true, FIRE_AND_FORGET, policy, null);
        }
        add(lines, jmh, "in-flight-64", "request-response, 64 in flight to 4 (RoundRobin)", "req/s", true,
                IN_FLIGHT, null, null);
        add(lines, jmh, "pipeline", "3-stage pipeline, end to end", "msg/s", true, PIPELINE, null, null);
        add(lines, jmh, "round-trip/mean", "sequential round trip, mean", "µs", false, ROUND_TRIP, null, null);
        add(lines, jmh, "round-trip/p50", "sequential round trip, p50", "µs", false, ROUND_TRIP, null, "50.0");
        add(lines, jmh, "round-trip/p99", "sequential round trip, p99", "µs", false, ROUND_TRIP, null, "99.0");
        FLOOD_LOADS.forEach((load, loadText) -> FLOOD_MODES.forEach((mode, modeText) ->
                addMatching(lines, jmh, "flood/" + mode + "/" + load, "flood from a virtual thread to 4, " + modeText + " ("
                        + loadText + ")", "msg/s", true, FLOOD, Map.of("mode", mode, "load", load), null)));
        refusal(lines, jmh, "refusal/before", "refused send as before issue 13 (stack-traced exception,"
                + " message built eagerly)", "refusedStackTraced");
        refusal(lines, jmh, "refusal/send", "refused send, exception caught", "refusedSend");
        refusal(lines, jmh, "refusal/message", "refused send, exception caught and its message read",
                "refusedSendMessage");
        refusal(lines, jmh, "refusal/trySend", "refused trySend (returns false)", "refusedTrySend");
        return lines;
    }

    /** A k4s-only line of {@code RefusalBenchmark} (nanoseconds per refused send). */
    private static void refusal(List<Line> lines, JmhResults jmh, String key, String scenario, String method) {
        jmh.find(REFUSAL + method, Map.of()).ifPresent(row -> lines.add(new Line(key, scenario, "ns", false,
                Map.of("k4s", row.median()), Map.of("k4s", row.error()), Map.of())));
    }

    private static void add(List<Line> lines, JmhResults jmh, String key, String scenario, String unit,
                            boolean higherIsBetter, String benchmark, String policy, String percentile) {
        addMatching(lines, jmh, key, scenario, unit, higherIsBetter, benchmark,
                policy == null ? Map.of() : Map.of("policy", policy), percentile);
    }

    /** A line of {@code benchmark}'s rows whose parameters include {@code params}, one per variant. */
    private static void addMatching(List<Line> lines, JmhResults jmh, String key, String scenario, String unit,
                                    boolean higherIsBetter, String benchmark, Map<String, String> params,
                                    String percentile) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        Map<String, Double> mailboxFull = new LinkedHashMap<>();
        for (String variant : VARIANTS) {
            Map<String, String> wanted = new LinkedHashMap<>(params);
            wanted.put("variant", variant);
            jmh.find(benchmark, wanted).ifPresent(row -> {
                if (percentile == null) {
                    values.put(variant, row.median());
                    errors.put(variant, row.error());
                } else {
                    values.put(variant, row.percentiles().getOrDefault(percentile, Double.NaN));
                    errors.put(variant, Double.NaN);
                }
                Double refused = row.secondary().get("mailboxFull");
                if (refused != null) {
                    mailboxFull.put(variant, refused);
                }
            });
        }
        if (!values.isEmpty()) {
            lines.add(new Line(key, scenario, unit, higherIsBetter, values, errors, mailboxFull));
        }
    }
}
