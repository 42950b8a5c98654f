package io.k4s.api.resource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorTest {

    @Test
    void glob_matchesNamesLikeTheSeed() {
        Selector s = Selector.glob("calc-*");
        assertTrue(s.matches("calc-0", Map.of()));
        assertTrue(s.matches("calc-", Map.of()));
        assertFalse(s.matches("calculator-0", Map.of()));
        assertTrue(Selector.glob("w-?").matches("w-1", Map.of()));
        assertTrue(Selector.glob("w-[0-2]").matches("w-2", Map.of()));
        assertFalse(Selector.glob("w-[!0-2]").matches("w-2", Map.of()));
        assertTrue(Selector.glob("a.b").matches("a.b", Map.of()));
        assertFalse(Selector.glob("a.b").matches("axb", Map.of()));
    }

    @Test
    void glob_rejectsMalformedPatterns() {
        assertThrows(IllegalArgumentException.class, () -> Selector.glob("calc-[0"));
        assertThrows(IllegalArgumentException.class, () -> Selector.glob("calc]"));
        assertThrows(IllegalArgumentException.class, () -> Selector.glob("w-[z-a]"));
        assertThrows(IllegalArgumentException.class, () -> Selector.glob(""));
    }

    @Test
    void labels_requireEveryLabel() {
        Selector s = Selector.labels(Map.of("app", "calc", "tier", "be"));
        assertTrue(s.matches("x", Map.of("app", "calc", "tier", "be", "extra", "1")));
        assertFalse(s.matches("x", Map.of("app", "calc")));
    }

    @Test
    void objectMeta_rejectsNamesThatAreNotDns1123() {
        assertThrows(IllegalArgumentException.class, () -> ObjectMeta.of("Calc"));
        assertThrows(IllegalArgumentException.class, () -> ObjectMeta.of("calc_0"));
        assertThrows(IllegalArgumentException.class, () -> ObjectMeta.of("Bad NS", "calc"));
        assertTrue(ObjectMeta.of("calc-0").namespace().equals("default"));
    }
}
