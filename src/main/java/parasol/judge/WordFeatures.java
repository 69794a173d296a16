package parasol.judge;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words and word pairs of a text, with negation scope marked: after "not", "don't", "can't", "never"
 * and their kin, every word up to the end of the clause carries a {@code not_} prefix. "I don't have
 * feelings" and "I have feelings" then share no feature beyond "i", which is what lets a linear head tell a
 * limit stated through negation from the claim it denies (sentence embeddings barely see the difference).
 */
final class WordFeatures {
    private static final Pattern CLAUSE = Pattern.compile("[.,;:!?()\\[\\]\"\\n\\r\\u2014\\u2013]+|\\s[-*•]\\s|\\s-{2,}\\s");
    static final Pattern WORD = Pattern.compile("[^a-z0-9']+");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "nor", "without", "cannot", "can't", "don't", "won't",
            "isn't", "aren't", "doesn't", "didn't", "wouldn't", "couldn't", "shouldn't", "haven't", "hasn't", "wasn't", "weren't", "ain't", "nothing", "neither");

    /** Words too common to say that an answer takes up what the user said. */
    static final Set<String> FUNCTION_WORDS = Set.of("i", "you", "me", "my", "your", "the", "a", "an", "and", "to", "of", "it", "is", "are",
            "be", "that", "this", "in", "for", "on", "with", "so", "just", "like", "what", "do", "can", "we", "us", "our", "but", "or", "if", "at",
            "as", "have", "was", "not", "no", "its", "it's", "i'm", "you're", "am", "all", "about", "really", "would", "will");

    private WordFeatures() {}

    /**
     * The response's {@link #counts} ({@code response}), plus an echo feature for each of its words that the
     * user's message ({@code prompt}, its counts too) used as well ({@code echo:boyfriend}, or
     * {@code echo_not:boyfriend} inside negation scope) and their totals ({@code ECHO}, {@code ECHO_NOT}). An
     * answer that negates the user's own words ("I can't be your boyfriend") is declining what the user
     * offered; the same disclaimer with no echo is not. Takes counts the caller has anyway, so no text is read twice.
     */
    static Map<String, Integer> withEcho(Map<String, Integer> prompt, Map<String, Integer> response) {
        Map<String, Integer> out = new HashMap<>(response);
        Set<String> said = new HashSet<>();
        for (String f : prompt.keySet()) {
            String word = f.startsWith("not_") ? f.substring(4) : f; // "can't you be my boyfriend?" still says boyfriend
            if (!word.contains("_") && word.length() > 2 && !FUNCTION_WORDS.contains(word)) said.add(word);
        }
        for (var e : response.entrySet()) {
            boolean negated = e.getKey().startsWith("not_");
            String word = negated ? e.getKey().substring(4) : e.getKey();
            if (word.contains("_") || !said.contains(word)) continue;
            out.merge(negated ? "ECHO_NOT" : "ECHO", e.getValue(), Integer::sum);
            out.merge((negated ? "echo_not:" : "echo:") + word, e.getValue(), Integer::sum);
        }
        return out;
    }

    /** Counts of words and adjacent pairs, each name prefixed with {@code prefix} (so a response's and a prompt's stay apart). */
    static Map<String, Integer> counts(String text, String prefix) {
        Map<String, Integer> out = new HashMap<>();
        String normalized = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'');
        for (String clause : CLAUSE.split(normalized)) {
            boolean negated = false;
            String previous = null;
            for (String raw : WORD.split(clause)) {
                String word = stripQuotes(raw);
                if (word.isEmpty()) continue;
                String feature = negated ? "not_" + word : word;
                if (NEGATIONS.contains(word) || word.endsWith("n't")) negated = true;
                out.merge(prefix + feature, 1, Integer::sum);
                if (previous != null) out.merge(prefix + previous + "_" + feature, 1, Integer::sum);
                previous = feature;
            }
        }
        return out;
    }

    private static String stripQuotes(String word) {
        int start = 0, end = word.length();
        while (start < end && word.charAt(start) == '\'') start++;
        while (end > start && word.charAt(end - 1) == '\'') end--;
        return word.substring(start, end);
    }
}
