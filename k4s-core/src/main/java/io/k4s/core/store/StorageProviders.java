package io.k4s.core.store;

import io.k4s.core.kind.KindRegistry;
import io.k4s.core.registry.ServiceProviders;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Find the {@link StorageProvider} of a location's scheme with {@link java.util.ServiceLoader} and open
 * its backend: {@code sqlite:DIR} (module k4s-store-sqlite), {@code etcd://HOST:PORT[,...]}
 * (module k4s-store-etcd), {@code memory:} (the in-memory backend, always there).
 *
 * <p>Discovery is defensive, as the kind registry's: a provider that cannot be loaded is logged
 * and skipped. Stateless and thread-safe.
 */
public final class StorageProviders {

    /** The scheme of the in-memory backend, which needs no provider. */
    public static final String MEMORY = "memory";

    private static final Logger LOG = LoggerFactory.getLogger(StorageProviders.class);
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    private StorageProviders() {}

    /**
     * The scheme of {@code location}: the text before its first {@code :}.
     *
     * @throws IllegalArgumentException if it has none; the message shows the accepted forms
     */
    public static String scheme(String location) {
        Objects.requireNonNull(location, "location");
        int colon = location.indexOf(':');
        String scheme = colon < 0 ? "" : location.substring(0, colon);
        if (!SCHEME.matcher(scheme).matches()) {
            throw new IllegalArgumentException("storage location \"" + location + "\" has no scheme; write"
                    + " etcd://HOST:PORT[,HOST:PORT...], sqlite:DIR (or use a data dir), or memory:");
        }
        return scheme;
    }

    /**
     * Open the backend at {@code location} with the provider of its scheme that {@code loader}
     * finds, encoding values with {@code kinds}' codec; the caller owns the backend.
     *
     * @throws IllegalArgumentException if the location is malformed or no provider of its scheme
     *                                  is on the class path (the message names the module to add)
     * @throws io.k4s.api.resource.StorageException if the provider cannot open the storage
     */
    public static StorageBackend open(String location, KindRegistry kinds, ClassLoader loader) {
        String scheme = scheme(location);
        if (scheme.equals(MEMORY)) {
            return new InMemoryBackend();
        }
        List<String> known = new ArrayList<>();
        known.add(MEMORY + ":");
        for (StorageProvider provider : providers(loader)) {
            if (provider.scheme().equals(scheme)) {
                LOG.info("opening storage {}", location);
                return provider.open(location, kinds);
            }
            known.add(provider.usage());
        }
        throw new IllegalArgumentException("no storage provider for \"" + scheme + ":\" locations is on the class path;"
                + " the known ones are " + String.join(", ", known) + " (io.k4s:k4s-store-sqlite and"
                + " io.k4s:k4s-store-etcd bring the last two; the k4s application has both)");
    }

    private static List<StorageProvider> providers(ClassLoader loader) {
        return ServiceProviders.load(StorageProvider.class, loader, "storage provider");
    }
}
