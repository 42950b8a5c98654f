package io.k4s.core.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Order versions as people read them: numeric parts as numbers ({@code 1.10 > 1.9}), a longer
 * release after its prefix ({@code 1.0.1 > 1.0}), and a release after its pre-releases
 * ({@code 1.0 > 1.0-rc1 > 1.0-beta}; qualifiers compare as text, without case).
 *
 * <p>Stateless; any thread.
 */
final class VersionOrder implements Comparator<String> {

    static final VersionOrder INSTANCE = new VersionOrder();

    private VersionOrder() {}

    @Override
    public int compare(String a, String b) {
        List<String> x = parts(a);
        List<String> y = parts(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            if (i >= x.size()) {
                return numeric(y.get(i)) ? -1 : 1;
            }
            if (i >= y.size()) {
                return numeric(x.get(i)) ? 1 : -1;
            }
            int c = part(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int part(String a, String b) {
        boolean na = numeric(a);
        boolean nb = numeric(b);
        if (na && nb) {
            String ta = a.replaceFirst("^0+(?=.)", "");
            String tb = b.replaceFirst("^0+(?=.)", "");
            return ta.length() != tb.length() ? Integer.compare(ta.length(), tb.length()) : ta.compareTo(tb);
        }
        if (na != nb) {
            return na ? 1 : -1;
        }
        return a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
    }

    private static boolean numeric(String part) {
        return !part.isEmpty() && Character.isDigit(part.charAt(0));
    }

    /** {@code 1.0.0-rc1} -> {@code [1, 0, 0, rc, 1]}: split at separators and between digits and letters. */
    private static List<String> parts(String version) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (char c : version.toCharArray()) {
            boolean separator = c == '.' || c == '-' || c == '_';
            boolean switches = !current.isEmpty() && Character.isDigit(c) != Character.isDigit(current.charAt(0));
            if ((separator || switches) && !current.isEmpty()) {
                parts.add(current.toString());
                current.setLength(0);
            }
            if (!separator) {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            parts.add(current.toString());
        }
        return parts;
    }
}
