package parasol.judge;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Runs of 8 words (case and punctuation normalised): what a gold text may not share with a training text. */
final class Shingles {
    private static final int WORDS = 8;

    private Shingles() {}

    static Set<String> of(String text) {
        String[] w = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]+", " ").trim().split("\\s+");
        Set<String> out = new HashSet<>();
        for (int i = 0; i + WORDS <= w.length; i++) out.add(String.join(" ", Arrays.asList(w).subList(i, i + WORDS)));
        return out;
    }
}
