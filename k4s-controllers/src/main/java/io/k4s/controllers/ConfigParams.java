package io.k4s.controllers;

import io.k4s.api.K4sException;
import io.k4s.api.SecretValue;
import io.k4s.api.resource.ConfigMap;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.InitWorker;
import io.k4s.api.resource.ParamKeyRef;
import io.k4s.api.resource.ParamsFromSource;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceClient;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resolve a container's params from the ConfigMaps and Secrets it references
 * ({@code paramsFrom}, {@code valueFrom}), as a kubelet resolves a pod's environment before each
 * start. Stateless; reads through the {@link ResourceClient} it is given.
 */
final class ConfigParams {

    private ConfigParams() {}

    /** What a container starts with, or why it cannot start yet. */
    sealed interface Resolution {

        /**
         * Every reference resolved: the params the worker gets, a Secret's values as
         * {@link SecretValue}s (so that no error quotes them), and the spec to run, whose params
         * and init workers' params are resolved the same way.
         */
        record Resolved(Map<String, Object> params, ContainerSpec spec) implements Resolution {}

        /** A required ConfigMap, Secret or key is missing; the message names it, never a value. */
        record Missing(String message) implements Resolution {}
    }

    /**
     * The spec of {@code c} with every reference replaced by its value, in its params and in each
     * init worker's: {@code paramsFrom} in order (a later one wins on a shared key), then the
     * params themselves. Init workers take {@code valueFrom} params (they have no paramsFrom).
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
            values.get().forEach((k, v) -> params.put(from.prefix() + k,
                    from.secret() ? new SecretValue(from.ref().name(), k, v) : v));
        }
        String missing = resolveRefs(spec.params(), params, namespace, resources, "");
        List<InitWorker> inits = new ArrayList<>();
        for (InitWorker init : spec.initWorkers()) {
            if (missing != null) {
                break;
            }
            Map<String, Object> initParams = new LinkedHashMap<>();
            missing = resolveRefs(init.params(), initParams, namespace, resources, "init worker " + init.name() + ", ");
            inits.add(new InitWorker(init.name(), init.worker(), initParams));
        }
        return missing != null ? new Resolution.Missing(missing)
                : new Resolution.Resolved(params, spec.withParams(params).withParamsFrom(List.of()).withInitWorkers(inits));
    }

    /**
     * Put {@code given} into {@code into} with each {@code valueFrom} replaced by its value.
     *
     * @return what is missing, or null
     */
    private static String resolveRefs(Map<String, Object> given, Map<String, Object> into, String namespace,
                                      ResourceClient resources, String where) {
        for (Map.Entry<String, Object> param : given.entrySet()) {
            ParamKeyRef ref = ParamKeyRef.parse(param.getValue());
            if (ref == null) {
                into.put(param.getKey(), param.getValue());
                continue;
            }
            Optional<Map<String, String>> values = values(ref.secret(), namespace, ref.name(), resources);
            String value = values.map(v -> v.get(ref.key())).orElse(null);
            if (value != null) {
                into.put(param.getKey(), ref.secret() ? new SecretValue(ref.name(), ref.key(), value) : value);
            } else if (!ref.optional()) {
                return values.isEmpty() ? ref.source() + " not found"
                        : "couldn't find key " + ref.key() + " in " + (ref.secret() ? "Secret " : "ConfigMap ")
                                + namespace + "/" + ref.name() + " (" + where + "param " + param.getKey() + ")";
            }
        }
        return null;
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
                || keyRefs(spec).anyMatch(r -> r.secret() == secret && r.name().equals(name));
    }

    /** The {@code valueFrom} references of {@code spec}'s params and of its init workers' params. */
    static Stream<ParamKeyRef> keyRefs(ContainerSpec spec) {
        return Stream.concat(Stream.of(spec.params()), spec.initWorkers().stream().map(InitWorker::params))
                .flatMap(params -> params.values().stream()).map(ParamKeyRef::parse).filter(Objects::nonNull);
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
