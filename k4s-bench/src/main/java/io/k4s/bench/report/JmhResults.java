package io.k4s.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read the rows of a JMH JSON result file ({@code -rf json}) that the report needs.
 *
 * <p>Immutable; thread-safe.
 */
final class JmhResults {

    /**
     * One benchmark result.
     *
     * @param benchmark   the simple class name and method, for example
     *                    {@code FireAndForgetBenchmark.sendBatch}
     * @param params      the JMH parameters, for example {@code variant=k4s}
     * @param score       the primary score
     * @param error       the 99.9% confidence half-width, NaN when JMH had too few samples
     * @param unit        the score's unit, for example {@code ops/s} or {@code us/op}
     * @param percentiles SampleTime percentiles by their key ({@code "50.0"}, {@code "99.0"})
     * @param secondary   secondary scores by name, for example {@code mailboxFull}
     * @param iterations  every measurement iteration's score over all forks, from {@code rawData};
     *                    empty when the file has none
     */
    record Row(String benchmark, Map<String, String> params, double score, double error, String unit,
               Map<String, Double> percentiles, Map<String, Double> secondary, List<Double> iterations) {

        String param(String name) {
            return params.getOrDefault(name, "");
        }

        /**
         * The median of the measurement iterations' scores over all forks, else (no raw data)
         * JMH's score: an iteration that ran in another regime (a busy moment of a shared
         * machine) moves a median less than the mean JMH reports.
         */
        double median() {
            if (iterations.isEmpty()) {
                return score;
            }
            List<Double> sorted = iterations.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    private final List<Row> rows;

    private JmhResults(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * Read JMH's JSON result text.
     *
     * @throws IllegalArgumentException if the text is not a JMH result array
     */
    static JmhResults parse(String json) {
        if (!(Json.parse(json) instanceof List<?> list)) {
            throw new IllegalArgumentException("JMH results: expected a JSON array of results");
        }
        List<Row> rows = new ArrayList<>();
        for (Object item : list) {
            Map<?, ?> result = (Map<?, ?>) item;
            String name = String.valueOf(result.get("benchmark"));
            String[] parts = name.split("\\.");
            String shortName = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : name;
            Map<String, String> params = new LinkedHashMap<>();
            if (result.get("params") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
            Map<?, ?> primary = (Map<?, ?>) result.get("primaryMetric");
            Map<String, Double> percentiles = new LinkedHashMap<>();
            if (primary.get("scorePercentiles") instanceof Map<?, ?> pct) {
                pct.forEach((k, v) -> percentiles.put(String.valueOf(k), number(v)));
            }
            Map<String, Double> secondary = new LinkedHashMap<>();
            if (result.get("secondaryMetrics") instanceof Map<?, ?> sec) {
                sec.forEach((k, v) -> secondary.put(String.valueOf(k), number(((Map<?, ?>) v).get("score"))));
            }
            List<Double> iterations = new ArrayList<>();
            if (primary.get("rawData") instanceof List<?> forks) {
                for (Object fork : forks) {
                    if (fork instanceof List<?> scores) {
                        scores.forEach(s -> iterations.add(number(s)));
                    }
                }
            }
            rows.add(new Row(shortName, params, number(primary.get("score")), number(primary.get("scoreError")),
                    String.valueOf(primary.get("scoreUnit")), percentiles, secondary, List.copyOf(iterations)));
        }
        return new JmhResults(rows);
    }

    /** JMH's result text without {@code rawData} and {@code rawDataHistogram}, re-indented. */
    static String withoutRawData(String json) {
        return Json.write(strip(Json.parse(json)));
    }

    private static Object strip(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!k.equals("rawData") && !k.equals("rawDataHistogram")) {
                    copy.put(String.valueOf(k), strip(v));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JmhResults::strip).toList();
        }
        return value;
    }

    /** Every row, in file order. */
    List<Row> rows() {
        return rows;
    }

    /** The row of {@code benchmark} for {@code variant} (and {@code policy}, unless null). */
    Optional<Row> find(String benchmark, String variant, String policy) {
        return policy == null ? find(benchmark, Map.of("variant", variant))
                : find(benchmark, Map.of("variant", variant, "policy", policy));
    }

    /** The row of {@code benchmark} whose parameters include {@code params}. */
    Optional<Row> find(String benchmark, Map<String, String> params) {
        return rows.stream()
                .filter(r -> r.benchmark().equals(benchmark))
                .filter(r -> params.entrySet().stream().allMatch(p -> r.param(p.getKey()).equals(p.getValue())))
                .findFirst();
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
