package io.k4s.core.registry;

import io.k4s.api.Address;
import io.k4s.api.K4sException;
import io.k4s.api.UnknownWorkerTypeException;
import io.k4s.api.Worker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Know every worker type a class loader offers, resolve the names manifests use, and create
 * worker instances.
 *
 * <p>Types are discovered with {@link ServiceLoader} ({@code META-INF/services/io.k4s.api.Worker})
 * without instantiating them. A broken provider is logged, kept in {@link #problems()} and
 * skipped; the rest still load. Only registered providers resolve: a name from a manifest is
 * never handed to {@code Class.forName}.
 *
 * <p>Immutable after {@link #load}; every method is safe from any thread.
 */
public final class WorkerRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerRegistry.class);

    private record Entry(WorkerTypeInfo info, ServiceLoader.Provider<Worker> provider, String location) {}

    private final Map<String, Entry> byName;
    private final Map<String, Entry> byClassName;
    private final List<WorkerTypeInfo> types;
    private final List<String> problems;

    private WorkerRegistry(Map<String, Entry> byName, Map<String, Entry> byClassName, List<String> problems) {
        this.byName = byName;
        this.byClassName = byClassName;
        this.types = byName.values().stream().map(Entry::info).toList();
        this.problems = List.copyOf(problems);
    }

    /**
     * Discover the worker types {@code loader} sees (for a plugins folder, pass
     * {@link Plugins#classLoader}).
     *
     * @throws K4sException if two providers claim one type name; the message names both classes
     *                      and the jars they came from
     */
    public static WorkerRegistry load(ClassLoader loader) {
        List<String> duplicates = new ArrayList<>();
        WorkerRegistry registry = build(ProviderScan.scan(loader), duplicates);
        for (String problem : registry.problems) {
            LOG.warn("{}", problem);
        }
        if (!duplicates.isEmpty()) {
            throw new K4sException(String.join("; ", duplicates) + "; give one of them another name"
                    + " with @WorkerType(\"...\") or remove one of the jars");
        }
        return registry;
    }

    /** The registry of what {@code scan} found; two providers with one name are added to {@code duplicates}. */
    static WorkerRegistry build(ProviderScan scan, List<String> duplicates) {
        Map<String, Entry> byName = new TreeMap<>();
        Map<String, Entry> byClassName = new HashMap<>();
        for (ProviderScan.Found f : scan.found()) {
            String className = f.provider().type().getName();
            Entry entry = new Entry(new WorkerTypeInfo(f.name(), className, f.source(), f.description()),
                    f.provider(), f.location());
            Entry clash = byName.putIfAbsent(f.name(), entry);
            if (clash != null) {
                duplicates.add("worker type \"" + f.name() + "\" is registered twice: "
                        + clash.info().className() + " from " + clash.location() + " and "
                        + className + " from " + f.location());
            }
            byClassName.put(className, entry);
        }
        return new WorkerRegistry(byName, byClassName, scan.problems());
    }

    /** The registered types, sorted by name. */
    public List<WorkerTypeInfo> types() {
        return types;
    }

    /** What went wrong while loading providers (each one skipped); empty if nothing did. */
    public List<String> problems() {
        return problems;
    }

    /**
     * Find the type a manifest names, by type name or fully qualified class name.
     *
     * @throws UnknownWorkerTypeException listing the known names and the closest one
     */
    public WorkerTypeInfo resolve(String nameOrClassName) {
        return entry(nameOrClassName).info();
    }

    /**
     * Say why {@code nameOrClassName} does not resolve, with the same message
     * {@link #resolve} would throw, or return {@code null} if it does.
     */
    public String problem(String nameOrClassName) {
        Entry e = find(nameOrClassName);
        return e != null ? null : unknown(nameOrClassName).getMessage();
    }

    /**
     * Create a new worker of the named type through its provider.
     *
     * @throws UnknownWorkerTypeException if the name is not registered
     * @throws K4sException               if the constructor fails; the cause is attached
     */
    public Worker newWorker(String nameOrClassName) {
        return create(entry(nameOrClassName));
    }

    private static Worker create(Entry e) {
        try {
            return e.provider().get();
        } catch (ServiceConfigurationError | LinkageError | RuntimeException failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new K4sException("worker type \"" + e.info().name() + "\" (" + e.info().className()
                    + " from " + e.location() + "): cannot create an instance: " + root
                    + "; check its public no-argument constructor", failure);
        }
    }

    /**
     * Take a lease on the named type, for one container: the registry's types stay loaded as
     * long as the cluster, so releasing it does nothing.
     *
     * @throws UnknownWorkerTypeException if the name is not registered
     */
    public WorkerLease lease(String nameOrClassName) {
        return lease(nameOrClassName, null, () -> {});
    }

    /** A lease on the named type whose workers run with {@code contextLoader}; {@code onRelease} runs once. */
    WorkerLease lease(String nameOrClassName, ClassLoader contextLoader, Runnable onRelease) {
        Entry e = entry(nameOrClassName);
        ClassLoader classes = e.provider().type().getClassLoader();
        String origin = PayloadOrigins.origin(classes);
        AtomicBoolean released = new AtomicBoolean();
        return new WorkerLease() {
            @Override
            public WorkerTypeInfo type() {
                return e.info();
            }

            @Override
            public Worker newWorker() {
                return create(e);
            }

            @Override
            public ClassLoader contextClassLoader() {
                return contextLoader;
            }

            @Override
            public String origin() {
                return origin;
            }

            @Override
            public Throwable explain(Throwable thrown, Object payload, Address container) {
                return PayloadOrigins.explain(thrown, payload, classes, container);
            }

            @Override
            public void release() {
                if (released.compareAndSet(false, true)) {
                    onRelease.run();
                }
            }

            @Override
            public String toString() {
                return "lease on " + e.info().name() + " from " + origin;
            }
        };
    }

    private Entry entry(String nameOrClassName) {
        Entry e = find(nameOrClassName);
        if (e == null) {
            throw unknown(nameOrClassName);
        }
        return e;
    }

    private Entry find(String nameOrClassName) {
        if (nameOrClassName == null) {
            return null;
        }
        String key = nameOrClassName.trim();
        Entry e = byName.get(key);
        return e != null ? e : byClassName.get(key);
    }

    /** The registered type names, sorted. */
    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The type name or class name nearest to {@code name}, if close enough to be a typo; else {@code null}. */
    String closest(String name) {
        List<String> candidates = new ArrayList<>(byName.keySet());
        candidates.addAll(byClassName.keySet());
        return name == null ? null : WorkerNames.closest(name.trim(), candidates);
    }

    private UnknownWorkerTypeException unknown(String name) {
        return new UnknownWorkerTypeException(String.valueOf(name), names(), closest(name));
    }
}
