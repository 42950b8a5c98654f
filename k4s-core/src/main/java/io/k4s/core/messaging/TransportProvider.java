package io.k4s.core.messaging;

/**
 * Open a {@link Transport} at a location of one scheme ({@code nats://127.0.0.1:4222}): the
 * service a transport module registers in
 * {@code META-INF/services/io.k4s.core.messaging.TransportProvider}, so k4s-core (and a
 * single-JVM application) never depends on it.
 *
 * <p>An implementation has a public no-argument constructor and is stateless; {@link #open} may
 * be called from any thread.
 */
public interface TransportProvider {

    /** The scheme of the locations this provider opens, as {@code nats}. */
    String scheme();

    /** What the provider's locations look like, for error messages: {@code nats://HOST:PORT[,...]}. */
    String usage();

    /**
     * Open (connect) the transport at {@code location}, the whole text, scheme included. The
     * caller owns it.
     *
     * @throws IllegalArgumentException if {@code location} is malformed; the message says how it
     *                                  should read
     * @throws io.k4s.api.K4sException if it cannot connect; the message says what to check
     */
    Transport open(String location);
}
