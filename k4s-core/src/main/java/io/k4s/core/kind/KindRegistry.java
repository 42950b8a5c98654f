package io.k4s.core.kind;

import io.k4s.api.K4sException;
import io.k4s.api.resource.KindProvider;
import io.k4s.api.resource.Kinds;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.core.schema.Spelling;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Know every kind a cluster handles: the built-in ones ({@link Kinds}) and those that
 * {@link KindProvider}s contribute through {@link ServiceLoader}; look them up by Java type and
 * by the names kubectl accepts (kind in any case, plural, singular, short name).
 *
 * <p>Discovery is defensive, as for workers: a provider that cannot be loaded or throws is
 * logged, kept in {@link #problems()} and skipped. Two kinds claiming one kind name, plural,
 * singular or short name (or one Java type) is a startup error naming both providers.
 *
 * <p>Immutable after it is built; every method is safe from any thread.
 */
public final class KindRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(KindRegistry.class);
    private static final String BUILT_IN = Kinds.class.getName() + " (built in)";
    private static final KindRegistry BUILT_INS = new KindRegistry(register(List.of()), List.of());

    /** A kind and the provider that contributed it. */
    private record Entry(ResourceKind<?> kind, String provider) {}

    private final List<ResourceKind<?>> kinds;
    private final Map<Class<?>, ResourceKind<?>> byType = new HashMap<>();
    private final Map<String, ResourceKind<?>> byName = new HashMap<>();
    private final Map<String, ResourceKind<?>> byKind = new HashMap<>();
    private final List<String> problems;

    private KindRegistry(List<Entry> entries, List<String> problems) {
        this.kinds = entries.stream().map(Entry::kind)
                .sorted(Comparator.comparing(ResourceKind::kind)).toList();
        for (Entry e : entries) {
            byType.put(e.kind().type(), e.kind());
            byKind.put(e.kind().kind(), e.kind());
            e.kind().names().forEach(n -> byName.put(n, e.kind()));
        }
        this.problems = List.copyOf(problems);
    }

    /** The built-in kinds only ({@link Kinds#builtIn()}): Container, ReplicaSet, Service and the workloads. */
    public static KindRegistry builtIn() {
        return BUILT_INS;
    }

    /**
     * The built-in kinds and those of every {@link KindProvider} {@code loader} finds.
     *
     * @throws K4sException if two kinds claim one name or one Java type; the message names both
     *                      providers and where they were loaded from
     */
    public static KindRegistry load(ClassLoader loader) {
        List<Entry> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        ServiceLoader<KindProvider> services = ServiceLoader.load(KindProvider.class, loader);
        var providers = services.stream().iterator();
        while (true) {
            ServiceLoader.Provider<KindProvider> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                problems.add("a kind provider could not be loaded and was skipped: " + e.getMessage());
                continue;
            }
            if (provider.type() == Kinds.class) {
                continue; // the built-in kinds are always registered first
            }
            String name = provider.type().getName() + " (from " + location(provider.type()) + ")";
            try {
                for (ResourceKind<?> kind : provider.get().kinds()) {
                    found.add(new Entry(kind, name));
                }
            } catch (ServiceConfigurationError | RuntimeException e) {
                problems.add("kind provider " + name + " failed and was skipped: " + e);
            }
        }
        problems.forEach(p -> LOG.warn("{}", p));
        return new KindRegistry(register(found), problems);
    }

    /**
     * The built-in kinds and {@code extra}, for tests and embedding.
     *
     * @throws K4sException if two kinds claim one name or one Java type
     */
    public static KindRegistry of(List<ResourceKind<?>> extra) {
        return new KindRegistry(register(extra.stream().map(k -> new Entry(k, "given")).toList()), List.of());
    }

    private static List<Entry> register(List<Entry> extra) {
        List<Entry> all = new ArrayList<>();
        Kinds.builtIn().forEach(k -> all.add(new Entry(k, BUILT_IN)));
        all.addAll(extra);
        Map<String, Entry> names = new HashMap<>();
        Map<Class<?>, Entry> types = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (Entry e : all) {
            Entry typeClash = types.putIfAbsent(e.kind().type(), e);
            if (typeClash != null) {
                clashes.add(e.kind().type().getName() + " is the Java type of kind " + typeClash.kind().kind()
                        + " from " + typeClash.provider() + " and of kind " + e.kind().kind() + " from " + e.provider());
            }
            for (String n : e.kind().names()) {
                Entry clash = names.putIfAbsent(n, e);
                if (clash != null && clash != e) {
                    clashes.add("the name \"" + n + "\" is claimed by kind " + clash.kind().kind() + " from "
                            + clash.provider() + " and by kind " + e.kind().kind() + " from " + e.provider());
                }
            }
        }
        if (!clashes.isEmpty()) {
            throw new K4sException(String.join("; ", clashes) + "; rename one of the kinds (kind, plural, singular"
                    + " or short names) or remove one of the jars");
        }
        return all;
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "an unknown location";
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }

    /** Every kind, sorted by kind name. */
    public List<ResourceKind<?>> kinds() {
        return kinds;
    }

    /** The kind names, sorted: {@code Container, CronJob, Deployment, ...}. */
    public List<String> names() {
        return kinds.stream().map(ResourceKind::kind).toList();
    }

    /** What went wrong while discovering providers (each one skipped); empty if nothing did. */
    public List<String> problems() {
        return problems;
    }

    /** The kind whose Java type is {@code type}, if registered. */
    @SuppressWarnings("unchecked")
    public <R extends Resource> Optional<ResourceKind<R>> find(Class<R> type) {
        return Optional.ofNullable((ResourceKind<R>) byType.get(type));
    }

    /**
     * The kind whose Java type is {@code type}.
     *
     * @throws IllegalArgumentException naming the known kinds, if it is not registered
     */
    public <R extends Resource> ResourceKind<R> kindOf(Class<R> type) {
        return find(type).orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not a registered"
                + " kind; known kinds: " + String.join(", ", names()) + " (a jar adds kinds with a KindProvider)"));
    }

    /** The kind of {@code resource}, by its Java type. */
    public Optional<ResourceKind<?>> kindOf(Resource resource) {
        return Optional.ofNullable(byType.get(resource.getClass()));
    }

    /** The kind whose manifest spelling is exactly {@code kind}, such as {@code ReplicaSet}. */
    public Optional<ResourceKind<?>> forKind(String kind) {
        return Optional.ofNullable(kind == null ? null : byKind.get(kind));
    }

    /** The kind {@code text} names: the kind in any case, its plural, singular or a short name. */
    public Optional<ResourceKind<?>> find(String text) {
        return Optional.ofNullable(text == null ? null : byName.get(text.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * The kind {@code text} names, as {@link #find(String)} does.
     *
     * @throws IllegalArgumentException naming the known kinds (and the nearest, if it is a near miss)
     */
    public ResourceKind<?> require(String text) {
        return find(text).orElseThrow(() -> new IllegalArgumentException("unknown kind \"" + text + "\""
                + suggestion(text).map(s -> "; did you mean \"" + s + "\"?").orElse("")
                + " (known kinds: " + knownKinds() + ")"));
    }

    /** The kind {@code text} was probably meant to be (a near miss of a kind name or plural), if any. */
    public Optional<String> suggestion(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<ResourceKind<?>> exact = find(text);
        if (exact.isPresent()) {
            return exact.map(ResourceKind::kind);
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        for (ResourceKind<?> k : kinds) {
            if (Spelling.distance(lower, k.kind().toLowerCase(Locale.ROOT)) <= 2
                    || Spelling.distance(lower, k.plural()) <= 2) {
                return Optional.of(k.kind());
            }
        }
        return Optional.empty();
    }

    /**
     * The known kinds in words, for help and errors:
     * {@code Container, CronJob, ...; also their plurals and the short names ctr, cj, ...}.
     */
    public String knownKinds() {
        Set<String> shortNames = new LinkedHashSet<>();
        kinds.forEach(k -> shortNames.addAll(k.shortNames()));
        return String.join(", ", names()) + "; also their plurals"
                + (shortNames.isEmpty() ? "" : " and the short names " + String.join(", ", shortNames));
    }

    /** {@code containers|ctr, replicasets|rs, services|svc}, as help texts list kinds. */
    public String pluralsAndShortNames() {
        return kinds.stream().map(k -> k.shortNames().isEmpty() ? k.plural()
                : k.plural() + "|" + String.join("|", k.shortNames())).collect(Collectors.joining(", "));
    }
}
