package io.k4s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {

    private final Params params = Params.of(Map.of("precision", 4, "window", "250ms",
            "name", "calc", "ratio", 0.5, "flag", true, "text", "three"));

    @Test
    void typedGetters_readValuesAndDefaults() {
        assertEquals(4, params.integer("precision"));
        assertEquals(7, params.integer("missing", 7));
        assertEquals(Duration.ofMillis(250), params.duration("window"));
        assertEquals("calc", params.string("name"));
        assertEquals(0.5, params.decimal("ratio"));
        assertEquals(true, params.bool("flag"));
    }

    @Test
    void wrongType_namesTheParamAndWhatWasFound() {
        InvalidParamException e = assertThrows(InvalidParamException.class, () -> params.integer("text"));
        assertEquals("spec.params.text: expected an integer, got \"three\"", e.getMessage());
        assertEquals("text", e.param());
    }

    @Test
    void secretValue_isReadPlainButNeverQuotedInAnError() {
        Params fromSecret = Params.of(Map.of("port", new SecretValue("db", "password", "s3cr3t")));
        assertEquals("s3cr3t", fromSecret.string("port"));
        assertTrue(fromSecret.isSecret("port"));
        InvalidParamException e = assertThrows(InvalidParamException.class, () -> fromSecret.integer("port"));
        assertEquals("spec.params.port: expected an integer, got the value of secret key db/password (not shown: it is secret)",
                e.getMessage());
        assertFalse(fromSecret.toString().contains("s3cr3t"), fromSecret.toString());
        assertFalse(new SecretValue("db", "password", "s3cr3t").toString().contains("s3cr3t"));
    }

    @Test
    void missingRequired_saysItIsRequired() {
        InvalidParamException e = assertThrows(InvalidParamException.class, () -> params.string("target"));
        assertEquals("spec.params.target: is required (a string)", e.getMessage());
    }

    @Test
    void parseDuration_acceptsUnitsIsoAndMillis() {
        assertEquals(Duration.ofSeconds(2), Params.parseDuration("2s"));
        assertEquals(Duration.ofMinutes(5), Params.parseDuration("5m"));
        assertEquals(Duration.ofMillis(1500), Params.parseDuration("1.5s"));
        assertEquals(Duration.ofMillis(1500), Params.parseDuration("PT1.5S"));
        assertEquals(Duration.ofMillis(40), Params.parseDuration(40));
        assertEquals(null, Params.parseDuration("soon"));
    }
}
