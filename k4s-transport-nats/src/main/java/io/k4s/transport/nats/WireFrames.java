package io.k4s.transport.nats;

import io.k4s.api.Address;
import io.k4s.core.messaging.WireMessage;
import io.k4s.core.messaging.WireReply;
import io.k4s.core.wire.Encoded;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Map {@link WireMessage}s, {@link WireReply}s and refusals to the bodies of NATS messages and
 * back: k4s's fields first, in a compact binary frame, then the encoded payload as the rest of
 * the body. NATS headers are not used: building, serializing and parsing them cost jnats more
 * than the whole frame (about a fifth of a remote request's CPU), and a message without them is
 * what plain jnats request-reply sends.
 *
 * <p>Frame: the magic byte {@code K}, the version ({@value #VERSION}), the frame's kind, its fields,
 * the payload. Strings are UTF-8 after their length (an unsigned varint); an optional string's
 * length is one more, 0 meaning absent. An address is its kind (1 container, 2 service; 0 absent,
 * 3 "the container", for a target that is the container itself), its optional namespace, its name.
 * <ul>
 *   <li>{@code M} a message: container, target, sender, sending node, timeout in ms (varint; 0
 *       for fire-and-forget), codec, optional type, the number of user headers and each name and
 *       value, payload.
 *   <li>{@code R} a reply value: codec, optional type, payload.
 *   <li>{@code F} a failed request: the failure ({@link io.k4s.core.wire.Failures}) as the rest.
 *   <li>{@code X} a refused fire-and-forget message: container, sender, the failure (length, bytes),
 *       the refused payload's codec and optional type, the payload, so the sender's dead letter holds it.
 * </ul>
 * A frame of another version (a node of another k4s release) is refused with an exception saying so.
 * Stateless; any thread.
 */
final class WireFrames {

    static final byte MAGIC = 'K';
    static final byte VERSION = 1;
    private static final byte MESSAGE = 'M';
    private static final byte VALUE = 'R';
    private static final byte FAILED = 'F';
    private static final byte REFUSAL = 'X';
    private static final int ABSENT = 0;
    private static final int CONTAINER = 1;
    private static final int SERVICE = 2;
    private static final int SAME_AS_CONTAINER = 3;

    private WireFrames() {}

    /** The frame of message {@code m}. */
    static byte[] message(WireMessage m) {
        byte[] payload = m.payload().body();
        Writer w = new Writer(128);
        w.start(MESSAGE);
        w.address(m.container());
        if (m.target().equals(m.container())) {
            w.raw(SAME_AS_CONTAINER);
        } else {
            w.address(m.target());
        }
        w.address(m.sender());
        w.string(m.fromNode());
        w.varint(m.timeoutMillis());
        w.string(m.payload().codec());
        w.optional(m.payload().type());
        w.varint(m.headers().size());
        m.headers().forEach((name, value) -> {
            w.string(name);
            w.string(value);
        });
        return w.rest(payload);
    }

    /**
     * The message in frame {@code data}.
     *
     * @throws IllegalArgumentException if it is not a k4s message frame of this version, or is cut short
     */
    static WireMessage message(byte[] data) {
        Reader r = new Reader(data, MESSAGE, "message");
        try {
            Address container = r.address(null);
            Address target = r.address(container);
            Address sender = r.address(null);
            String fromNode = r.string();
            long timeoutMillis = r.varint();
            String codec = r.string();
            String type = r.optional();
            long count = r.varint();
            Map<String, String> headers = Map.of();
            if (count > 0) {
                r.atLeast(count * 2); // each header is two strings of at least one byte: no map sized by a forged count
                Map<String, String> read = new HashMap<>();
                for (int i = 0; i < count; i++) {
                    read.put(r.string(), r.string());
                }
                headers = Map.copyOf(read);
            }
            return new WireMessage(container, target, sender, fromNode, headers, new Encoded(codec, type, r.rest()),
                    timeoutMillis);
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException | NullPointerException e) {
            throw r.cutShort(e);
        }
    }

    /** The frame of {@code reply}, a reply to a request. */
    static byte[] reply(WireReply reply) {
        if (reply.value() == null) {
            byte[] failure = reply.failure();
            return new Writer(3).start(FAILED).rest(failure);
        }
        Encoded value = reply.value();
        Writer w = new Writer(32).start(VALUE);
        w.string(value.codec());
        w.optional(value.type());
        return w.rest(value.body());
    }

    /**
     * The reply in frame {@code data}.
     *
     * @throws IllegalArgumentException if it is not a k4s reply frame of this version
     */
    static WireReply reply(byte[] data) {
        Reader r = new Reader(data, (byte) 0, "reply");
        try {
            return switch (r.kind) {
                case VALUE -> WireReply.of(new Encoded(r.string(), r.optional(), r.rest()));
                case FAILED -> WireReply.failed(r.rest());
                default -> throw r.wrongKind("reply");
            };
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException | NullPointerException e) {
            throw r.cutShort(e);
        }
    }

    /** The frame of the refusal of fire-and-forget message {@code m}: the failure and {@code m}'s own payload. */
    static byte[] refusal(WireReply failed, WireMessage m) {
        byte[] payload = m.payload().body();
        Writer w = new Writer(128 + failed.failure().length).start(REFUSAL);
        w.address(m.container());
        w.address(m.sender());
        w.bytes(failed.failure());
        w.string(m.payload().codec());
        w.optional(m.payload().type());
        return w.rest(payload);
    }

    /**
     * The refusal in frame {@code data}.
     *
     * @throws IllegalArgumentException if it is not a k4s refusal frame of this version
     */
    static WireMessage.Refusal refusal(byte[] data) {
        Reader r = new Reader(data, REFUSAL, "refusal");
        try {
            Address container = r.address(null);
            Address sender = r.address(null);
            byte[] failure = r.bytes();
            Encoded payload = new Encoded(r.string(), r.optional(), r.rest());
            return new WireMessage.Refusal(container, sender, failure, payload);
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException | NullPointerException e) {
            throw r.cutShort(e);
        }
    }

    /** Append-only bytes of one frame; grows when needed. */
    private static final class Writer {
        private byte[] buf;
        private int pos;

        Writer(int capacity) {
            buf = new byte[capacity];
        }

        Writer start(byte kind) {
            raw(MAGIC);
            raw(VERSION);
            raw(kind);
            return this;
        }

        void raw(int b) {
            room(1);
            buf[pos++] = (byte) b;
        }

        void varint(long v) {
            room(10);
            while ((v & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        void string(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        void optional(String s) {
            if (s == null) {
                varint(0);
            } else {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                varint(b.length + 1L);
                put(b);
            }
        }

        void bytes(byte[] b) {
            varint(b.length);
            put(b);
        }

        void address(Address a) {
            if (a == null) {
                raw(ABSENT);
                return;
            }
            raw(a.kind() == Address.Kind.CONTAINER ? CONTAINER : SERVICE);
            optional(a.namespace());
            string(a.name());
        }

        /** The frame, ending with {@code tail}. */
        byte[] rest(byte[] tail) {
            byte[] out = Arrays.copyOf(buf, pos + tail.length);
            System.arraycopy(tail, 0, out, pos, tail.length);
            return out;
        }

        private void put(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        private void room(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }
    }

    /** Reads one frame front to back; an index past the end means the frame was cut short. */
    private static final class Reader {
        private final byte[] data;
        private final String what;
        private int pos;
        final byte kind;

        /** Checks the magic byte and the version, and the kind unless {@code expected} is 0. */
        Reader(byte[] data, byte expected, String what) {
            this.data = data == null ? new byte[0] : data;
            this.what = what;
            if (this.data.length < 3 || this.data[0] != MAGIC) {
                throw new IllegalArgumentException("not a k4s " + what + " frame (it does not start with '"
                        + (char) MAGIC + "')");
            }
            if (this.data[1] != VERSION) {
                throw new IllegalArgumentException("a k4s " + what + " frame of version " + this.data[1] + ", this"
                        + " node reads version " + VERSION + ": run the same k4s release on every node");
            }
            kind = this.data[2];
            pos = 3;
            if (expected != 0 && kind != expected) {
                throw wrongKind(what);
            }
        }

        IllegalArgumentException wrongKind(String wanted) {
            return new IllegalArgumentException("a k4s frame of kind '" + (char) kind + "' where a " + wanted
                    + " was expected");
        }

        IllegalArgumentException cutShort(RuntimeException e) {
            return new IllegalArgumentException("a k4s " + what + " frame cut short or malformed at byte " + pos
                    + " of " + data.length, e);
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = data[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("a k4s " + what + " frame holds a varint over 64 bits at byte " + pos);
        }

        String string() {
            return text((int) varint());
        }

        String optional() {
            int n = (int) varint();
            return n == 0 ? null : text(n - 1);
        }

        byte[] bytes() {
            int n = (int) varint();
            check(n);
            byte[] b = Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return b;
        }

        /** The address here; {@code container} where the frame says "the container". */
        Address address(Address container) {
            int tag = data[pos++];
            return switch (tag) {
                case ABSENT -> null;
                case SAME_AS_CONTAINER -> container;
                case CONTAINER -> new Address(Address.Kind.CONTAINER, optional(), string());
                case SERVICE -> new Address(Address.Kind.SERVICE, optional(), string());
                default -> throw new IllegalArgumentException("a k4s " + what + " frame holds an address of"
                        + " unknown kind " + tag + " at byte " + (pos - 1));
            };
        }

        byte[] rest() {
            byte[] b = Arrays.copyOfRange(data, pos, data.length);
            pos = data.length;
            return b;
        }

        private String text(int n) {
            check(n);
            String s = new String(data, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        /** Fail as cut short unless at least {@code n} bytes are left. */
        void atLeast(long n) {
            if (n < 0 || n > data.length - pos) {
                throw new ArrayIndexOutOfBoundsException(n + " bytes needed past the end");
            }
        }

        private void check(int n) {
            if (n < 0 || pos + n > data.length) {
                throw new ArrayIndexOutOfBoundsException("length " + n + " past the end");
            }
        }
    }
}
