package io.k4s.core.registry;

import io.k4s.core.schema.Spelling;

import java.util.Collection;
import java.util.Locale;

/** Derive worker type names from class names, and find the closest known name to a typo. */
final class WorkerNames {

    private static final String SUFFIX = "Worker";

    private WorkerNames() {}

    /**
     * The type name of a class without {@code @WorkerType}: the simple name without a
     * {@code Worker} suffix, in kebab case ({@code TextProcessorWorker} -> {@code text-processor},
     * {@code HTTPGateway} -> {@code http-gateway}).
     */
    static String derive(String simpleName) {
        String base = simpleName.endsWith(SUFFIX) && simpleName.length() > SUFFIX.length()
                ? simpleName.substring(0, simpleName.length() - SUFFIX.length())
                : simpleName;
        StringBuilder out = new StringBuilder(base.length() + 4);
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char prev = base.charAt(i - 1);
                boolean nextLower = i + 1 < base.length() && Character.isLowerCase(base.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev)
                        || (Character.isUpperCase(prev) && nextLower)) {
                    out.append('-');
                }
            }
            if (c == '_' || c == '$') {
                out.append('-');
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * The candidate nearest to {@code wanted} by edit distance (ignoring case), if it is close
     * enough to be a plausible typo; otherwise {@code null}.
     */
    static String closest(String wanted, Collection<String> candidates) {
        int limit = Math.min(3, Math.max(1, wanted.length() / 2));
        return Spelling.nearest(wanted, candidates, limit).orElse(null);
    }
}
