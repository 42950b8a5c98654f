package io.k4s.api.resource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One param taken from one key of a ConfigMap or a Secret: what a param written as
 * {@code {valueFrom: {configMapKeyRef|secretKeyRef: {name, key, optional}}}} means, as
 * Kubernetes' {@code env[].valueFrom}.
 *
 * @param secret   whether it names a Secret (else a ConfigMap)
 * @param name     the ConfigMap's or Secret's name, in the container's namespace
 * @param key      the key in it
 * @param optional whether the container starts without it (the param is then absent)
 */
public record ParamKeyRef(boolean secret, String name, String key, boolean optional) {

    /** The one field of a param value that takes it from a ConfigMap or a Secret. */
    public static final String VALUE_FROM = "valueFrom";

    /**
     * The reference {@code paramValue} writes, or null if it is an ordinary value (anything but a
     * map with a {@value #VALUE_FROM} field).
     *
     * @throws IllegalArgumentException saying what is wrong, with the path below the param
     */
    public static ParamKeyRef parse(Object paramValue) {
        if (!(paramValue instanceof Map<?, ?> map) || !map.containsKey(VALUE_FROM)) {
            return null;
        }
        if (map.size() != 1) {
            throw new IllegalArgumentException(VALUE_FROM + ": a param taken from a ConfigMap or Secret has no other"
                    + " field than valueFrom");
        }
        if (!(map.get(VALUE_FROM) instanceof Map<?, ?> from) || from.size() != 1
                || !(from.containsKey("configMapKeyRef") || from.containsKey("secretKeyRef"))) {
            throw new IllegalArgumentException(VALUE_FROM + ": expected exactly one of configMapKeyRef and secretKeyRef,"
                    + " such as {secretKeyRef: {name: db, key: password}}");
        }
        boolean secret = from.containsKey("secretKeyRef");
        String field = VALUE_FROM + "." + (secret ? "secretKeyRef" : "configMapKeyRef");
        if (!(from.values().iterator().next() instanceof Map<?, ?> ref)) {
            throw new IllegalArgumentException(field + ": expected a map with name, key and optionally optional");
        }
        for (Object k : ref.keySet()) {
            if (!Set.of("name", "key", "optional").contains(String.valueOf(k))) {
                throw new IllegalArgumentException(field + "." + k + ": unknown field; known: name, key, optional");
            }
        }
        if (!(ref.get("name") instanceof String name) || name.isBlank()) {
            throw new IllegalArgumentException(field + ".name: required, the " + (secret ? "Secret's" : "ConfigMap's")
                    + " name");
        }
        if (!(ref.get("key") instanceof String key) || key.isBlank()) {
            throw new IllegalArgumentException(field + ".key: required, a key of the " + (secret ? "Secret" : "ConfigMap"));
        }
        Object optional = ref.get("optional");
        if (optional != null && !(optional instanceof Boolean)) {
            throw new IllegalArgumentException(field + ".optional: expected true or false");
        }
        return new ParamKeyRef(secret, name, key, Boolean.TRUE.equals(optional));
    }

    /** Key {@code key} of ConfigMap {@code name}. */
    public static ParamKeyRef configMapKey(String name, String key) {
        return new ParamKeyRef(false, name, key, false);
    }

    /** Key {@code key} of Secret {@code name}. */
    public static ParamKeyRef secretKey(String name, String key) {
        return new ParamKeyRef(true, name, key, false);
    }

    /** A copy that lets the container start without the value. */
    public ParamKeyRef asOptional() {
        return new ParamKeyRef(secret, name, key, true);
    }

    /** The param value that writes this reference, for {@link ContainerSpec#params()}. */
    public Map<String, Object> asParam() {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("name", name);
        ref.put("key", key);
        if (optional) {
            ref.put("optional", true);
        }
        return Map.of(VALUE_FROM, Map.of(secret ? "secretKeyRef" : "configMapKeyRef", ref));
    }

    /** {@code configmap "NAME"} or {@code secret "NAME"}, as messages name it. */
    public String source() {
        return (secret ? "secret" : "configmap") + " \"" + name + "\"";
    }
}
