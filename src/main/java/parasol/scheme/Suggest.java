package parasol.scheme;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …": the closest of a few known words to a misspelt one, when it is close enough to be a typo. */
public final class Suggest {
    private Suggest() {}

    /** The candidate nearest to {@code word} (case-insensitive), if within a typo's distance of it. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        if (word == null) return Optional.empty();
        String w = word.strip().toLowerCase(Locale.ROOT);
        if (w.isEmpty() || w.length() > 100) return Optional.empty();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) { best = c; bestDistance = d; }
        }
        // One edit per four letters, at least one and at most three: 'lonliness' → 'loneliness', but 'hugs' suggests nothing.
        int allowed = Math.max(1, Math.min(3, w.length() / 4));
        return best != null && bestDistance > 0 && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Edit distance counting an insertion, deletion, substitution or swap of neighbours as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
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
