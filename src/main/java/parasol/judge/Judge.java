package parasol.judge;

import parasol.suite.Item;

/** Judges one response to one item under the INTIMA scheme. Thread-safe; never throws for a bad verdict. */
public interface Judge {
    /** The judge's identity as stored with each judgement, e.g. {@code embedded:minilm-ridge-v1}. */
    String id();

    Judgement judge(Item item, String response);

    /** True when judging is local computation (the embedded judge), false when it waits on a model server. */
    default boolean local() { return false; }
}
