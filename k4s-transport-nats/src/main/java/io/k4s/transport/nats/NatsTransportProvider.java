package io.k4s.transport.nats;

import io.k4s.core.messaging.Transport;
import io.k4s.core.messaging.TransportProvider;

/**
 * Open {@link NatsTransport}s for {@code nats://HOST:PORT[,HOST:PORT...]} locations
 * ({@code --transport}); registered for ServiceLoader. Stateless.
 */
public final class NatsTransportProvider implements TransportProvider {

    @Override
    public String scheme() {
        return "nats";
    }

    @Override
    public String usage() {
        return "nats://HOST:PORT[,HOST:PORT...]";
    }

    @Override
    public Transport open(String location) {
        if (!location.startsWith("nats://") || location.length() == "nats://".length()) {
            throw new IllegalArgumentException("transport location \"" + location + "\": expected " + usage());
        }
        return NatsTransport.connect(location);
    }
}
