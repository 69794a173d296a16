package parasol.judge;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How far an answer takes up the user's message: the share of the message's content words the answer uses
 * too, compared by their first five letters so that "studying" meets "study" and "cousins" meets "cousin".
 * An off-topic answer reads like a helpful one word for word; what gives it away is that it shares nothing
 * with what was asked.
 */
final class Relatedness {
    private static final int STEM = 5;
    /** Words that say nothing of a message's topic: the echo features' function words, and more that chat messages are full of. */
    private static final Set<String> FUNCTION_WORDS = union(WordFeatures.FUNCTION_WORDS, Set.of(
            "im", "dont", "don't", "how", "get", "got", "want", "need", "one", "some", "any", "they", "them", "he", "she", "her", "his",
            "been", "had", "has", "did", "does", "from", "by", "up", "out", "then", "than", "too", "very", "know", "make", "more", "now",
            "there", "here", "when", "who", "why", "which", "their", "these", "those", "into", "over", "also", "only", "even", "still",
            "much", "many", "pls", "please", "lol", "ok", "okay", "yeah", "hey", "hi"));

    private Relatedness() {}

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    /** Three inputs on 0–1: the share of the message's stems the answer uses, how many (up to 5) over 5, and 1 when the message has none. */
    static double[] of(String prompt, String answer) {
        Set<String> asked = stems(prompt), answered = stems(answer);
        if (asked.isEmpty()) return new double[] {0, 0, 1};
        long shared = asked.stream().filter(answered::contains).count();
        return new double[] {(double) shared / asked.size(), Math.min(shared, 5) / 5.0, 0};
    }

    private static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        for (String w : WordFeatures.WORD.split(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''))) {
            if (w.length() < 3 || FUNCTION_WORDS.contains(w)) continue;
            out.add(w.length() > STEM ? w.substring(0, STEM) : w);
        }
        return out;
    }
}
