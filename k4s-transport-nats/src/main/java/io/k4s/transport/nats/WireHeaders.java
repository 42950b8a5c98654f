package io.k4s.transport.nats;

import io.k4s.api.Address;
import io.k4s.core.messaging.WireMessage;
import io.k4s.core.messaging.WireReply;
import io.k4s.core.schema.JsonText;
import io.k4s.core.wire.Encoded;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Map {@link WireMessage}s and {@link WireReply}s to NATS messages and back: k4s's fields in
 * NATS headers ({@code K4s-*}), the encoded payload as the body, the message's own headers as one
 * compact JSON object in {@code K4s-Headers} (so any header name a user picks survives NATS'
 * header syntax). Stateless; any thread.
 */
final class WireHeaders {

    static final String CONTAINER = "K4s-Container";
    static final String TARGET = "K4s-Target";
    static final String SENDER = "K4s-Sender";
    static final String FROM = "K4s-From";
    static final String TIMEOUT = "K4s-Timeout";
    static final String CODEC = "K4s-Codec";
    static final String TYPE = "K4s-Type";
    static final String USER = "K4s-Headers";
    static final String OUTCOME = "K4s-Outcome";
    static final String FAILURE = "K4s-Failure";
    static final String FAILED = "failed";

    private WireHeaders() {}

    static Headers of(WireMessage m) {
        Headers h = new Headers();
        h.put(CONTAINER, m.container().toString());
        if (!m.target().equals(m.container())) {
            h.put(TARGET, m.target().toString());
        }
        if (m.sender() != null) {
            h.put(SENDER, m.sender().toString());
        }
        h.put(FROM, m.fromNode());
        if (m.request()) {
            h.put(TIMEOUT, Long.toString(m.timeoutMillis()));
        }
        payload(h, m.payload());
        if (!m.headers().isEmpty()) {
            h.put(USER, JsonText.write(m.headers()));
        }
        return h;
    }

    private static void payload(Headers h, Encoded e) {
        h.put(CODEC, e.codec());
        if (e.type() != null) {
            h.put(TYPE, e.type());
        }
    }

    /**
     * The k4s message in {@code msg}.
     *
     * @throws IllegalArgumentException if it lacks k4s's headers or they do not parse
     */
    static WireMessage message(Message msg) {
        Headers h = msg.getHeaders();
        if (h == null || h.getFirst(CONTAINER) == null || h.getFirst(FROM) == null || h.getFirst(CODEC) == null) {
            throw new IllegalArgumentException("not a k4s message (no " + CONTAINER + ", " + FROM + " or " + CODEC
                    + " header)");
        }
        Address container = Address.parse(h.getFirst(CONTAINER));
        String target = h.getFirst(TARGET);
        String sender = h.getFirst(SENDER);
        String timeout = h.getFirst(TIMEOUT);
        return new WireMessage(container, target == null ? container : Address.parse(target),
                sender == null ? null : Address.parse(sender), h.getFirst(FROM), user(h.getFirst(USER)),
                new Encoded(h.getFirst(CODEC), h.getFirst(TYPE), body(msg)), timeout == null ? 0 : Long.parseLong(timeout));
    }

    private static Map<String, String> user(String json) {
        if (json == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        ((Map<?, ?>) JsonText.read(json)).forEach((k, v) -> out.put(k.toString(), String.valueOf(v)));
        return Map.copyOf(out);
    }

    /** Headers of a reply to {@code m}: a value, or a failure naming the container and sender (for refusals). */
    static Headers of(WireReply r, WireMessage m) {
        Headers h = new Headers();
        if (r.value() != null) {
            payload(h, r.value());
        } else {
            h.put(OUTCOME, FAILED);
            h.put(CONTAINER, m.container().toString());
            if (m.sender() != null) {
                h.put(SENDER, m.sender().toString());
            }
        }
        return h;
    }

    static byte[] body(WireReply r) {
        return r.value() != null ? r.value().body() : r.failure();
    }

    /**
     * The k4s reply in {@code msg}.
     *
     * @throws IllegalArgumentException if it lacks k4s's headers
     */
    static WireReply reply(Message msg) {
        Headers h = msg.getHeaders();
        if (h != null && FAILED.equals(h.getFirst(OUTCOME))) {
            return WireReply.failed(body(msg));
        }
        if (h == null || h.getFirst(CODEC) == null) {
            throw new IllegalArgumentException("not a k4s reply (no " + CODEC + " or " + OUTCOME + " header)");
        }
        return WireReply.of(new Encoded(h.getFirst(CODEC), h.getFirst(TYPE), body(msg)));
    }

    /**
     * Headers of the refusal of fire-and-forget message {@code m}: the failure (Base64, since a
     * header is one line) naming the container and sender, and {@code m}'s codec and type, so the
     * refusal's body can be {@code m}'s own payload and the sender's dead letter holds it.
     */
    static Headers refusal(WireReply failed, WireMessage m) {
        Headers h = new Headers();
        h.put(OUTCOME, FAILED);
        h.put(CONTAINER, m.container().toString());
        if (m.sender() != null) {
            h.put(SENDER, m.sender().toString());
        }
        h.put(FAILURE, Base64.getEncoder().encodeToString(failed.failure()));
        payload(h, m.payload());
        return h;
    }

    /**
     * The refusal in {@code msg}, a failure reply to a fire-and-forget message: with the refused
     * payload when it carries a {@value #FAILURE} header, else (an older node) the failure as the body.
     */
    static WireMessage.Refusal refusal(Message msg) {
        Headers h = msg.getHeaders();
        if (h == null || h.getFirst(CONTAINER) == null) {
            throw new IllegalArgumentException("not a k4s refusal (no " + CONTAINER + " header)");
        }
        String sender = h.getFirst(SENDER);
        Address container = Address.parse(h.getFirst(CONTAINER));
        Address from = sender == null ? null : Address.parse(sender);
        String failure = h.getFirst(FAILURE);
        if (failure == null || h.getFirst(CODEC) == null) {
            return new WireMessage.Refusal(container, from, body(msg), null);
        }
        return new WireMessage.Refusal(container, from, Base64.getDecoder().decode(failure),
                new Encoded(h.getFirst(CODEC), h.getFirst(TYPE), body(msg)));
    }

    private static byte[] body(Message msg) {
        byte[] data = msg.getData();
        return data == null ? new byte[0] : data;
    }
}
