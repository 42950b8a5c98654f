package io.k4s.controllers;

import io.k4s.api.K4sException;
import io.k4s.api.resource.ConfigMap;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ParamKeyRef;
import io.k4s.api.resource.ParamsFromSource;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolve a container's params from the ConfigMaps and Secrets it references
 * ({@code paramsFrom}, {@code valueFrom}), as a kubelet resolves a pod's environment before each
 * start. Stateless; reads through the {@link ResourceClient} it is given.
 */
final class ConfigParams {

    private ConfigParams() {}

    /** What a container starts with, or why it cannot start yet. */
    sealed interface Resolution {

        /** Every reference resolved: the params the worker gets. */
        record Resolved(Map<String, Object> params) implements Resolution {}

        /** A required ConfigMap, Secret or key is missing; the message names it, never a value. */
        record Missing(String message) implements Resolution {}
    }

    /**
     * The params of {@code c} with every reference replaced by its value: {@code paramsFrom} in
     * order (a later one wins on a shared key), then the params themselves.
     */
    static Resolution resolve(Container c, ResourceClient resources) {
        ContainerSpec spec = c.spec();
        String namespace = c.metadata().namespace();
        Map<String, Object> params = new LinkedHashMap<>();
        for (ParamsFromSource from : spec.paramsFrom()) {
            Optional<Map<String, String>> values = values(from.secret(), namespace, from.ref().name(), resources);
            if (values.isEmpty()) {
                if (from.ref().optional()) {
                    continue;
                }
                return new Resolution.Missing(source(from.secret(), from.ref().name()) + " not found");
            }
            values.get().forEach((k, v) -> params.put(from.prefix() + k, v));
        }
        for (Map.Entry<String, Object> param : spec.params().entrySet()) {
            ParamKeyRef ref = ParamKeyRef.parse(param.getValue());
            if (ref == null) {
                params.put(param.getKey(), param.getValue());
                continue;
            }
            Optional<Map<String, String>> values = values(ref.secret(), namespace, ref.name(), resources);
            String value = values.map(v -> v.get(ref.key())).orElse(null);
            if (value != null) {
                params.put(param.getKey(), value);
            } else if (!ref.optional()) {
                return new Resolution.Missing(values.isEmpty() ? ref.source() + " not found"
                        : "couldn't find key " + ref.key() + " in " + (ref.secret() ? "Secret " : "ConfigMap ")
                                + namespace + "/" + ref.name() + " (param " + param.getKey() + ")");
            }
        }
        return new Resolution.Resolved(params);
    }

    /**
     * The params of {@code c} as {@link #resolve} makes them, for a restart.
     *
     * @throws ContainerConfigException naming what is missing
     */
    static Map<String, Object> resolveOrThrow(Container c, ResourceClient resources) {
        return switch (resolve(c, resources)) {
            case Resolution.Resolved r -> r.params();
            case Resolution.Missing m -> throw new ContainerConfigException(m.message());
        };
    }

    /** A ConfigMap, Secret or key a container references is missing; the message names it, never a value. */
    static final class ContainerConfigException extends K4sException {
        ContainerConfigException(String message) {
            super(message);
        }
    }

    /** Whether {@code spec} references {@code changed}, a ConfigMap or Secret of its namespace. */
    static boolean references(ContainerSpec spec, Resource changed) {
        boolean secret = changed instanceof Secret;
        if (!secret && !(changed instanceof ConfigMap)) {
            return false;
        }
        String name = changed.metadata().name();
        return spec.paramsFrom().stream().anyMatch(f -> f.secret() == secret && f.ref().name().equals(name))
                || spec.paramRefs().values().stream().anyMatch(r -> r.secret() == secret && r.name().equals(name));
    }

    /** The containers of {@code changed}'s namespace that reference it. */
    static List<ResourceKey> containersReferencing(Resource changed, ResourceClient resources) {
        return resources.list(Container.class, changed.metadata().namespace()).items().stream()
                .filter(c -> references(c.spec(), changed)).map(Resource::key).toList();
    }

    private static Optional<Map<String, String>> values(boolean secret, String namespace, String name,
                                                        ResourceClient resources) {
        ResourceKey key = new ResourceKey(namespace, name);
        return secret ? resources.get(Secret.class, key).map(Secret::values)
                : resources.get(ConfigMap.class, key).map(ConfigMap::data);
    }

    private static String source(boolean secret, String name) {
        return (secret ? "secret" : "configmap") + " \"" + name + "\"";
    }
}
