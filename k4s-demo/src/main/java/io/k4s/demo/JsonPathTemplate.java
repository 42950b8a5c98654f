package io.k4s.demo;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Print resources with a kubectl JSONPath template, for {@code get -o jsonpath=TEMPLATE}.
 *
 * <p>The subset of kubectl's syntax it reads: text outside braces is printed as it is;
 * {@code {.a.b}}, {@code {.items[0].x}}, {@code {.items[*].metadata.name}},
 * {@code {..name}} and filters {@code {.items[?(@.status.ready==true)].metadata.name}} print
 * what the path selects (the results of a wildcard or filter separated by spaces, maps and
 * lists as JSON, a missing field as nothing); {@code {"\n"}} prints a quoted text with {@code \n} and {@code \t};
 * {@code {range .items[*]}...{end}} prints its body once per selected element, with paths
 * relative to it. Paths are evaluated by Jayway JsonPath over the generic form
 * ({@link io.k4s.core.kind.ResourceCodec#toGeneric}). Immutable and thread-safe once parsed.
 */
final class JsonPathTemplate {

    private static final Configuration CONFIG = Configuration.defaultConfiguration()
            .addOptions(Option.SUPPRESS_EXCEPTIONS);

    private sealed interface Part permits Text, Path, Range {}

    private record Text(String text) implements Part {}

    private record Path(JsonPath path) implements Part {}

    private record Range(JsonPath path, List<Part> body) implements Part {}

    private final String source;
    private final List<Part> parts;

    private JsonPathTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * Read a template.
     *
     * @throws IllegalArgumentException naming the template and what is wrong in it
     */
    static JsonPathTemplate parse(String template) {
        List<List<Part>> stack = new ArrayList<>();
        List<JsonPath> ranges = new ArrayList<>();
        List<Part> current = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                current.add(new Text(template.substring(i)));
                break;
            }
            if (open > i) {
                current.add(new Text(template.substring(i, open)));
            }
            int close = closingBrace(template, open);
            String expr = template.substring(open + 1, close).strip();
            if (expr.startsWith("range ")) {
                ranges.add(compile(template, expr.substring("range ".length()).strip()));
                stack.add(current);
                current = new ArrayList<>();
            } else if (expr.equals("end")) {
                if (stack.isEmpty()) {
                    throw bad(template, "{end} without a {range ...} before it");
                }
                Range range = new Range(ranges.removeLast(), List.copyOf(current));
                current = stack.removeLast();
                current.add(range);
            } else if (expr.startsWith("\"")) {
                if (expr.length() < 2 || !expr.endsWith("\"")) {
                    throw bad(template, "the text " + expr + " is not closed by a \"");
                }
                current.add(new Text(unescape(expr.substring(1, expr.length() - 1))));
            } else {
                current.add(new Path(compile(template, expr)));
            }
            i = close + 1;
        }
        if (!stack.isEmpty()) {
            throw bad(template, "a {range ...} is not closed by {end}");
        }
        return new JsonPathTemplate(template, List.copyOf(current));
    }

    /** The template applied to {@code root} (a map, list or scalar of the generic form). */
    String render(Object root) {
        StringBuilder out = new StringBuilder();
        render(parts, root, out);
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }

    private static void render(List<Part> parts, Object node, StringBuilder out) {
        for (Part part : parts) {
            switch (part) {
                case Text t -> out.append(t.text());
                case Path p -> out.append(text(p.path().read(node, CONFIG), p.path().isDefinite()));
                case Range r -> {
                    Object selected = r.path().read(node, CONFIG);
                    if (selected instanceof List<?> list) {
                        list.forEach(element -> render(r.body(), element, out));
                    } else if (selected != null) {
                        render(r.body(), selected, out);
                    }
                }
            }
        }
    }

    /** A definite path's value (a list or map as JSON), or an indefinite path's results separated by spaces. */
    private static String text(Object value, boolean definite) {
        if (value == null) {
            return "";
        }
        if (!definite && value instanceof List<?> list) {
            List<String> words = new ArrayList<>(list.size());
            list.forEach(v -> words.add(v instanceof Map<?, ?> || v instanceof List<?> ? CONFIG.jsonProvider().toJson(v)
                    : String.valueOf(v)));
            return String.join(" ", words);
        }
        return value instanceof Map<?, ?> || value instanceof List<?> ? CONFIG.jsonProvider().toJson(value)
                : String.valueOf(value);
    }

    private static JsonPath compile(String template, String expr) {
        String path = expr.startsWith("$") ? expr
                : expr.startsWith("@") ? "$" + expr.substring(1)
                : expr.startsWith(".") || expr.startsWith("[") ? "$" + expr
                : null;
        if (path == null) {
            throw bad(template, "{" + expr + "} is not a path; paths start with . (for example {.metadata.name})");
        }
        try {
            return JsonPath.compile(path);
        } catch (InvalidPathException e) {
            throw bad(template, "{" + expr + "}: " + e.getMessage());
        }
    }

    private static int closingBrace(String template, int open) {
        boolean quoted = false;
        for (int k = open + 1; k < template.length(); k++) {
            char c = template.charAt(k);
            if (c == '\\' && quoted) {
                k++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return k;
            }
        }
        throw bad(template, "the { at position " + (open + 1) + " is not closed by }");
    }

    private static String unescape(String text) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '\\' && k + 1 < text.length()) {
                char n = text.charAt(++k);
                b.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static IllegalArgumentException bad(String template, String problem) {
        return new IllegalArgumentException("jsonpath template " + template + ": " + problem
                + " (see docs/QUICKREF.md, -o jsonpath)");
    }
}
