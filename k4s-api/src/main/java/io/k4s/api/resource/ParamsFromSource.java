package io.k4s.api.resource;

/**
 * Take every key of a ConfigMap or a Secret as a param: one entry of a container's
 * {@code paramsFrom}, as an {@code envFrom} entry of Kubernetes. Exactly one of the two
 * references is given.
 *
 * @param configMapRef the ConfigMap, or null
 * @param secretRef    the Secret, or null
 * @param prefix       put before each key to make the param's name; default empty
 */
public record ParamsFromSource(ConfigRef configMapRef, ConfigRef secretRef, String prefix) {

    /**
     * Requires exactly one reference.
     *
     * @throws IllegalArgumentException if none or both are given
     */
    public ParamsFromSource {
        if ((configMapRef == null) == (secretRef == null)) {
            throw new IllegalArgumentException("give exactly one of configMapRef and secretRef");
        }
        prefix = prefix == null ? "" : prefix;
    }

    /** All keys of ConfigMap {@code name}. */
    public static ParamsFromSource configMap(String name) {
        return new ParamsFromSource(new ConfigRef(name, false), null, "");
    }

    /** All keys of Secret {@code name}. */
    public static ParamsFromSource secret(String name) {
        return new ParamsFromSource(null, new ConfigRef(name, false), "");
    }

    /** The reference given. */
    public ConfigRef ref() {
        return configMapRef != null ? configMapRef : secretRef;
    }

    /** Whether it names a Secret. */
    public boolean secret() {
        return secretRef != null;
    }

    /**
     * A reference to a ConfigMap or Secret by name, in the container's namespace.
     *
     * @param name     its name
     * @param optional whether the container starts without it; default false (it waits,
     *                 {@code CreateContainerConfigError})
     */
    public record ConfigRef(String name, boolean optional) {

        /** Requires a name. */
        public ConfigRef {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name: required");
            }
        }
    }
}
