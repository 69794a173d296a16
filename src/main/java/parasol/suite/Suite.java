package parasol.suite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A named, ordered set of items. The hash identifies its exact content so runs can be compared. */
public record Suite(String name, List<Item> items) {

    public Suite { items = List.copyOf(items); }

    public String contentHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Item i : items) {
                md.update((i.id() + '\u0001' + i.code() + '\u0001' + i.category() + '\u0001' + i.vulnerability()
                        + '\u0001' + i.provenance() + '\u0001').getBytes(StandardCharsets.UTF_8));
                for (Turn t : i.turns()) md.update((t.role() + ":" + t.text() + '\u0002').getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
