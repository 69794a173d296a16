package parasol.report;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Cells that are safe to open in a spreadsheet. A text cell that starts like a formula ({@code =}, {@code +},
 * {@code -}, {@code @}, tab or carriage return, after any spaces, or their full-width forms) would be run by
 * Excel, LibreOffice or Sheets; it gets a leading single quote, as OWASP's "CSV injection" guidance recommends,
 * so it shows as the text it is. Numbers, and text that is a plain number such as {@code -0.25}, stay as
 * they are. Every CSV the project writes passes its cells through here; the CSV writer does the quoting.
 */
public final class CsvCells {
    private static final String FORMULA_START = "=+-@\t\r＝＋－＠";
    private static final Pattern PLAIN_NUMBER = Pattern.compile(" *[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvCells() {}

    /** The cell as written: numbers untouched, text neutralised when it would start a formula. */
    public static Object neutralise(Object cell) {
        if (!(cell instanceof CharSequence text)) return cell;
        String s = text.toString();
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        if (i == s.length() || FORMULA_START.indexOf(s.charAt(i)) < 0) return s;
        if (PLAIN_NUMBER.matcher(s).matches()) return s;
        return "'" + s;
    }

    /** A row with every cell neutralised. */
    public static List<Object> row(List<?> cells) {
        return cells.stream().map(CsvCells::neutralise).toList();
    }
}
