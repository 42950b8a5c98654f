package io.k4s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressTest {

    @Test
    void parse_readsEveryTextForm() {
        assertEquals(Address.service("calc"), Address.parse("service/calc"));
        assertEquals(Address.service("calc"), Address.parse("svc/calc"));
        assertEquals(Address.container("calc-0"), Address.parse("container/calc-0"));
        assertEquals(Address.service("team-a", "calc"), Address.parse("team-a/service/calc"));
    }

    @Test
    void toString_isWhatParseReads() {
        for (String text : new String[] {"service/calc", "container/calc-0", "ns/service/x"}) {
            assertEquals(text, Address.parse(text).toString());
        }
    }

    @Test
    void parse_rejectsBadTextWithTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Address.parse("calc"));
        assertTrue(e.getMessage().contains("expected service/NAME"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Address.parse("pod/calc"));
        assertThrows(IllegalArgumentException.class, () -> Address.parse("service/"));
    }

    @Test
    void resolveIn_fillsOnlyARelativeNamespace() {
        assertEquals("ns", Address.service("calc").resolveIn("ns").namespace());
        assertEquals("other", Address.service("other", "calc").resolveIn("ns").namespace());
        assertNull(Address.service("calc").namespace());
    }
}
