package io.k4s.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Read a container's {@code spec.params} with typed getters whose errors name the parameter.
 *
 * <p>Immutable and thread-safe. Every getter that fails throws {@link InvalidParamException}
 * with the parameter's name, what was expected and what was found, so a worker can call them in
 * {@link Worker#start} and let a bad manifest fail there with a clear message.
 */
public final class Params {

    private static final Params EMPTY = new Params(Map.of(), Map.of());

    private final Map<String, Object> values;
    /** Param name to the {@link SecretValue#source()} of a value taken from a Secret. */
    private final Map<String, String> secretSources;

    private Params(Map<String, Object> values, Map<String, String> secretSources) {
        this.values = values;
        this.secretSources = secretSources;
    }

    /**
     * Wrap a map of parameters; the map is copied. A {@link SecretValue} is unwrapped to its
     * value, and errors about that param name the Secret's key instead of quoting the value.
     */
    public static Params of(Map<String, ?> values) {
        if (values == null || values.isEmpty()) {
            return EMPTY;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, "param name");
            if (v instanceof SecretValue secret) {
                secrets.put(k, secret.source());
                copy.put(k, secret.value());
            } else {
                copy.put(k, v);
            }
        });
        return new Params(Collections.unmodifiableMap(copy), Map.copyOf(secrets));
    }

    /** No parameters. */
    public static Params empty() {
        return EMPTY;
    }

    /** All parameters, unmodifiable. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The parameter names. */
    public Set<String> names() {
        return values.keySet();
    }

    /** Whether the parameter's value was taken from a Secret (so no error or output quotes it). */
    public boolean isSecret(String name) {
        return secretSources.containsKey(name);
    }

    /** Whether the parameter is present (with a non-null value). */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** The raw value, if present. */
    public Optional<Object> raw(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A required string parameter (numbers and booleans are given as their text). */
    public String string(String name) {
        return string(name, null, true);
    }

    /** An optional string parameter. */
    public String string(String name, String defaultValue) {
        return string(name, defaultValue, false);
    }

    private String string(String name, String defaultValue, boolean required) {
        Object v = values.get(name);
        if (v == null) {
            return missing(name, defaultValue, required, "a string");
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw invalid(name, "a string", v);
    }

    /** A required integer parameter. */
    public int integer(String name) {
        return Math.toIntExact(longValue(name, null, true));
    }

    /** An optional integer parameter. */
    public int integer(String name, int defaultValue) {
        long v = longValue(name, (long) defaultValue, false);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid(name, "an integer that fits in 32 bits", v);
        }
        return (int) v;
    }

    /** A required long parameter. */
    public long longValue(String name) {
        return longValue(name, null, true);
    }

    /** An optional long parameter. */
    public long longValue(String name, long defaultValue) {
        return longValue(name, defaultValue, false);
    }

    private long longValue(String name, Long defaultValue, boolean required) {
        Object v = values.get(name);
        if (v == null) {
            return missing(name, defaultValue, required, "an integer");
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw invalid(name, "an integer", v);
            }
        }
        throw invalid(name, "an integer", v);
    }

    /** A required decimal parameter. */
    public double decimal(String name) {
        return decimal(name, null, true);
    }

    /** An optional decimal parameter. */
    public double decimal(String name, double defaultValue) {
        return decimal(name, defaultValue, false);
    }

    private double decimal(String name, Double defaultValue, boolean required) {
        Object v = values.get(name);
        if (v == null) {
            return missing(name, defaultValue, required, "a number");
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw invalid(name, "a number", v);
            }
        }
        throw invalid(name, "a number", v);
    }

    /** A required boolean parameter ({@code true}/{@code false}). */
    public boolean bool(String name) {
        return bool(name, null, true);
    }

    /** An optional boolean parameter. */
    public boolean bool(String name, boolean defaultValue) {
        return bool(name, defaultValue, false);
    }

    private boolean bool(String name, Boolean defaultValue, boolean required) {
        Object v = values.get(name);
        if (v == null) {
            return missing(name, defaultValue, required, "true or false");
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw invalid(name, "true or false", v);
    }

    /**
     * A required duration: {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h}, an ISO-8601 text
     * such as {@code PT1.5S}, or a number of milliseconds.
     */
    public Duration duration(String name) {
        return duration(name, null, true);
    }

    /** An optional duration; see {@link #duration(String)} for the accepted forms. */
    public Duration duration(String name, Duration defaultValue) {
        return duration(name, defaultValue, false);
    }

    private Duration duration(String name, Duration defaultValue, boolean required) {
        Object v = values.get(name);
        if (v == null) {
            return missing(name, defaultValue, required, "a duration");
        }
        Duration d = parseDuration(v);
        if (d == null) {
            throw invalid(name, "a duration such as 250ms, 2s, 5m or PT1S", v);
        }
        return d;
    }

    /**
     * Read a duration from its text form ({@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h},
     * ISO-8601) or a number of milliseconds; returns {@code null} if the value is neither.
     */
    public static Duration parseDuration(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return Duration.ofMillis(((Number) value).longValue());
        }
        if (!(value instanceof String text)) {
            return null;
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            if (s.endsWith("us")) {
                return Duration.ofNanos(Long.parseLong(s.substring(0, s.length() - 2).trim()) * 1000);
            }
            long unit = switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
                case 's' -> 1_000L;
                case 'm' -> 60_000L;
                case 'h' -> 3_600_000L;
                default -> -1L;
            };
            if (unit < 0) {
                return Duration.ofMillis(Long.parseLong(s));
            }
            double amount = Double.parseDouble(s.substring(0, s.length() - 1).trim());
            return Duration.ofNanos(Math.round(amount * unit * 1_000_000L));
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** A required list parameter. */
    public List<?> list(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new InvalidParamException(name, "is required (a list)");
        }
        if (v instanceof List<?> l) {
            return l;
        }
        throw invalid(name, "a list", v);
    }

    /** A required map parameter. */
    public Map<?, ?> map(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new InvalidParamException(name, "is required (a map)");
        }
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw invalid(name, "a map", v);
    }

    private static <T> T missing(String name, T defaultValue, boolean required, String expected) {
        if (required) {
            throw new InvalidParamException(name, "is required (" + expected + ")");
        }
        return defaultValue;
    }

    private InvalidParamException invalid(String name, String expected, Object got) {
        String source = secretSources.get(name);
        if (source != null) {
            return new InvalidParamException(name, "expected " + expected + ", got the value of " + source
                    + " (not shown: it is secret)");
        }
        String shown = got instanceof String ? "\"" + got + "\"" : String.valueOf(got);
        return new InvalidParamException(name, "expected " + expected + ", got " + shown);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        if (secretSources.isEmpty()) {
            return values.toString();
        }
        Map<String, Object> shown = new LinkedHashMap<>(values);
        secretSources.keySet().forEach(k -> shown.put(k, new SecretValue("", "", String.valueOf(values.get(k)))));
        return shown.toString();
    }
}
