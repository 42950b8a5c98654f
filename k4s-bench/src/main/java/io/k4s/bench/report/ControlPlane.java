package io.k4s.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Read the control-plane harness's JSON: {@code applyToFirstReply} and {@code scaleOneToTwo}
 * (samples, meanMs, p50Ms, p99Ms, maxMs), {@code replicaSets} (replicas, readySeconds,
 * deletedSeconds, heapBytesPerContainer) and {@code store} (operation, opsPerSecond).
 *
 * <p>Missing parts read as NaN or empty. Immutable; thread-safe.
 */
final class ControlPlane {

    private final Map<String, Object> json;

    ControlPlane(Map<String, Object> json) {
        this.json = Map.copyOf(json);
    }

    /** A control plane that measured nothing. */
    static ControlPlane empty() {
        return new ControlPlane(Map.of());
    }

    /** Whether the harness wrote anything. */
    boolean isEmpty() {
        return json.isEmpty();
    }

    /** The raw JSON, for the combined results file. */
    Map<String, Object> json() {
        return json;
    }

    /** {@code json[section][field]} as a number, NaN when absent. */
    double number(String section, String field) {
        return json.get(section) instanceof Map<?, ?> m ? number(m, field) : Double.NaN;
    }

    /** The measurements of the ReplicaSet of {@code replicas}, empty when not measured. */
    Map<String, Object> replicaSet(int replicas) {
        return replicaSets().stream().filter(m -> number(m, "replicas") == replicas).findFirst().orElse(Map.of());
    }

    /** Every ReplicaSet measured, smallest first as the harness wrote them. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> replicaSets() {
        return json.get("replicaSets") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** The store operations measured. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> store() {
        return json.get("store") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** {@code map[field]} as a number, NaN when absent. */
    static double number(Map<?, ?> map, String field) {
        return map.get(field) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
