package io.k4s.api.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Match resources by name (a glob, as in the seed) or by labels.
 *
 * <p>In a manifest, a string is a glob ({@code selector: "calc-*"}) and a map is a label
 * selector ({@code selector: {app: calc}}). {@link #parse} reads Kubernetes' label selector
 * syntax ({@code app=calc,tier in (web,api),!canary}), as {@code kubectl -l} and the API's
 * {@code labelSelector} take it.
 */
public sealed interface Selector permits Selector.Glob, Selector.Labels, Selector.Requirements {

    /** Whether a resource with this name and these labels is selected. */
    boolean matches(String name, Map<String, String> labels);

    /** Whether {@code resource} is selected. */
    default boolean matches(Resource resource) {
        return matches(resource.metadata().name(), resource.metadata().labels());
    }

    /**
     * A glob on names: {@code *} any run, {@code ?} one character, {@code [abc]} or
     * {@code [a-z]} one of a set ({@code [!a]} negates).
     *
     * @throws IllegalArgumentException if the glob is malformed
     */
    static Glob glob(String pattern) {
        return new Glob(pattern);
    }

    /** A label selector: every given label must be present with the given value. */
    static Labels labels(Map<String, String> labels) {
        return new Labels(labels);
    }

    /**
     * Read a label selector in Kubernetes' syntax: requirements joined by commas (all must
     * hold), each one of {@code key=value}, {@code key==value}, {@code key!=value},
     * {@code key in (v1,v2)}, {@code key notin (v1,v2)}, {@code key} (the label exists) and
     * {@code !key} (it does not). Spaces around words are allowed.
     *
     * <p>Equalities only (each key once) give a {@link Labels}, so the store answers them from
     * its label index; anything else gives {@link Requirements}. An empty text selects
     * everything.
     *
     * @throws IllegalArgumentException naming the position and what was expected there
     */
    static Selector parse(String text) {
        return SelectorSyntax.parse(text);
    }

    /** A glob on names; immutable. */
    final class Glob implements Selector {
        private final String pattern;
        private final Pattern regex;

        private Glob(String pattern) {
            Objects.requireNonNull(pattern, "pattern");
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("glob selector must not be empty");
            }
            this.pattern = pattern;
            try {
                this.regex = Pattern.compile(toRegex(pattern));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid glob \"" + pattern + "\": "
                        + e.getDescription(), e);
            }
        }

        /** The glob as written. */
        public String pattern() {
            return pattern;
        }

        @Override
        public boolean matches(String name, Map<String, String> labels) {
            return regex.matcher(name).matches();
        }

        private static String toRegex(String glob) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                switch (c) {
                    case '*' -> out.append(".*");
                    case '?' -> out.append('.');
                    case '[' -> {
                        int end = glob.indexOf(']', i + 2);
                        if (end < 0) {
                            throw new IllegalArgumentException("invalid glob \"" + glob
                                    + "\": '[' at position " + (i + 1) + " is never closed by ']'");
                        }
                        String set = glob.substring(i + 1, end);
                        boolean negate = set.startsWith("!") || set.startsWith("^");
                        if (negate) {
                            set = set.substring(1);
                        }
                        if (set.isEmpty()) {
                            throw new IllegalArgumentException("invalid glob \"" + glob
                                    + "\": empty character set at position " + (i + 1));
                        }
                        out.append('[').append(negate ? "^" : "");
                        for (int k = 0; k < set.length(); k++) {
                            char s = set.charAt(k);
                            boolean range = s == '-' && k > 0 && k < set.length() - 1;
                            if (!range && "\\[]^&-".indexOf(s) >= 0) {
                                out.append('\\');
                            }
                            out.append(s);
                        }
                        out.append(']');
                        i = end;
                    }
                    case ']' -> throw new IllegalArgumentException("invalid glob \"" + glob
                            + "\": ']' at position " + (i + 1) + " has no opening '['");
                    default -> out.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return out.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Glob g && g.pattern.equals(pattern);
        }

        @Override
        public int hashCode() {
            return pattern.hashCode();
        }

        /** The glob as written. */
        @Override
        public String toString() {
            return pattern;
        }
    }

    /**
     * A label selector: every entry must be present with an equal value.
     *
     * @param labels the required labels; not empty
     */
    record Labels(Map<String, String> labels) implements Selector {

        /** Requires at least one label; copies the map. */
        public Labels {
            if (labels == null || labels.isEmpty()) {
                throw new IllegalArgumentException("label selector must name at least one label");
            }
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        @Override
        public boolean matches(String name, Map<String, String> actual) {
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (!e.getValue().equals(actual.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        /** {@code key=value,key=value}, as kubectl prints selectors. */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            labels.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
            return b.toString();
        }
    }

    /**
     * A label selector of Kubernetes' set-based requirements, all of which must hold; empty
     * selects everything. Made by {@link #parse}.
     *
     * @param requirements the requirements, in the order written
     */
    record Requirements(List<Requirement> requirements) implements Selector {

        /** Copies the list. */
        public Requirements {
            requirements = List.copyOf(requirements);
        }

        @Override
        public boolean matches(String name, Map<String, String> labels) {
            for (Requirement r : requirements) {
                if (!r.matches(labels)) {
                    return false;
                }
            }
            return true;
        }

        /** The requirements in Kubernetes' syntax, joined by commas. */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            requirements.forEach(r -> b.append(b.isEmpty() ? "" : ",").append(r));
            return b.toString();
        }
    }

    /**
     * One condition on one label.
     *
     * @param key      the label key
     * @param operator how the label is compared
     * @param values   the values compared with: one for equality, one or more for the set
     *                 operators, none for the existence tests
     */
    record Requirement(String key, Operator operator, Set<String> values) {

        /** How a {@link Requirement} compares a label. */
        public enum Operator {
            /** The label is present with the one value ({@code key=v}, {@code key==v}). */
            EQUALS("="),
            /** The label is absent or has another value ({@code key!=v}). */
            NOT_EQUALS("!="),
            /** The label is present with one of the values ({@code key in (a,b)}). */
            IN(" in "),
            /** The label is absent or has none of the values ({@code key notin (a,b)}). */
            NOT_IN(" notin "),
            /** The label is present, whatever its value ({@code key}). */
            EXISTS(""),
            /** The label is absent ({@code !key}). */
            DOES_NOT_EXIST("!");

            private final String symbol;

            Operator(String symbol) {
                this.symbol = symbol;
            }
        }

        /**
         * Checks the number of values and copies them (sorted, as Kubernetes prints them).
         *
         * @throws IllegalArgumentException if the values do not fit the operator
         */
        public Requirement {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            values = Collections.unmodifiableSet(new TreeSet<>(values == null ? Set.of() : values));
            int n = values.size();
            boolean fits = switch (operator) {
                case EQUALS, NOT_EQUALS -> n == 1;
                case IN, NOT_IN -> n >= 1;
                case EXISTS, DOES_NOT_EXIST -> n == 0;
            };
            if (!fits) {
                throw new IllegalArgumentException("label requirement on \"" + key + "\": " + operator
                        + " takes " + (operator.ordinal() < 2 ? "exactly one value" : operator.ordinal() < 4
                        ? "at least one value" : "no value") + ", got " + n);
            }
        }

        /** Whether {@code labels} meet this requirement. */
        public boolean matches(Map<String, String> labels) {
            String actual = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> actual != null && values.contains(actual);
                case NOT_EQUALS, NOT_IN -> actual == null || !values.contains(actual);
                case EXISTS -> actual != null;
                case DOES_NOT_EXIST -> actual == null;
            };
        }

        /** The requirement in Kubernetes' syntax. */
        @Override
        public String toString() {
            return switch (operator) {
                case EQUALS, NOT_EQUALS -> key + operator.symbol + values.iterator().next();
                case IN, NOT_IN -> key + operator.symbol + "(" + String.join(",", values) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
            };
        }
    }
}
