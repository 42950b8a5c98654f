package io.k4s.core.manifest;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Service;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Name the kinds k4s knows, the way kubectl accepts them: {@code Container}, {@code container},
 * {@code containers}, {@code ctr}; {@code ReplicaSet}, {@code replicasets}, {@code rs};
 * {@code Service}, {@code services}, {@code svc}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ResourceKinds {

    private record Kind(String name, Class<? extends Resource> type, String plural, String shortName) {}

    private static final List<Kind> KINDS = List.of(
            new Kind(Container.KIND, Container.class, "containers", "ctr"),
            new Kind(ReplicaSet.KIND, ReplicaSet.class, "replicasets", "rs"),
            new Kind(Service.KIND, Service.class, "services", "svc"));

    private ResourceKinds() {}

    /**
     * Find the kind named by {@code text}: the kind in any case, its plural or its short name.
     *
     * @return the resource class, or empty if {@code text} names no known kind
     */
    public static Optional<Class<? extends Resource>> byName(String text) {
        return find(text).map(Kind::type);
    }

    /**
     * Find the kind named by {@code text}, as {@link #byName} does.
     *
     * @throws IllegalArgumentException naming the known kinds, if {@code text} names none
     */
    public static Class<? extends Resource> require(String text) {
        return byName(text).orElseThrow(() -> new IllegalArgumentException("unknown kind \"" + text + "\""
                + suggestion(text).map(s -> "; did you mean \"" + s + "\"?").orElse("")
                + " (known kinds: " + String.join(", ", names())
                + "; also their plurals and the short names ctr, rs, svc)"));
    }

    /**
     * The kind name of {@code type}, for example {@code ReplicaSet}.
     *
     * @throws IllegalArgumentException if {@code type} is not a known kind
     */
    public static String kindOf(Class<? extends Resource> type) {
        for (Kind k : KINDS) {
            if (k.type == type) {
                return k.name;
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not a known kind; known kinds: "
                + String.join(", ", names()));
    }

    /** The kind names, in the order k4s lists them: Container, ReplicaSet, Service. */
    public static List<String> names() {
        return KINDS.stream().map(Kind::name).toList();
    }

    /** The kind {@code text} was probably meant to be (a near miss in spelling), if any. */
    static Optional<String> suggestion(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<Kind> exact = find(text);
        if (exact.isPresent()) {
            return exact.map(Kind::name);
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        for (Kind k : KINDS) {
            if (Spelling.distance(lower, k.name.toLowerCase(Locale.ROOT)) <= 2
                    || Spelling.distance(lower, k.plural) <= 2) {
                return Optional.of(k.name);
            }
        }
        return Optional.empty();
    }

    private static Optional<Kind> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        for (Kind k : KINDS) {
            if (k.name.equalsIgnoreCase(t) || k.plural.equalsIgnoreCase(t) || k.shortName.equalsIgnoreCase(t)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
