package parasol.model;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how long a provider asks us to wait: {@code Retry-After} (seconds or an HTTP date),
 * {@code retry-after-ms}, OpenAI's {@code x-ratelimit-reset-*} durations ("1s", "6m0s", "20ms") and
 * Anthropic's {@code anthropic-ratelimit-*-reset} timestamps. The longest hint wins.
 */
final class WaitHint {
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final List<String> RESET_DURATIONS = List.of("x-ratelimit-reset-requests", "x-ratelimit-reset-tokens");
    private static final List<String> RESET_TIMES = List.of("anthropic-ratelimit-requests-reset", "anthropic-ratelimit-tokens-reset",
            "anthropic-ratelimit-input-tokens-reset", "anthropic-ratelimit-output-tokens-reset");

    private WaitHint() {}

    /** The wait asked for, or null when the answer gives none. */
    static Duration of(HttpHeaders headers, Instant now) {
        Duration best = null;
        best = longer(best, headers.firstValue("retry-after-ms").map(WaitHint::millis).orElse(null));
        best = longer(best, headers.firstValue("retry-after").map(v -> retryAfter(v, now)).orElse(null));
        for (String h : RESET_DURATIONS) best = longer(best, headers.firstValue(h).map(WaitHint::goDuration).orElse(null));
        for (String h : RESET_TIMES) best = longer(best, headers.firstValue(h).map(v -> until(v, now)).orElse(null));
        return best;
    }

    /** {@code Retry-After}: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
    static Duration retryAfter(String value, Instant now) {
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            return Double.isFinite(seconds) ? positive(Duration.ofMillis((long) Math.min(seconds * 1000, LONGEST.toMillis()))) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                return positive(Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    static Duration goDuration(String value) {
        Matcher m = GO_DURATION.matcher(value.trim());
        double millis = 0;
        boolean any = false;
        while (m.find()) {
            any = true;
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "h" -> n * 3_600_000;
                case "m" -> n * 60_000;
                case "s" -> n * 1000;
                default -> n;
            };
        }
        return any ? positive(Duration.ofMillis((long) Math.min(millis, LONGEST.toMillis()))) : null;
    }

    private static Duration until(String rfc3339, Instant now) {
        try {
            return positive(Duration.between(now, OffsetDateTime.parse(rfc3339.trim()).toInstant()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration millis(String v) {
        try {
            double ms = Double.parseDouble(v.trim());
            return Double.isFinite(ms) ? positive(Duration.ofMillis((long) Math.min(ms, LONGEST.toMillis()))) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Never negative, and never beyond a day: a server's absurd hint must not overflow a clock. */
    private static Duration positive(Duration d) {
        if (d.isNegative()) return Duration.ZERO;
        return d.compareTo(LONGEST) > 0 ? LONGEST : d;
    }

    private static final Duration LONGEST = Duration.ofDays(1);

    static Duration longer(Duration a, Duration b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) >= 0 ? a : b;
    }
}
