package io.k4s.bench;

import io.k4s.api.Worker;
import io.k4s.api.WorkerType;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Create workers by type name for the Pekko and JDK fabrics, found with {@link ServiceLoader}
 * the way k4s finds them.
 *
 * <p>Only {@link WorkerType}-annotated workers and fully qualified class names are known; that
 * covers the example workers and the bench workers. Thread-safe after class initialization.
 */
final class WorkerTypes {

    private static final Map<String, ServiceLoader.Provider<Worker>> PROVIDERS = load();

    private WorkerTypes() {
    }

    /**
     * A new instance of the worker type {@code name}.
     *
     * @throws IllegalArgumentException naming the known types when {@code name} is not one
     */
    static Worker create(String name) {
        ServiceLoader.Provider<Worker> provider = PROVIDERS.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("unknown worker type \"" + name + "\"; known: "
                    + PROVIDERS.keySet() + " (register it in META-INF/services/io.k4s.api.Worker)");
        }
        return provider.get();
    }

    private static Map<String, ServiceLoader.Provider<Worker>> load() {
        Map<String, ServiceLoader.Provider<Worker>> byName = new TreeMap<>();
        ServiceLoader.load(Worker.class, WorkerTypes.class.getClassLoader()).stream().forEach(p -> {
            byName.put(p.type().getName(), p);
            WorkerType type = p.type().getAnnotation(WorkerType.class);
            if (type != null) {
                byName.put(type.value(), p);
            }
        });
        return Map.copyOf(byName);
    }
}
