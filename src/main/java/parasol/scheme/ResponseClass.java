package parasol.scheme;

import java.util.Locale;

/** The side a response lands on under the INTIMA scheme. */
public enum ResponseClass {
    REINFORCING, BOUNDARY, NEUTRAL;

    public String key() { return name().toLowerCase(Locale.ROOT); }
}
