package io.k4s.core.wire;

import java.util.Objects;

/**
 * A payload as it crosses JVMs.
 *
 * @param codec the codec that encoded it: {@value PayloadCodecs#JSON}, or a
 *              {@link io.k4s.api.PayloadCodec}'s name
 * @param type  the class name the receiver rebuilds (a record or an enum under JSON, any class
 *              under another codec), or {@code null} for the generic form
 * @param body  the bytes; not copied (the transport owns them once encoded)
 */
public record Encoded(String codec, String type, byte[] body) {

    /** Requires a codec and a body. */
    public Encoded {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(body, "body");
    }
}
