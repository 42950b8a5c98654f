package io.k4s.api;

import io.k4s.api.resource.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A param value taken from a Secret, as a container's resolved params carry it to the runtime:
 * {@link Params#of} unwraps it, so a worker reads the plain value, and remembers where it came
 * from, so that no error message of {@link Params} quotes it. Its {@link #toString()} is the
 * redacted placeholder, never the value.
 *
 * @param secret the Secret's name
 * @param key    the key within the Secret
 * @param value  the value
 */
public record SecretValue(String secret, String key, String value) {

    /** Requires all three. */
    public SecretValue {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** {@code secret key NAME/KEY}: how an error names this value instead of quoting it. */
    public String source() {
        return "secret key " + secret + "/" + key;
    }

    /** The redacted placeholder ({@code <redacted: N bytes>}), never the value. */
    @Override
    public String toString() {
        return Secret.placeholder(value.getBytes(StandardCharsets.UTF_8).length);
    }
}
