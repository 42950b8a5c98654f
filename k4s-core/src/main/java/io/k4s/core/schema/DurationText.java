package io.k4s.core.schema;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read and write durations as k4s manifests spell them: {@code 500ms}, {@code 2s},
 * {@code 1m30s}, {@code 1h}, {@code 1.5s}, {@code 250us}, {@code 100ns}, ISO-8601
 * ({@code PT1.5S}), or a bare number in a unit the field chooses. Stateless and thread-safe.
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|\u00b5s|ms|s|m|h)");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private DurationText() {}

    /**
     * The duration {@code text} spells, a bare whole number counting {@code unit}; {@code null}
     * if it spells none.
     */
    public static Duration parse(String text, ChronoUnit unit) {
        String s = text.strip();
        boolean negative = s.startsWith("-");
        String body = negative || s.startsWith("+") ? s.substring(1) : s;
        if (body.isEmpty()) {
            return null;
        }
        try {
            if (body.startsWith("P") || body.startsWith("p")) {
                Duration d = Duration.parse(body.toUpperCase(Locale.ROOT));
                return negative ? d.negated() : d;
            }
            if (DIGITS.matcher(body).matches()) {
                Duration d = Duration.of(Long.parseLong(body), unit);
                return negative ? d.negated() : d;
            }
            Matcher m = PART.matcher(body);
            BigDecimal nanos = BigDecimal.ZERO;
            int at = 0;
            while (at < body.length() && m.find(at) && m.start() == at) {
                nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPer(m.group(2)))));
                at = m.end();
            }
            if (at != body.length()) {
                return null;
            }
            BigDecimal billion = BigDecimal.valueOf(1_000_000_000L);
            Duration d = Duration.ofSeconds(nanos.divideToIntegralValue(billion).longValueExact(),
                    nanos.remainder(billion).longValue());
            return negative ? d.negated() : d;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** The duration of a bare number counting {@code unit}, or {@code null} if it is out of range. */
    public static Duration of(long amount, ChronoUnit unit) {
        try {
            return Duration.of(amount, unit);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /**
     * {@code d} as text that {@link #parse} reads back exactly: {@code 5s} or {@code 250ms} when
     * exact (and small enough to read back exactly), else ISO-8601.
     */
    public static String format(Duration d) {
        if (d.getNano() == 0 && Math.abs(d.getSeconds()) < 1_000_000) {
            return d.getSeconds() + "s";
        }
        if (d.getNano() % 1_000_000 == 0 && Math.abs(d.getSeconds()) < 1_000_000_000L) {
            return d.toMillis() + "ms";
        }
        return d.toString();
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }
}
