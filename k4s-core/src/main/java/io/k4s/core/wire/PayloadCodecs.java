package io.k4s.core.wire;

import io.k4s.api.Address;
import io.k4s.api.PayloadCodec;
import io.k4s.api.PayloadNotEncodableException;
import io.k4s.core.registry.ServiceProviders;
import io.k4s.core.schema.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encode payloads and replies for another JVM, and decode what another JVM sent.
 *
 * <p>JSON ({@value #JSON}) through the generic form carries {@code null}, strings, numbers,
 * booleans, enums, maps with string keys, collections and records of those, nested. A top-level
 * record or enum also sends its class name, and the receiver rebuilds it when its class loader
 * has that class (else the receiver gets the generic form: a map, or the enum's name). Numbers
 * arrive as {@code Integer}, {@code Long} or {@code BigInteger} when whole, {@code Double}
 * otherwise, and a {@code BigDecimal} as its exact text (a {@code String}), except inside a
 * record, where the component's type decides. Any other top-level type
 * goes to the first {@link PayloadCodec} (found with ServiceLoader) that {@linkplain
 * PayloadCodec#encodes encodes} it; a value that nothing encodes fails with
 * {@link PayloadNotEncodableException} before anything is sent.
 *
 * <p>Immutable once built; thread-safe.
 */
public final class PayloadCodecs {

    /** The name of the built-in JSON codec on the wire. */
    public static final String JSON = "json";

    private final List<PayloadCodec> codecs;
    private final Map<String, PayloadCodec> byName;
    private final ClassLoader loader;

    private PayloadCodecs(List<PayloadCodec> codecs, ClassLoader loader) {
        this.codecs = List.copyOf(codecs);
        this.loader = loader;
        Map<String, PayloadCodec> names = new LinkedHashMap<>();
        for (PayloadCodec c : codecs) {
            String name = Objects.requireNonNull(c.name(), () -> c.getClass().getName() + ".name() returned null");
            if (name.equals(JSON)) {
                throw new IllegalStateException(c.getClass().getName() + " is named \"" + JSON + "\", the built-in"
                        + " codec's name: give it another name()");
            }
            PayloadCodec twin = names.putIfAbsent(name, c);
            if (twin != null) {
                throw new IllegalStateException("two payload codecs are named \"" + name + "\": "
                        + twin.getClass().getName() + " and " + c.getClass().getName() + "; rename one");
            }
        }
        this.byName = Map.copyOf(names);
    }

    /**
     * The JSON codec and every {@link PayloadCodec} {@code loader} finds with ServiceLoader; a
     * provider that cannot be loaded is logged and skipped. Records and enums are rebuilt with
     * classes of {@code loader}.
     *
     * @throws IllegalStateException if two codecs share a name, or one is named {@value #JSON}
     */
    public static PayloadCodecs load(ClassLoader loader) {
        List<PayloadCodec> found = ServiceProviders.load(PayloadCodec.class, loader, "payload codec");
        return new PayloadCodecs(found, loader);
    }

    /** The JSON codec and {@code codecs}, rebuilding records and enums with classes of {@code loader}. */
    public static PayloadCodecs of(ClassLoader loader, List<PayloadCodec> codecs) {
        return new PayloadCodecs(codecs, Objects.requireNonNull(loader, "loader"));
    }

    /**
     * Encode {@code payload} for {@code target} on another node.
     *
     * @throws PayloadNotEncodableException naming the type and where it sits, if no codec
     *                                                 encodes it
     */
    public Encoded encode(Address target, Object payload) {
        if (payload instanceof String s) {
            byte[] quoted = quoted(s);
            if (quoted != null) {
                return new Encoded(JSON, null, quoted);
            }
        }
        Object generic;
        try {
            generic = GenericForm.of(payload, "payload");
        } catch (GenericForm.NotGeneric e) {
            if (payload != null) {
                for (PayloadCodec c : codecs) {
                    if (c.encodes(payload.getClass())) {
                        return viaCodec(c, target, payload);
                    }
                }
            }
            throw new PayloadNotEncodableException(target, e.type.getName(), e.path + " is a "
                    + e.type.getName() + ": " + e.getMessage());
        }
        String type = payload instanceof Record || payload instanceof Enum<?> ? payload.getClass().getName() : null;
        return new Encoded(JSON, type, JsonText.write(generic).getBytes(StandardCharsets.UTF_8));
    }

    private static Encoded viaCodec(PayloadCodec c, Address target, Object payload) {
        try {
            byte[] bytes = c.encode(payload);
            if (bytes == null) {
                throw new IllegalStateException("encode returned null");
            }
            return new Encoded(c.name(), payload.getClass().getName(), bytes);
        } catch (Exception e) {
            throw new PayloadNotEncodableException(target, payload.getClass().getName(),
                    "codec " + c.name() + " (" + c.getClass().getName() + ") failed: " + e);
        }
    }

    /**
     * Decode what {@link #encode} made on another node.
     *
     * @throws IllegalArgumentException saying why: an unknown codec, bad JSON, a record that does
     *                                  not fit, or the codec's own failure
     */
    public Object decode(Encoded encoded) {
        if (!encoded.codec().equals(JSON)) {
            PayloadCodec c = byName.get(encoded.codec());
            if (c == null) {
                throw new IllegalArgumentException("the payload was encoded by codec \"" + encoded.codec()
                        + "\", which this node lacks (it has " + byName.keySet() + " and " + JSON
                        + "): put the codec's jar on every node");
            }
            try {
                return c.decode(encoded.type(), encoded.body());
            } catch (Exception e) {
                throw new IllegalArgumentException("codec " + c.name() + " could not decode a " + encoded.type()
                        + ": " + e, e);
            }
        }
        if (encoded.type() == null) {
            String s = unquoted(encoded.body());
            if (s != null) {
                return s;
            }
        }
        Object generic = JsonText.read(new String(encoded.body(), StandardCharsets.UTF_8));
        Class<?> type = encoded.type() == null ? null : load(encoded.type());
        return type == null ? generic : GenericForm.to(type, generic, "payload");
    }

    /**
     * {@code s} as a JSON string, when it is printable ASCII without a quote or a backslash (the
     * usual short string, which then needs no escaping and no JSON writer); else {@code null}.
     */
    private static byte[] quoted(String s) {
        int n = s.length();
        byte[] out = new byte[n + 2];
        out[0] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return null;
            }
            out[i + 1] = (byte) c;
        }
        out[n + 1] = '"';
        return out;
    }

    /**
     * The string in {@code json} when it is exactly one JSON string of printable ASCII without
     * escapes (what {@link #quoted} writes); else {@code null}, and the JSON reader decides.
     */
    private static String unquoted(byte[] json) {
        int n = json.length;
        if (n < 2 || json[0] != '"' || json[n - 1] != '"') {
            return null;
        }
        for (int i = 1; i < n - 1; i++) {
            byte b = json[i];
            if (b < 0x20 || b == '"' || b == '\\') { // negative: not ASCII
                return null;
            }
        }
        return new String(json, 1, n - 2, StandardCharsets.ISO_8859_1);
    }

    /** The record or enum class named {@code name}, or null when this node has no such class (then the generic form is delivered). */
    private Class<?> load(String name) {
        try {
            Class<?> c = Class.forName(name, false, loader);
            return c.isRecord() || c.isEnum() ? c : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
