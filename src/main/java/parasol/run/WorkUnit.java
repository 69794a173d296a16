package parasol.run;

/** One response to obtain: the natural key (item, model, sample) that storage writes idempotently under. */
public record WorkUnit(String itemId, String model, int sample) {}
