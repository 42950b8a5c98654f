package io.k4s.demo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Read the payloads typed at the shell and print the replies: a flow map or list such as
 * {@code {op: add, a: 2, b: 3}} becomes a Map or List, a number a Long or Double, a quoted text
 * is unquoted, anything else is sent as the text itself. Stateless and thread-safe.
 */
final class Values {

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");

    private Values() {}

    /**
     * The value {@code text} stands for.
     *
     * @throws IllegalArgumentException if it looks like a map, list or quoted text but is not valid
     */
    static Object parsePayload(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return "";
        }
        char first = t.charAt(0);
        if (first == '{' || first == '[' || first == '"' || first == '\'') {
            try {
                Object value = yaml().load(t);
                if (value instanceof Map<?, ?> || value instanceof List<?> || value instanceof String) {
                    return value;
                }
            } catch (YAMLException e) {
                throw new IllegalArgumentException("cannot read the payload " + t + ": "
                        + e.getMessage().lines().findFirst().orElse("invalid YAML")
                        + "; write a map as {key: value, ...}, a list as [a, b] and quote texts that start with { [ \" or '");
            }
        }
        if (INTEGER.matcher(t).matches()) {
            try {
                return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            } catch (NumberFormatException tooBig) {
                return new BigDecimal(t).doubleValue();
            }
        }
        if (DECIMAL.matcher(t).matches()) {
            return Double.parseDouble(t);
        }
        return t;
    }

    /** A reply as one line: texts as they are, maps and lists in YAML flow style. */
    static String format(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
            options.setWidth(Integer.MAX_VALUE);
            options.setSplitLines(false);
            Yaml dumper = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
            try {
                return dumper.dump(value).strip();
            } catch (YAMLException e) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(1_000_000);
        return new Yaml(new SafeConstructor(options));
    }
}
