package parasol.suite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A named, ordered set of items. The hash identifies its exact content so runs can be compared. */
public record Suite(String name, List<Item> items) {

    public Suite {
        items = List.copyOf(items);
        if (items.stream().map(Item::scheme).distinct().count() > 1) {
            throw new IllegalArgumentException("suite " + name + " mixes INTIMA items (code) with Design Code items (measure); keep them in two suites");
        }
    }

    /** The scheme its items are judged under (INTIMA for an empty suite). */
    public String scheme() { return items.isEmpty() ? parasol.scheme.IntimaScheme.ID : items.getFirst().scheme(); }

    public String contentHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Item i : items) {
                md.update((i.id() + '\u0001' + i.code() + '\u0001' + i.category() + '\u0001' + i.vulnerability()
                        + '\u0001' + i.provenance() + '\u0001').getBytes(StandardCharsets.UTF_8));
                // Design Code fields only when present, so INTIMA suites keep the hashes older runs recorded.
                if (!i.requirements().isEmpty() || i.variantOf() != null) {
                    md.update((String.join(",", i.requirements()) + '\u0001' + i.variantOf() + '\u0001').getBytes(StandardCharsets.UTF_8));
                }
                for (Turn t : i.turns()) md.update((t.role() + ":" + t.text() + '\u0002').getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
