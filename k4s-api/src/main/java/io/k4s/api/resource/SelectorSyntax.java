package io.k4s.api.resource;

import io.k4s.api.resource.Selector.Requirement;
import io.k4s.api.resource.Selector.Requirement.Operator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read Kubernetes' label selector syntax: a hand-written scanner over one string, since the
 * grammar has six forms and a parser library would weigh more than it.
 *
 * <p>Keys and values are checked as labels are ({@link ResourceNames#labelProblem}). Errors
 * name the position (1-based) and what was expected there. Stateless between calls.
 */
final class SelectorSyntax {

    private final String text;
    private int pos;

    private SelectorSyntax(String text) {
        this.text = text;
    }

    /** See {@link Selector#parse}. */
    static Selector parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("label selector must not be null; use \"\" to select everything");
        }
        SelectorSyntax s = new SelectorSyntax(text);
        List<Requirement> requirements = new ArrayList<>();
        s.skipSpaces();
        if (s.atEnd()) {
            return new Selector.Requirements(List.of());
        }
        while (true) {
            requirements.add(s.requirement());
            s.skipSpaces();
            if (s.atEnd()) {
                break;
            }
            s.expect(',');
        }
        return simplest(requirements);
    }

    /** A {@link Selector.Labels} when every requirement is an equality on a distinct key. */
    private static Selector simplest(List<Requirement> requirements) {
        Map<String, String> equalities = new LinkedHashMap<>();
        for (Requirement r : requirements) {
            if (r.operator() != Operator.EQUALS || equalities.put(r.key(), r.values().iterator().next()) != null) {
                return new Selector.Requirements(requirements);
            }
        }
        return new Selector.Labels(equalities);
    }

    private Requirement requirement() {
        skipSpaces();
        if (!atEnd() && peek() == '!') {
            pos++;
            skipSpaces();
            return new Requirement(key(), Operator.DOES_NOT_EXIST, Set.of());
        }
        String key = key();
        skipSpaces();
        if (atEnd() || peek() == ',') {
            return new Requirement(key, Operator.EXISTS, Set.of());
        }
        if (text.startsWith("!=", pos)) {
            pos += 2;
            return new Requirement(key, Operator.NOT_EQUALS, Set.of(value(key)));
        }
        if (text.startsWith("==", pos)) {
            pos += 2;
            return new Requirement(key, Operator.EQUALS, Set.of(value(key)));
        }
        if (peek() == '=') {
            pos++;
            return new Requirement(key, Operator.EQUALS, Set.of(value(key)));
        }
        int wordAt = pos;
        String word = word();
        Operator op = switch (word) {
            case "in" -> Operator.IN;
            case "notin" -> Operator.NOT_IN;
            default -> throw error(wordAt, "expected '=', '==', '!=', 'in', 'notin', ',' or the end after key \""
                    + key + "\", found \"" + (word.isEmpty() ? String.valueOf(peek()) : word) + "\"");
        };
        skipSpaces();
        expect('(');
        Set<String> values = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        while (true) {
            skipSpaces();
            String v = value(key);
            if (seen.add(v)) {
                values.add(v);
            }
            skipSpaces();
            if (!atEnd() && peek() == ')') {
                pos++;
                break;
            }
            expect(',');
        }
        return new Requirement(key, op, values);
    }

    private String key() {
        int start = pos;
        String key = word();
        if (key.isEmpty()) {
            throw error(start, "expected a label key" + (atEnd() ? ", found the end" : ", found '" + peek() + "'"));
        }
        String problem = ResourceNames.labelProblem(key, "");
        if (problem != null) {
            throw error(start, problem);
        }
        return key;
    }

    private String value(String key) {
        skipSpaces();
        int start = pos;
        String value = word();
        String problem = ResourceNames.labelProblem(key, value);
        if (problem != null) {
            throw error(start, problem);
        }
        return value;
    }

    /** The run of characters that may appear in a label key or value (possibly empty). */
    private String word() {
        int start = pos;
        while (!atEnd()) {
            char c = peek();
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    private void expect(char c) {
        if (atEnd() || peek() != c) {
            throw error(pos, "expected '" + c + "', found " + (atEnd() ? "the end" : "'" + peek() + "'"));
        }
        pos++;
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private IllegalArgumentException error(int at, String what) {
        return new IllegalArgumentException("invalid label selector \"" + text + "\" at position " + (at + 1)
                + ": " + what);
    }
}
