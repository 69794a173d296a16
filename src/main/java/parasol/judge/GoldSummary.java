package parasol.judge;

/**
 * The headline of a judge's measurement against gold labels, as reports show it: which gold set, how many
 * responses, macro-F1 over the three classes with its 95% bootstrap interval, on long and short answers
 * apart, Cohen's κ, and the share of responses the judge gave no verdict for.
 */
public record GoldSummary(String goldSet, int responses, int judgeErrors, double accuracy, double macroF1, double macroF1Low,
                          double macroF1High, double macroF1Long, double macroF1Short, double classKappa) {

    /** One line, e.g. "macro-F1 0.91 [0.88–0.94] on 320 gold responses (long 0.90, short 0.92), κ 0.86, 0% judge errors". */
    public String describe() {
        return String.format("macro-F1 %.2f [%.2f–%.2f] on %d responses of the %s (long answers %.2f, short %.2f), κ %.2f, %.1f%% judge errors",
                macroF1, macroF1Low, macroF1High, responses, goldSet, macroF1Long, macroF1Short, classKappa,
                responses == 0 ? 0.0 : 100.0 * judgeErrors / responses);
    }
}
