package io.k4s.server.internal.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;

/**
 * Convert between the JSON of gateway requests and the Java values workers see.
 *
 * <p>A payload is read as Jackson's untyped form, with the manifests' limits
 * ({@code JsonText}): an object becomes a {@code LinkedHashMap<String, Object>}, an array an
 * {@code ArrayList}, a string a {@code String}, an integer an {@code Integer} (a {@code Long}
 * or {@code BigInteger} when it does not fit), a decimal a {@code Double}, {@code true}/{@code false}
 * a {@code Boolean}, {@code null} null. A reply is written with Jackson: maps, collections,
 * arrays, strings, numbers, booleans and null as they are; records and beans as objects of
 * their components or properties; {@code java.time} values as ISO-8601 text; enums by name.
 * Stateless and thread-safe.
 */
final class Payloads {

    private static final ObjectMapper REPLIES = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Payloads() {}

    /**
     * {@code reply} as JSON.
     *
     * @throws IllegalArgumentException naming the reply's type if Jackson cannot write it
     */
    static byte[] reply(Object reply) {
        try {
            return REPLIES.writeValueAsString(reply).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the reply (a " + reply.getClass().getName() + ") cannot be written as"
                    + " JSON: " + e.getOriginalMessage(), e);
        }
    }
}
