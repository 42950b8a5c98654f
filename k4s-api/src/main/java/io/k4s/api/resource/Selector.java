package io.k4s.api.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Match containers by name (a glob, as in the seed) or by labels.
 *
 * <p>In a manifest, a string is a glob ({@code selector: "calc-*"}) and a map is a label
 * selector ({@code selector: {app: calc}}).
 */
public sealed interface Selector permits Selector.Glob, Selector.Labels {

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
            } catch (java.util.regex.PatternSyntaxException e) {
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
}
