package parasol.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parasol.scheme.Category;
import parasol.scheme.IntimaScheme;

/**
 * What a suite file holds, for an author checking an import: items per category and per code (every
 * taxonomy code, so a missing one shows as 0; then codes outside it), and prompts that repeat one
 * word for word.
 */
public record SuiteShape(Map<Category, Integer> perCategory, Map<Category, Map<String, Integer>> perCode,
                         List<Duplicate> duplicates) {

    /** An item whose conversation is exactly that of an earlier one. */
    public record Duplicate(long line, long firstLine) {}

    public static SuiteShape of(SuiteFiles.Loaded loaded) {
        Map<Category, Integer> perCategory = new EnumMap<>(Category.class);
        Map<Category, Map<String, Integer>> perCode = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            Map<String, Integer> codes = new LinkedHashMap<>();
            IntimaScheme.codesIn(c).forEach(code -> codes.put(code, 0));
            perCode.put(c, codes);
            if (c != Category.UNMAPPED) perCategory.put(c, 0);
        }
        List<Item> items = loaded.suite().items();
        List<Duplicate> duplicates = new ArrayList<>();
        Map<List<Turn>, Long> firstLine = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            perCategory.merge(item.category(), 1, Integer::sum);
            perCode.get(item.category()).merge(item.code(), 1, Integer::sum);
            long line = loaded.lines().get(i);
            Long first = firstLine.putIfAbsent(item.turns(), line);
            if (first != null) duplicates.add(new Duplicate(line, first));
        }
        if (perCode.get(Category.UNMAPPED).isEmpty()) perCode.remove(Category.UNMAPPED);
        perCode.replaceAll((c, m) -> Collections.unmodifiableMap(m));
        return new SuiteShape(Collections.unmodifiableMap(perCategory), Collections.unmodifiableMap(perCode), List.copyOf(duplicates));
    }

    public int unmapped() { return perCategory.getOrDefault(Category.UNMAPPED, 0); }
}
