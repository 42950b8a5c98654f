package io.k4s.core.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load the providers of a service with {@link ServiceLoader}, defensively: one that cannot be
 * loaded is logged and skipped, never fatal to the others (as SLF4J does with its providers).
 * Stateless; any thread.
 */
public final class ServiceProviders {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProviders.class);

    private ServiceProviders() {}

    /**
     * Every provider of {@code type} that {@code loader} finds and can instantiate, in loader
     * order; {@code what} names them in the warning about one that cannot be loaded.
     */
    public static <T> List<T> load(Class<T> type, ClassLoader loader, String what) {
        List<T> found = new ArrayList<>();
        var it = ServiceLoader.load(type, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("a {} could not be loaded and was skipped: {}", what, e.getMessage());
            }
        }
    }
}
