package io.k4s.core.schema;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Find what a misspelt word was meant to be, for "did you mean" hints: unknown fields, values
 * of enums, kinds and worker types. Stateless and thread-safe.
 */
public final class Spelling {

    private Spelling() {}

    /** The candidate closest to {@code word} if it is a near miss (case, or two edits), else empty. */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        return nearest(word, candidates, Math.min(2, Math.max(1, word.length() / 3)));
    }

    /**
     * The candidate closest to {@code word}, ignoring case, if at most {@code allowed} edits
     * away, else empty.
     */
    public static Optional<String> nearest(String word, Collection<String> candidates, int allowed) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(lower, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** The Levenshtein distance between {@code a} and {@code b}. */
    public static int distance(String a, String b) {
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
