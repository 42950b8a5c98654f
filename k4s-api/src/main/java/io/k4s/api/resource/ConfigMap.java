package io.k4s.api.resource;

import java.util.Map;
import java.util.Objects;

/**
 * Hold configuration as string key-value pairs that containers take as params
 * ({@code paramsFrom}, {@code valueFrom.configMapKeyRef}), as Kubernetes' {@code ConfigMap}
 * ({@code apiVersion: v1}).
 *
 * @param metadata its name and namespace
 * @param spec     its data, written next to {@code metadata} as Kubernetes does
 */
public record ConfigMap(ObjectMeta metadata, ConfigMapData spec) implements Resource {

    /** The kind name used in manifests. */
    public static final String KIND = "ConfigMap";

    /** Requires metadata and data. */
    public ConfigMap {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    /** A ConfigMap named {@code name} in {@code namespace} holding {@code data}. */
    public static ConfigMap of(String namespace, String name, Map<String, String> data) {
        return new ConfigMap(ObjectMeta.of(namespace, name), new ConfigMapData(data));
    }

    /** The key-value pairs. */
    public Map<String, String> data() {
        return spec.data();
    }

    /** {@value ConfigSchemas#CORE_API_VERSION}, Kubernetes' core group. */
    @Override
    public String apiVersion() {
        return ConfigSchemas.CORE_API_VERSION;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** No status: {@code null}. */
    @Override
    public Object status() {
        return null;
    }

    @Override
    public ConfigMap withMetadata(ObjectMeta metadata) {
        return new ConfigMap(metadata, spec);
    }

    /** This resource: a ConfigMap has no status. */
    @Override
    public ConfigMap withStatus(Object status) {
        return this;
    }

    /**
     * The data of a ConfigMap.
     *
     * @param data key-value pairs; keys are letters, digits, {@code -}, {@code _} and {@code .}
     */
    public record ConfigMapData(Map<String, String> data) {

        /** Copies the data (null is empty). */
        public ConfigMapData {
            data = data == null ? Map.of() : Map.copyOf(data);
        }
    }
}
