package io.k4s.demo;

import java.util.Locale;

/**
 * The output format of {@code get -o}: a listing format, or a JSONPath template.
 *
 * @param format   the listing format; {@code null} when {@code template} is set
 * @param template the {@code -o jsonpath=...} template, or {@code null}
 */
record Output(Listing.Format format, JsonPathTemplate template) {

    /** The default: a table. */
    static final Output TABLE = new Output(Listing.Format.TABLE, null);

    /**
     * Read {@code -o TEXT}: {@code yaml}, {@code json}, {@code wide}, {@code name} or
     * {@code jsonpath=TEMPLATE}.
     *
     * @throws IllegalArgumentException naming the formats, for anything else
     */
    static Output parse(String text) {
        if (text == null) {
            return TABLE;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jsonpath=")) {
            String template = text.substring("jsonpath=".length());
            if (template.length() >= 2 && (template.startsWith("'") && template.endsWith("'")
                    || template.startsWith("\"") && template.endsWith("\""))) {
                template = template.substring(1, template.length() - 1);
            }
            return new Output(null, JsonPathTemplate.parse(template));
        }
        return switch (lower) {
            case "yaml" -> new Output(Listing.Format.YAML, null);
            case "json" -> new Output(Listing.Format.JSON, null);
            case "wide" -> new Output(Listing.Format.WIDE, null);
            case "name" -> new Output(Listing.Format.NAME, null);
            default -> throw new IllegalArgumentException("unknown output format \"" + text
                    + "\"; use -o yaml, -o json, -o wide, -o name or -o jsonpath=TEMPLATE");
        };
    }
}
