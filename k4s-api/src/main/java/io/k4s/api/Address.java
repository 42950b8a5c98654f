package io.k4s.api;

import java.util.Objects;

/**
 * Name where a message goes: one container, or a service that picks one of its endpoints.
 *
 * <p>A {@code null} namespace is relative: a worker's address resolves in the worker's own
 * namespace, an outside caller's in {@code default}. The text form is {@code kind/name} or
 * {@code namespace/kind/name}, for example {@code service/calc} or {@code team-a/container/calc-0}.
 *
 * @param kind      a container or a service
 * @param namespace the namespace, or {@code null} for the caller's own
 * @param name      the container or service name
 */
public record Address(Kind kind, String namespace, String name) {

    /** What an address names. */
    public enum Kind {
        /** One container, addressed directly. */
        CONTAINER("container"),
        /** A service, which routes to one of its endpoints. */
        SERVICE("service");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        /** The word used in the text form: {@code container} or {@code service}. */
        public String text() {
            return text;
        }
    }

    /** Validates the parts; the name must not be blank. */
    public Address {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("address name must not be blank");
        }
        if (namespace != null && namespace.isBlank()) {
            namespace = null;
        }
    }

    /** A service in the caller's namespace. */
    public static Address service(String name) {
        return new Address(Kind.SERVICE, null, name);
    }

    /** A service in the given namespace. */
    public static Address service(String namespace, String name) {
        return new Address(Kind.SERVICE, namespace, name);
    }

    /** A container in the caller's namespace. */
    public static Address container(String name) {
        return new Address(Kind.CONTAINER, null, name);
    }

    /** A container in the given namespace. */
    public static Address container(String namespace, String name) {
        return new Address(Kind.CONTAINER, namespace, name);
    }

    /**
     * Read the text form: {@code service/calc}, {@code container/calc-0}, {@code ns/service/calc};
     * {@code svc} and {@code ctr} are accepted as short kinds.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Address parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("address must not be null");
        }
        String[] parts = text.trim().split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException(badAddress(text));
        }
        String namespace = parts.length == 3 ? parts[0] : null;
        String kindText = parts[parts.length - 2];
        String name = parts[parts.length - 1];
        Kind kind = switch (kindText) {
            case "service", "svc", "services" -> Kind.SERVICE;
            case "container", "ctr", "containers" -> Kind.CONTAINER;
            default -> throw new IllegalArgumentException(badAddress(text));
        };
        if (name.isBlank() || (namespace != null && namespace.isBlank())) {
            throw new IllegalArgumentException(badAddress(text));
        }
        return new Address(kind, namespace, name);
    }

    private static String badAddress(String text) {
        return "invalid address \"" + text + "\": expected service/NAME, container/NAME or"
                + " NAMESPACE/service/NAME";
    }

    /** This address with the namespace filled in when it was relative. */
    public Address resolveIn(String defaultNamespace) {
        return namespace != null ? this : new Address(kind, defaultNamespace, name);
    }

    /** The text form that {@link #parse} reads. */
    @Override
    public String toString() {
        String local = kind.text() + "/" + name;
        return namespace == null ? local : namespace + "/" + local;
    }
}
