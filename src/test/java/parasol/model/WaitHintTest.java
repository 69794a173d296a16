package parasol.model;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WaitHintTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static Duration hint(Map<String, String> headers) {
        Map<String, List<String>> m = new java.util.HashMap<>();
        headers.forEach((k, v) -> m.put(k, List.of(v)));
        return WaitHint.of(HttpHeaders.of(m, (a, b) -> true), NOW);
    }

    @Test
    void readsRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(hint(Map.of("Retry-After", "7"))).isEqualTo(Duration.ofSeconds(7));
        assertThat(hint(Map.of("Retry-After", "0"))).isEqualTo(Duration.ZERO);
        assertThat(hint(Map.of("retry-after", "Mon, 23 Nov 2026 12:00:30 GMT"))).isEqualTo(Duration.ofSeconds(30));
        assertThat(hint(Map.of("Retry-After", "Mon, 23 Nov 2026 11:59:00 GMT"))).as("a date in the past means now").isEqualTo(Duration.ZERO);
        assertThat(hint(Map.of("Retry-After", "soon"))).isNull();
        assertThat(hint(Map.of())).isNull();
    }

    @Test
    void readsProvidersRateLimitResetHeadersAndTakesTheLongest() {
        assertThat(hint(Map.of("x-ratelimit-reset-requests", "1s", "x-ratelimit-reset-tokens", "6m0s"))).isEqualTo(Duration.ofMinutes(6));
        assertThat(hint(Map.of("x-ratelimit-reset-tokens", "20ms"))).isEqualTo(Duration.ofMillis(20));
        assertThat(hint(Map.of("retry-after-ms", "1500", "Retry-After", "1"))).isEqualTo(Duration.ofMillis(1500));
        assertThat(hint(Map.of("anthropic-ratelimit-requests-reset", "2026-11-23T12:00:12Z"))).isEqualTo(Duration.ofSeconds(12));
    }
}
