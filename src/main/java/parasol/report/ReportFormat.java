package parasol.report;

import java.util.Locale;

/** The formats {@code parasol report} writes. */
public enum ReportFormat {
    HTML("html"), MD("md"), CSV("csv"), JSON("json");

    private final String extension;

    ReportFormat(String extension) { this.extension = extension; }

    public String extension() { return extension; }

    public static ReportFormat parse(String text) {
        for (ReportFormat f : values()) if (f.extension.equals(text.toLowerCase(Locale.ROOT))) return f;
        throw new IllegalArgumentException("unknown report format '" + text + "' (expected html, md, csv or json)");
    }
}
