package io.k4s.demo;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Find what a mistyped word was probably meant to be ({@code descibe} -> {@code describe}): the
 * closest candidate within two edits (insert, delete, replace or swap two neighbours), one for
 * words shorter than eight letters, none for words shorter than three.
 * Stateless.
 */
final class Suggestions {

    private static final int MAX_EDITS = 2;

    private Suggestions() {}

    /** The candidate closest to {@code word}, if one is at most two edits away (ignoring case). */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = MAX_EDITS + 1;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            // Short words are too easily "close" to each other: -w is one edit from -n, not a typo of it.
            if (c.length() >= 3 && d < bestDistance && d <= Math.max(1, c.length() / 4)) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The optimal string alignment distance between {@code a} and {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
