package io.k4s.workers.examples;

import io.k4s.api.Address;
import io.k4s.api.InvalidParamException;
import io.k4s.api.Params;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Check container parameters beyond what {@link Params}' typed getters check: unknown names,
 * ranges, addresses and choices. Every failure is an {@link InvalidParamException} naming the
 * parameter. Stateless; call from any thread.
 */
final class ParamRules {

    private ParamRules() {
    }

    /**
     * Reject parameter names the worker does not read, so a typo is an error rather than a
     * silently applied default.
     */
    static void requireOnly(Params params, String workerType, String... known) {
        Set<String> accepted = Set.of(known);
        for (String name : new TreeSet<>(params.names())) {
            if (!accepted.contains(name)) {
                String list = accepted.isEmpty() ? "none" : String.join(", ", new TreeSet<>(accepted));
                throw new InvalidParamException(name, "unknown parameter for worker " + workerType
                        + "; accepted parameters: " + list);
            }
        }
    }

    /** An optional integer that must be at least {@code min}. */
    static int atLeast(Params params, String name, int defaultValue, int min) {
        int value = params.integer(name, defaultValue);
        if (value < min) {
            throw new InvalidParamException(name, "expected an integer of at least " + min + ", got " + value);
        }
        return value;
    }

    /** An optional duration that must be positive; {@code null} stays {@code null}. */
    static Duration positive(Params params, String name, Duration defaultValue) {
        Duration value = params.duration(name, defaultValue);
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new InvalidParamException(name, "expected a positive duration such as 500ms or 2s, got "
                    + params.raw(name).map(String::valueOf).orElse(value.toString()));
        }
        return value;
    }

    /** An optional duration that must not be negative (zero is allowed). */
    static Duration notNegative(Params params, String name, Duration defaultValue) {
        Duration value = params.duration(name, defaultValue);
        if (value != null && value.isNegative()) {
            throw new InvalidParamException(name, "expected a duration of 0 or more such as 0, 500ms or 2s, got "
                    + params.raw(name).map(String::valueOf).orElse(value.toString()));
        }
        return value;
    }

    /** An optional address in text form ({@code service/NAME}, {@code container/NAME}); else {@code null}. */
    static Address address(Params params, String name) {
        if (!params.has(name)) {
            return null;
        }
        return requiredAddress(params, name);
    }

    /** A required address in text form. */
    static Address requiredAddress(Params params, String name) {
        String text = params.string(name);
        try {
            return Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidParamException(name, e.getMessage());
        }
    }

    /** An optional choice among {@code choices} (lower-case words), read case-insensitively. */
    static String choice(Params params, String name, String defaultValue, List<String> choices) {
        String value = params.string(name, defaultValue).trim().toLowerCase(Locale.ROOT);
        if (!choices.contains(value)) {
            throw new InvalidParamException(name, "expected one of " + String.join(", ", choices)
                    + ", got \"" + params.string(name, defaultValue) + "\"");
        }
        return value;
    }
}
