package parasol.judge;

/** One judge measured against gold labels, under either scheme: what the terminal prints and what reports quote. */
public sealed interface GoldMeasurement permits GoldReport, DesignCodeGoldReport {
    String judge();

    /** The headline figures, named by the gold set they were measured on. */
    GoldSummary summary(String goldSet);

    /** A plain-text block for the terminal. */
    String describe();
}
