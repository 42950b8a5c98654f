package io.k4s.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void parse_acceptsGoStyleIsoAndBareNumbersInTheFieldsUnit() {
        Map<String, Duration> forms = Map.of("500ms", Duration.ofMillis(500), "2s", Duration.ofSeconds(2),
                "1m30s", Duration.ofSeconds(90), "1h2m3.5s", Duration.ofMillis(3_723_500), "250us",
                Duration.ofNanos(250_000), "100ns", Duration.ofNanos(100), "PT1.5S", Duration.ofMillis(1500),
                "-5s", Duration.ofSeconds(-5), "1.5s", Duration.ofMillis(1500));
        forms.forEach((text, expected) -> assertEquals(expected, DurationText.parse(text, ChronoUnit.MILLIS), text));
        assertEquals(Duration.ofMillis(1500), DurationText.parse("1500", ChronoUnit.MILLIS));
        assertEquals(Duration.ofSeconds(30), DurationText.parse("30", ChronoUnit.SECONDS));
    }

    @Test
    void parse_refusesWhatIsNoDuration() {
        for (String text : List.of("", "-", "soon", "5 s", "5x", "1m30", "s", "PT", "1e3s", "99999999999999999999s")) {
            assertNull(DurationText.parse(text, ChronoUnit.MILLIS), text);
        }
    }

    @Test
    void format_isShortWhenExact_andReadsBackExactly() {
        assertEquals("5s", DurationText.format(Duration.ofSeconds(5)));
        assertEquals("1500ms", DurationText.format(Duration.ofMillis(1500)));
        assertEquals("PT0.000000001S", DurationText.format(Duration.ofNanos(1)));
        assertEquals("-5s", DurationText.format(Duration.ofSeconds(-5)));
        for (Duration d : List.of(Duration.ZERO, Duration.ofHours(400), Duration.ofNanos(1_500_000_001),
                Duration.ofSeconds(2_000_000), Duration.ofMillis(-250), Duration.ofSeconds(Long.MAX_VALUE / 2))) {
            assertEquals(d, DurationText.parse(DurationText.format(d), ChronoUnit.MILLIS), d.toString());
        }
    }
}
