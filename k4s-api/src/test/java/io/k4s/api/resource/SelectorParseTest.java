package io.k4s.api.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.Selector.Requirement;
import io.k4s.api.resource.Selector.Requirement.Operator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectorParseTest {

    private static final Map<String, String> CALC_WEB = Map.of("app", "calc", "tier", "web");
    private static final Map<String, String> CALC_CANARY = Map.of("app", "calc", "canary", "true");
    private static final Map<String, String> NONE = Map.of();

    @Test
    void equalities_giveALabelsSelector_inEveryForm() {
        Selector s = Selector.parse(" app = calc , tier==web ");

        assertEquals(Selector.labels(Map.of("app", "calc", "tier", "web")), s);
        assertTrue(s.matches("x", CALC_WEB));
        assertFalse(s.matches("x", CALC_CANARY));
        assertEquals("app=calc,tier=web", s.toString());
    }

    @Test
    void setBasedRequirements_matchAsKubernetesDoes() {
        Selector in = Selector.parse("tier in (web, api)");
        Selector notIn = Selector.parse("tier notin (web)");
        Selector notEqual = Selector.parse("tier!=web");
        Selector exists = Selector.parse("canary");
        Selector absent = Selector.parse("!canary");

        assertTrue(in.matches("x", CALC_WEB));
        assertFalse(in.matches("x", CALC_CANARY), "in needs the label");
        assertFalse(notIn.matches("x", CALC_WEB));
        assertTrue(notIn.matches("x", CALC_CANARY), "notin matches a missing label");
        assertFalse(notEqual.matches("x", CALC_WEB));
        assertTrue(notEqual.matches("x", NONE), "!= matches a missing label");
        assertTrue(exists.matches("x", CALC_CANARY));
        assertFalse(exists.matches("x", CALC_WEB));
        assertTrue(absent.matches("x", CALC_WEB));
        assertFalse(absent.matches("x", CALC_CANARY));
    }

    @Test
    void commas_joinRequirementsThatMustAllHold() {
        Selector s = Selector.parse("app=calc,tier in (web,api),!canary");

        Selector.Requirements r = assertInstanceOf(Selector.Requirements.class, s);
        assertEquals(List.of(new Requirement("app", Operator.EQUALS, Set.of("calc")),
                new Requirement("tier", Operator.IN, Set.of("web", "api")),
                new Requirement("canary", Operator.DOES_NOT_EXIST, Set.of())), r.requirements());
        assertTrue(s.matches("x", CALC_WEB));
        assertFalse(s.matches("x", CALC_CANARY));
        assertEquals("app=calc,tier in (api,web),!canary", s.toString());
        assertEquals(s, Selector.parse(s.toString()), "printing and parsing again gives the same selector");
    }

    @Test
    void twoEqualitiesOnOneKey_matchNothing_asKubernetes() {
        Selector s = Selector.parse("app=calc,app=web");

        assertInstanceOf(Selector.Requirements.class, s);
        assertFalse(s.matches("x", CALC_WEB));
    }

    @Test
    void emptyText_selectsEverything() {
        assertTrue(Selector.parse("").matches("x", NONE));
        assertTrue(Selector.parse("  ").matches("x", CALC_WEB));
    }

    @Test
    void keysWithAPrefix_andEmptyValues_areAccepted() {
        assertTrue(Selector.parse("k4s.io/role=").matches("x", Map.of("k4s.io/role", "")));
        assertTrue(Selector.parse("k4s.io/role in (a,b)").matches("x", Map.of("k4s.io/role", "b")));
    }

    @Test
    void malformedSelectors_nameThePositionAndWhatWasExpected() {
        assertError("app in (a", "at position 10: expected ','");
        assertError("app in a", "at position 8: expected '('");
        assertError("app >= 3", "at position 5: expected '=', '==', '!=', 'in', 'notin'");
        assertError("app=calc,", "at position 10: expected a label key, found the end");
        assertError("=calc", "at position 1: expected a label key");
        assertError("app=ca lc", "at position 8: expected ','");
        assertError("app=-x", "label value \"-x\"");
        assertThrows(IllegalArgumentException.class, () -> Selector.parse(null));
    }

    private static void assertError(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Selector.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid label selector \"" + text + "\""), e.getMessage());
    }
}
