package io.k4s.server.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.k4s.server.internal.http.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtobufReviewTest {

    /** What kubectl 1.32's {@code auth can-i get pods} sends, byte for byte. */
    private static final byte[] CAN_I_GET_PODS = ("k8s\u0000\n2\n\u0017authorization.k8s.io/v1\u0012\u0017"
            + "SelfSubjectAccessReview\u0012<\n\u0010\n\u0000\u0012\u0000\u001a\u0000\"\u0000*\u00002\u00008\u0000B"
            + "\u0000\u0012\u001e\n\u001c\n\u0007default\u0012\u0003get\u001a\u0000\"\u0000*\u0004pods2\u0000:\u0000"
            + "\u001a\u0008\u0008\u0000\u0012\u0000\u001a\u0000 \u0000\u001a\u0000\"\u0000")
            .getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void readsTheResourceAttributesKubectlSends() {
        assertEquals(Map.of("resourceAttributes", Map.of("namespace", "default", "verb", "get", "group", "",
                "version", "", "resource", "pods", "subresource", "", "name", "")), ProtobufReview.spec(CAN_I_GET_PODS));
    }

    @Test
    void truncatedOrForeignBytes_are400() {
        byte[] truncated = Arrays.copyOf(CAN_I_GET_PODS, 40);
        assertEquals(400, assertThrows(ApiError.class, () -> ProtobufReview.spec(truncated)).code());
        assertEquals(400, assertThrows(ApiError.class, () -> ProtobufReview.spec("{}".getBytes(StandardCharsets.UTF_8)))
                .code());
    }
}
