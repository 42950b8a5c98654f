package io.k4s.core.registry;

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
        String w = wanted.toLowerCase(Locale.ROOT);
        int limit = Math.min(3, Math.max(1, w.length() / 2));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(w, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
