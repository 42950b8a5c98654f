package io.k4s.api;

/**
 * Encode payloads of types the built-in JSON codec does not know, for messages and replies that
 * cross JVMs: discovered with {@code ServiceLoader<PayloadCodec>} (register the class in
 * {@code META-INF/services/io.k4s.api.PayloadCodec}), on every node.
 *
 * <p>The built-in codec handles {@code null}, strings, numbers, booleans, enums, maps with string
 * keys, lists and records of those; a codec is asked only for a top-level payload of another
 * type. The sending node picks the first codec whose {@link #encodes} accepts the payload's
 * class and sends its {@link #name()} with the bytes; the receiving node decodes with the codec of
 * that name (a message naming a codec it lacks fails typed there). Implementations must be
 * thread-safe and have a public no-argument constructor.
 */
public interface PayloadCodec {

    /** Name this codec on the wire: unique, and the same on every node. {@code json} is taken. */
    String name();

    /** Whether this codec encodes values of {@code type}. */
    boolean encodes(Class<?> type);

    /** Encode {@code payload}, a value of a type {@link #encodes} accepted. */
    byte[] encode(Object payload) throws Exception;

    /**
     * Decode bytes this codec encoded on another node.
     *
     * @param type the class name of the payload that was encoded
     * @param bytes what {@link #encode} returned
     */
    Object decode(String type, byte[] bytes) throws Exception;
}
