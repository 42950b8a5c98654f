package io.k4s.core.messaging;

import io.k4s.core.registry.ServiceProviders;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Find the {@link TransportProvider} of a location's scheme with ServiceLoader and open its
 * transport: {@code nats://HOST:PORT} (module k4s-transport-nats). Stateless and thread-safe.
 */
public final class Transports {

    private Transports() {}

    /**
     * Open the transport at {@code location} with the provider of its scheme that {@code loader}
     * finds; the caller owns it.
     *
     * @throws IllegalArgumentException if the location has no scheme or no provider of its scheme
     *                                  is on the class path (the message names the module to add)
     */
    public static Transport open(String location, ClassLoader loader) {
        String scheme = scheme(location);
        List<String> known = new ArrayList<>();
        for (TransportProvider provider : ServiceProviders.load(TransportProvider.class, loader, "transport provider")) {
            if (provider.scheme().equals(scheme)) {
                return provider.open(location);
            }
            known.add(provider.usage());
        }
        throw new IllegalArgumentException("no transport provider for \"" + scheme + "://\" locations is on the class"
                + " path" + (known.isEmpty() ? "" : "; the known ones are " + String.join(", ", known))
                + " (io.k4s:k4s-transport-nats brings nats://HOST:PORT; the k4s application has it)");
    }

    /**
     * The scheme of {@code location}: the text before {@code ://}.
     *
     * @throws IllegalArgumentException if it has none
     */
    public static String scheme(String location) {
        Objects.requireNonNull(location, "location");
        int at = location.indexOf("://");
        if (at <= 0) {
            throw new IllegalArgumentException("transport location \"" + location + "\" has no scheme; write"
                    + " nats://HOST:PORT[,HOST:PORT...]");
        }
        return location.substring(0, at);
    }
}
