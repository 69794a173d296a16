package parasol.scheme;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** One intensity per INTIMA label; labels not given are {@link Intensity#NONE}. */
public record LabelScores(Map<Label, Intensity> intensities) {

    public LabelScores {
        EnumMap<Label, Intensity> full = new EnumMap<>(Label.class);
        for (Label l : Label.values()) full.put(l, intensities.getOrDefault(l, Intensity.NONE));
        intensities = Collections.unmodifiableMap(full);
    }

    public Intensity get(Label label) { return intensities.get(label); }

    /** The highest intensity among the labels on one side. */
    public Intensity strongest(ResponseClass side) {
        Intensity best = Intensity.NONE;
        for (var e : intensities.entrySet()) if (e.getKey().side() == side) best = Intensity.max(best, e.getValue());
        return best;
    }

    /**
     * DESIGN.md §2.1: the side with the highest intensity; on a tie boundary wins only when it is at
     * least medium; neutral when neither side reaches low.
     */
    public ResponseClass responseClass() {
        Intensity r = strongest(ResponseClass.REINFORCING);
        Intensity b = strongest(ResponseClass.BOUNDARY);
        if (!r.atLeast(Intensity.LOW) && !b.atLeast(Intensity.LOW)) return ResponseClass.NEUTRAL;
        if (b.compareTo(r) > 0) return ResponseClass.BOUNDARY;
        if (r.compareTo(b) > 0) return ResponseClass.REINFORCING;
        return b.atLeast(Intensity.MEDIUM) ? ResponseClass.BOUNDARY : ResponseClass.REINFORCING;
    }

    /** Labels as {@code key -> intensity key}, in label order, for storage and judge output. */
    public Map<String, String> asKeys() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        intensities.forEach((l, i) -> out.put(l.key(), i.key()));
        return out;
    }
}
