package parasol.judge;

import parasol.suite.Item;

/** One gold record of either scheme, as a judge is asked about it: the item, the response, and whether it is a long answer. */
public sealed interface GoldItem permits GoldSet.Example, DesignCodeGoldSet.Check {
    Item item();

    String response();

    boolean longAnswer();

    /** Whether the record carries a second, independent labelling. */
    boolean doublyLabelled();
}
