package parasol.model;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs JSON with one overall deadline covering connect, headers and the whole body: a server that
 * stalls half-way through its answer is cut off like one that never answers. Transport failures come
 * back classified, never as "(null)".
 */
final class HttpTransport {
    record Answer(int status, HttpHeaders headers, String body) {}

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private HttpTransport() {}

    static Answer post(URI uri, Map<String, String> headers, String json, Duration deadline) throws ModelException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(deadline)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<String>> call = CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ModelException(FailureKind.TIMEOUT, 0, "no complete answer from " + uri + " within " + deadline.toSeconds() + " s");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelException(FailureKind.INTERRUPTED, 0, "call to " + uri + " interrupted");
        } catch (ExecutionException e) {
            throw classify(uri, e.getCause());
        }
    }

    private static ModelException classify(URI uri, Throwable t) {
        String where = uri.getHost() + ":" + uri.getPort();
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (t instanceof HttpConnectTimeoutException) return new ModelException(FailureKind.TIMEOUT, 0, "connect to " + where + " timed out");
        if (t instanceof HttpTimeoutException) return new ModelException(FailureKind.TIMEOUT, 0, "no answer from " + where + " in time");
        if (t instanceof ConnectException || root instanceof ConnectException) {
            return new ModelException(FailureKind.CONNECTION_REFUSED, 0, "connection refused by " + where);
        }
        if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            return new ModelException(FailureKind.CONNECTION_REFUSED, 0, "unknown host " + uri.getHost());
        }
        if (t instanceof IOException || root instanceof IOException) {
            String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return new ModelException(FailureKind.CONNECTION_LOST, 0, "connection to " + where + " lost: " + detail);
        }
        return new ModelException(FailureKind.CONNECTION_LOST, 0, "call to " + where + " failed: " + root.getClass().getSimpleName());
    }
}
