package io.k4s.demo;

import io.k4s.api.resource.Selector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Read the label selectors of {@code -l}: equality selectors {@code key=value,key2=value2}
 * ({@code ==} works too). Stateless.
 *
 * <p>Set-based selectors ({@code env in (a,b)}, {@code !key}, {@code key!=v}) are refused with a
 * clear message until {@code Selector.parse} in k4s-api reads them; this class is the one place
 * that will then call it.
 */
final class LabelSelectors {

    private LabelSelectors() {}

    /**
     * The selector {@code text} stands for.
     *
     * @throws IllegalArgumentException saying what is wrong and what is accepted
     */
    static Selector parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("-l needs a selector such as app=calc or app=calc,tier=web");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String part : text.split(",", -1)) {
            String term = part.strip();
            if (term.contains("!=") || term.startsWith("!") || term.contains(" in ") || term.contains(" notin ")
                    || term.contains("(")) {
                throw new IllegalArgumentException("selector \"" + text + "\": only equality selectors"
                        + " (key=value, comma-separated) are supported, not \"" + term + "\"");
            }
            int eq = term.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("selector \"" + text + "\": \"" + term
                        + "\" is not key=value; write for example -l app=calc,tier=web");
            }
            String key = term.substring(0, eq).strip();
            String value = term.substring(term.startsWith("==", eq) ? eq + 2 : eq + 1).strip();
            String before = labels.putIfAbsent(key, value);
            if (before != null && !before.equals(value)) {
                throw new IllegalArgumentException("selector \"" + text + "\": label " + key
                        + " is required to be both " + before + " and " + value + ", which nothing matches");
            }
        }
        return Selector.labels(labels);
    }
}
