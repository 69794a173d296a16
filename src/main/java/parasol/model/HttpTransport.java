package parasol.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * POSTs JSON with one overall deadline covering connect, headers and the whole body: a watchdog cuts
 * the connection when the deadline passes, so a server that stalls half-way through its answer is cut
 * off like one that never answers. Answers larger than {@link #MAX_ANSWER_BYTES} are refused, and no
 * more than that is ever read. Transport failures come back classified, never as "(null)".
 *
 * <p>Why {@link HttpURLConnection}: {@code parasol bench} measured it level with
 * {@code java.net.http.HttpClient} (2,000 calls at 200 ms: 1.04/1.07/1.32 × ideal at concurrency
 * 16/64/256 against 1.03/1.08/1.32), and it lets a watchdog cut a stalled body and a size cap bound what
 * is read with no extra machinery. On virtual threads it blocks nothing but its own thread.
 */
final class HttpTransport {
    record Answer(int status, HttpHeaders headers, String body) {}

    static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("parasol-http-deadline").unstarted(r));

    private HttpTransport() {}

    static Answer post(URI uri, Map<String, String> headers, String json, Duration deadline) throws ModelException {
        String where = uri.getHost() + ":" + uri.getPort();
        AtomicBoolean expired = new AtomicBoolean();
        HttpURLConnection http;
        try {
            http = (HttpURLConnection) uri.toURL().openConnection();
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelException(FailureKind.BAD_REQUEST, 0, "cannot call " + where + ": " + e.getMessage());
        }
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> { expired.set(true); http.disconnect(); }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, deadline.toMillis());
            http.setConnectTimeout(Math.min(millis, 10_000));
            http.setReadTimeout(millis);
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setUseCaches(false);
            http.setRequestProperty("Content-Type", "application/json");
            headers.forEach(http::setRequestProperty);
            // No fixed-length streaming mode: in it the JDK drops the body of a 401, and with it the provider's reason.
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = http.getOutputStream()) {
                out.write(body);
            }
            int status = http.getResponseCode();
            long declared = http.getContentLengthLong();
            if (declared > MAX_ANSWER_BYTES) throw oversize(where);
            String text;
            try (InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
                byte[] bytes = in == null ? new byte[0] : in.readNBytes(MAX_ANSWER_BYTES + 1);
                if (bytes.length > MAX_ANSWER_BYTES) throw oversize(where);
                text = new String(bytes, StandardCharsets.UTF_8);
            }
            if (expired.get()) throw timeout(where, deadline);
            return new Answer(status, headers(http), text);
        } catch (ModelException e) {
            http.disconnect();
            throw e;
        } catch (IOException e) {
            http.disconnect();
            if (expired.get()) throw timeout(where, deadline);
            throw classify(where, uri, e);
        } finally {
            watchdog.cancel(false);
        }
    }

    private static HttpHeaders headers(HttpURLConnection http) {
        Map<String, List<String>> out = new HashMap<>();
        http.getHeaderFields().forEach((k, v) -> { if (k != null) out.put(k, v); });
        return HttpHeaders.of(out, (a, b) -> true);
    }

    private static ModelException oversize(String where) {
        return new ModelException(FailureKind.OVERSIZE_ANSWER, 0, "answer from " + where + " is larger than " + MAX_ANSWER_BYTES / (1024 * 1024) + " MB");
    }

    private static ModelException timeout(String where, Duration deadline) {
        return new ModelException(FailureKind.TIMEOUT, 0, "no complete answer from " + where + " within " + deadline.toSeconds() + " s");
    }

    private static ModelException classify(String where, URI uri, IOException e) {
        if (e instanceof ConnectException) return new ModelException(FailureKind.CONNECTION_REFUSED, 0, "connection refused by " + where);
        if (e instanceof UnknownHostException) return new ModelException(FailureKind.CONNECTION_REFUSED, 0, "unknown host " + uri.getHost());
        if (e instanceof SocketTimeoutException) return new ModelException(FailureKind.TIMEOUT, 0, "no answer from " + where + " in time");
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ModelException(FailureKind.CONNECTION_LOST, 0, "connection to " + where + " lost: " + detail);
    }
}
