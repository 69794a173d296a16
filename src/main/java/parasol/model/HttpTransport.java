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
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs JSON with one overall deadline covering connect, headers and the whole body: the exchange is
 * cancelled when the deadline passes, so a server that stalls half-way through its answer is cut off
 * like one that never answers. Answers larger than the cap (a spec's {@code max_answer_mb}, 1 MB by
 * default: thousands of times a chat answer) are refused as soon as they pass it; no more than that is ever held. Transport failures come back classified.
 *
 * <p>{@code parasol bench} measured {@code java.net.http.HttpClient} level with
 * {@code HttpURLConnection} (2,000 calls at 200 ms latency: 1.03/1.08/1.32 × ideal at concurrency
 * 16/64/256 against 1.04/1.07/1.32); only this client can abandon a body stalled mid-read.
 */
final class HttpTransport {
    record Answer(int status, HttpHeaders headers, String body) {}


    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    private HttpTransport() {}

    static Answer post(URI uri, Map<String, String> headers, String json, Duration deadline, int maxBytes) throws ModelException {
        String where = uri.getHost() + ":" + uri.getPort();
        CompletableFuture<HttpResponse<String>> call;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(deadline)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            headers.forEach(request::header);
            call = CLIENT.sendAsync(request.build(), info -> new Capped(maxBytes));
        } catch (RuntimeException e) {
            // e.g. a header value the JDK refuses; the caller redacts the message before anyone sees it
            throw new ModelException(FailureKind.BAD_REQUEST, 0, "cannot send the request to " + where + ": " + e.getMessage());
        }
        try {
            HttpResponse<String> r = call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ModelException(FailureKind.TIMEOUT, 0, "no complete answer from " + where + " within " + deadline.toSeconds() + " s");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelException(FailureKind.INTERRUPTED, 0, "call to " + where + " interrupted");
        } catch (ExecutionException e) {
            throw classify(where, uri, e.getCause(), maxBytes);
        }
    }

    /** Collects the body as UTF-8 text, and gives up (cancelling the stream) once it passes the cap. */
    private static final class Capped implements HttpResponse.BodySubscriber<String> {
        private final int maxBytes;
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Capped(int maxBytes) { this.maxBytes = maxBytes; }

        @Override public CompletionStage<String> getBody() { return result; }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                if (bytes.size() + b.remaining() > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override public void onError(Throwable t) { result.completeExceptionally(t); }

        @Override public void onComplete() { result.complete(bytes.toString(StandardCharsets.UTF_8)); }
    }

    private static final class TooLarge extends IOException {
        TooLarge() { super("answer larger than the cap"); }
    }

    private static ModelException classify(String where, URI uri, Throwable t, int maxBytes) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (t instanceof TooLarge || root instanceof TooLarge) {
            return new ModelException(FailureKind.OVERSIZE_ANSWER, 0, "answer from " + where + " is larger than " + maxBytes / (1024 * 1024) + " MB");
        }
        if (t instanceof HttpConnectTimeoutException) return new ModelException(FailureKind.TIMEOUT, 0, "connect to " + where + " timed out");
        if (t instanceof HttpTimeoutException) return new ModelException(FailureKind.TIMEOUT, 0, "no answer from " + where + " in time");
        if (t instanceof ConnectException || root instanceof ConnectException) {
            return new ModelException(FailureKind.CONNECTION_REFUSED, 0, "connection refused by " + where);
        }
        if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            return new ModelException(FailureKind.CONNECTION_REFUSED, 0, "unknown host " + uri.getHost());
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new ModelException(FailureKind.CONNECTION_LOST, 0, "connection to " + where + " lost: " + detail);
    }
}
