package io.k4s.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Read the control-plane harness's JSON: {@code applyToFirstReply} and {@code scaleOneToTwo}
 * (samples, meanMs, p50Ms, p99Ms, maxMs), {@code replicaSets} (replicas, readySeconds,
 * deletedSeconds, heapBytesPerContainer), {@code store} (operation, opsPerSecond) and
 * {@code backends} (the storage comparison: backend, updatesPerSecond,
 * updatesPerSecondConcurrent, applyToFirstReplyP50Ms, replicas, readySeconds, each figure also
 * as {@code ...Ratio} to the in-memory backend).
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

    /** The storage backends compared (backend, updates/s, apply to first reply, big ReplicaSet, with ratios to memory). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> backends() {
        return json.get("backends") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** The comparison row of {@code backend}, empty when not measured. */
    Map<String, Object> backend(String backend) {
        return backends().stream().filter(m -> backend.equals(m.get("backend"))).findFirst().orElse(Map.of());
    }

    /** {@code map[field]} as a number, NaN when absent. */
    static double number(Map<?, ?> map, String field) {
        return map.get(field) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
