package io.k4s.server.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.k4s.server.internal.http.ApiError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatchesTest {

    private static Map<String, Object> nulls(Map<String, Object> map) {
        return new HashMap<>(map);
    }

    @Test
    @SuppressWarnings("unchecked")
    void mergePatch_followsRfc7386() {
        Map<String, Object> target = Map.of("a", "b", "c", Map.of("d", "e", "f", "g"), "list", List.of(1, 2));
        Map<String, Object> patch = nulls(Map.of("a", "z", "c", nulls(Map.of("f", "h")), "list", List.of(3)));
        ((Map<String, Object>) patch.get("c")).put("d", null);
        assertEquals(Map.of("a", "z", "c", Map.of("f", "h"), "list", List.of(3)),
                Patches.apply("application/merge-patch+json", target, patch));
    }

    @Test
    void jsonPatch_appliesOperationsAndFailsATest() {
        Map<String, Object> target = Map.of("spec", Map.of("replicas", 1));
        assertEquals(Map.of("spec", Map.of("replicas", 2, "paused", true)), Patches.apply("application/json-patch+json",
                target, List.of(Map.of("op", "replace", "path", "/spec/replicas", "value", 2),
                        Map.of("op", "add", "path", "/spec/paused", "value", true))));
        assertEquals(422, assertThrows(ApiError.class, () -> Patches.apply("application/json-patch+json", target,
                List.of(Map.of("op", "test", "path", "/spec/replicas", "value", 5)))).code());
    }

    @Test
    void otherTypes_are415() {
        assertEquals(415, assertThrows(ApiError.class, () -> Patches.apply("text/plain", Map.of(), Map.of())).code());
    }
}
