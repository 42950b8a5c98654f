package io.k4s.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parse_readsObjectsArraysNumbersStringsAndJmhNaN() {
        Object value = Json.parse("{\"a\": [1, 2.5e3, -0.5], \"b\": \"x\\\"y\\u0041\", \"c\": true,"
                + " \"d\": null, \"e\": NaN}");
        Map<?, ?> map = (Map<?, ?>) value;
        assertEquals(List.of(1.0, 2500.0, -0.5), map.get("a"));
        assertEquals("x\"yA", map.get("b"));
        assertEquals(Boolean.TRUE, map.get("c"));
        assertTrue(map.containsKey("d"));
        assertTrue(((Double) map.get("e")).isNaN());
    }

    @Test
    void writeThenParse_givesTheSameValue() {
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("name", "tab\tquote\"");
        original.put("values", List.of(1.0, 1234567.0, 0.000123, 98.76));
        original.put("nested", Map.of("ok", false));
        original.put("empty", List.of());
        assertEquals(original, Json.parse(Json.write(original)));
    }

    @Test
    void parse_rejectsTrailingGarbage_namingTheOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
        assertTrue(e.getMessage().contains("offset 4"), e.getMessage());
    }
}
