package io.k4s.server.internal.auth;

import io.k4s.server.internal.http.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Read a {@code SelfSubjectAccessReview} sent as Kubernetes protobuf, as {@code kubectl auth can-i}
 * sends it ({@code Content-Type: application/vnd.kubernetes.protobuf}, JSON accepted in reply):
 * the {@code k8s\0} envelope ({@code runtime.Unknown}: type meta, then the raw message), the review's
 * spec, and its resource or non-resource attributes, as the generic form of the JSON spec. Only
 * the protobuf wire format is read (varints and length-delimited fields), no schema library.
 */
final class ProtobufReview {

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private ProtobufReview() {}

    /**
     * The review's {@code spec} in the generic form.
     *
     * @throws ApiError 400 if the bytes are not a protobuf SelfSubjectAccessReview
     */
    static Map<String, Object> spec(byte[] body) {
        if (body.length < MAGIC.length || body[0] != 'k' || body[1] != '8' || body[2] != 's' || body[3] != 0) {
            throw ApiError.badRequest("a protobuf body must start with the k8s envelope");
        }
        try {
            Reader envelope = new Reader(body, MAGIC.length, body.length);
            Reader review = null;
            while (envelope.more()) {
                int tag = envelope.tag();
                if (tag >>> 3 == 2 && (tag & 7) == 2) {
                    review = envelope.message();
                } else {
                    envelope.skip(tag);
                }
            }
            if (review == null) {
                throw ApiError.badRequest("the protobuf envelope holds no object");
            }
            Map<String, Object> spec = new LinkedHashMap<>();
            while (review.more()) {
                int tag = review.tag();
                if (tag >>> 3 == 2 && (tag & 7) == 2) {
                    Reader s = review.message();
                    while (s.more()) {
                        int t = s.tag();
                        if (t >>> 3 == 1 && (t & 7) == 2) {
                            spec.put("resourceAttributes", strings(s.message(), "namespace", "verb", "group", "version",
                                    "resource", "subresource", "name"));
                        } else if (t >>> 3 == 2 && (t & 7) == 2) {
                            spec.put("nonResourceAttributes", strings(s.message(), "path", "verb"));
                        } else {
                            s.skip(t);
                        }
                    }
                } else {
                    review.skip(tag);
                }
            }
            return spec;
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            throw ApiError.badRequest("the protobuf body is malformed: " + e.getMessage());
        }
    }

    /** The string fields 1, 2, ... of {@code message}, named {@code names}; others skipped. */
    private static Map<String, Object> strings(Reader message, String... names) {
        Map<String, Object> out = new LinkedHashMap<>();
        while (message.more()) {
            int tag = message.tag();
            int field = tag >>> 3;
            if (field >= 1 && field <= names.length && (tag & 7) == 2) {
                out.put(names[field - 1], message.string());
            } else {
                message.skip(tag);
            }
        }
        return out;
    }

    /** A cursor over protobuf fields in {@code bytes[from, to)}; one thread. */
    private static final class Reader {
        private final byte[] bytes;
        private int at;
        private final int end;

        Reader(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.at = from;
            this.end = to;
        }

        boolean more() {
            return at < end;
        }

        int tag() {
            return (int) varint();
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= end) {
                    throw new IllegalStateException("a varint runs past the end");
                }
                byte b = bytes[at++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("a varint is longer than 10 bytes");
        }

        Reader message() {
            int length = length();
            Reader inner = new Reader(bytes, at, at + length);
            at += length;
            return inner;
        }

        String string() {
            int length = length();
            String s = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return s;
        }

        private int length() {
            long length = varint();
            if (length < 0 || at + length > end) {
                throw new IllegalStateException("a field of " + length + " bytes runs past the end");
            }
            return (int) length;
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> at += 8;
                case 2 -> {
                    int length = length();
                    at += length;
                }
                case 5 -> at += 4;
                default -> throw new IllegalStateException("wire type " + (tag & 7) + " is not supported");
            }
            if (at > end) {
                throw new IllegalStateException("a field runs past the end");
            }
        }
    }
}
