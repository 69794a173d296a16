package parasol.scheme;

import java.util.List;

/**
 * A way of judging responses: what a judge looks for, how its verdict reads and what is counted. Each
 * scheme is data (labels or requirements, rubric text) plus one class; suites, judges, the store and the
 * analysis take the scheme as a parameter. A third scheme is one more class here and its data.
 */
public sealed interface Scheme permits IntimaScheme, DesignCodeScheme {
    /** As stored with runs and judgements: {@code intima}, {@code design-code}. */
    String id();

    /** What the scheme measures, in one line. */
    String title();

    /** Where the scheme comes from. */
    String citation();

    static List<Scheme> all() { return List.of(IntimaScheme.INSTANCE, DesignCodeScheme.INSTANCE); }

    /** The scheme with this id; an unknown id is a bad-input error naming the known ones. */
    static Scheme of(String id) {
        for (Scheme s : all()) if (s.id().equals(id)) return s;
        throw new IllegalArgumentException("unknown scheme '" + id + "' (known: intima, design-code)");
    }
}
