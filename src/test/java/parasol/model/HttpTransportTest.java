package parasol.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Raw-socket servers that misbehave below HTTP: stall half-way, hang up, answer too much. */
class HttpTransportTest {
    private static final int CAP = 1024 * 1024;

    /** Accepts connections on loopback and hands each socket, after its request head, to {@code behaviour}. */
    private static final class RawServer implements AutoCloseable {
        final ServerSocket socket;

        RawServer(Consumer<Socket> behaviour) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        Thread.ofVirtual().start(() -> {
                            try (s) {
                                readHead(s.getInputStream());
                                behaviour.accept(s);
                            } catch (IOException ignored) {
                                // the client hung up
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        URI uri() { return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1/chat/completions"); }

        @Override
        public void close() throws IOException { socket.close(); }
    }

    /** Reads the request head and its body (as long as Content-Length says), so closing never resets unread data. */
    private static void readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) return;
            head.append((char) b);
        }
        var m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        if (m.find()) in.readNBytes(Integer.parseInt(m.group(1)));
    }

    private static void write(Socket s, String text) {
        try {
            OutputStream out = s.getOutputStream();
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException ignored) {
            // the client hung up
        }
    }

    private static void sleep(long ms) {
        try { Thread.sleep(ms); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }

    @Test
    void aBodyThatStallsHalfWayIsCutAtTheDeadline() throws Exception {
        try (RawServer server = new RawServer(s -> {
            write(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"choices\":[");
            for (int i = 0; i < 30; i++) { sleep(200); write(s, " "); } // one byte now and then, never the rest
        })) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> HttpTransport.post(server.uri(), Map.of(), "{}", Duration.ofSeconds(1), CAP))
                    .isInstanceOfSatisfying(ModelException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("within 1 s");
                    });
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 3000L);
        }
    }

    @Test
    void aServerThatHangsUpIsALostConnectionWorthRetrying() throws Exception {
        try (RawServer server = new RawServer(s -> {
            try {
                s.setSoLinger(true, 0); // close with a reset
            } catch (IOException ignored) {
                // best effort
            }
        })) {
            assertThatThrownBy(() -> HttpTransport.post(server.uri(), Map.of(), "{}", Duration.ofSeconds(5), CAP))
                    .isInstanceOfSatisfying(ModelException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.CONNECTION_LOST);
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).doesNotContain("null");
                    });
        }
    }

    @Test
    void anAnswerLargerThanTheCapIsRefusedWithoutReadingItAll() throws Exception {
        int size = CAP + 1024;
        try (RawServer server = new RawServer(s -> {
            write(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "x".repeat(64 * 1024);
            for (int sent = 0; sent < size; sent += chunk.length()) write(s, Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            write(s, "0\r\n\r\n");
        })) {
            assertThatThrownBy(() -> HttpTransport.post(server.uri(), Map.of(), "{}", Duration.ofSeconds(20), CAP))
                    .isInstanceOfSatisfying(ModelException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.OVERSIZE_ANSWER);
                        assertThat(e.getMessage()).contains("larger than 1 MB");
                        assertThat(e.retryable()).isFalse();
                    });
        }
    }

    @Test
    void aClosedPortIsConnectionRefusedNamingWhere() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { port = s.getLocalPort(); }
        assertThatThrownBy(() -> HttpTransport.post(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"), Map.of(), "{}", Duration.ofSeconds(5), CAP))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
                    assertThat(e.getMessage()).isEqualTo("connection refused by 127.0.0.1:" + port);
                });
    }
}
