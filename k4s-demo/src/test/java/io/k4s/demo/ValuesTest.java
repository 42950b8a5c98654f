package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void flowMap_becomesAMap() {
        assertEquals(Map.of("op", "add", "a", 2, "b", 3), Values.parsePayload("{op: add, a: 2, b: 3}"));
        assertEquals(Map.of("x", "y"), Values.parsePayload("{\"x\": \"y\"}"));
    }

    @Test
    void numbersListsAndQuotedTexts_areTheirValues() {
        assertEquals(42L, Values.parsePayload("42"));
        assertEquals(-2.5, Values.parsePayload("-2.5"));
        assertEquals(List.of(1, 2), Values.parsePayload("[1, 2]"));
        assertEquals("2 + 3", Values.parsePayload("\"2 + 3\""));
        assertEquals("it's", Values.parsePayload("'it''s'"));
    }

    @Test
    void anythingElse_isTheTextItself() {
        assertEquals("2 + 3", Values.parsePayload("  2 + 3 "));
        assertEquals("hello world", Values.parsePayload("hello world"));
        assertEquals("", Values.parsePayload(""));
    }

    @Test
    void brokenFlowMap_isAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.parsePayload("{a: 1"));
        assertTrue(e.getMessage().startsWith("cannot read the payload {a: 1: "), e.getMessage());
    }

    @Test
    void format_printsMapsInFlowStyle() {
        java.util.Map<String, Object> stats = new java.util.LinkedHashMap<>();
        stats.put("sent", 10L);
        stats.put("skipped", 0L);
        assertEquals("{sent: 10, skipped: 0}", Values.format(stats));
        assertEquals("[a, b]", Values.format(List.of("a", "b")));
        assertEquals("null", Values.format(null));
    }
}
