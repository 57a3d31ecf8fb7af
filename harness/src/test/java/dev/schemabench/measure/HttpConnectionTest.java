package dev.schemabench.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpConnection} against a loopback socket that answers each request with the next scripted bytes. */
class HttpConnectionTest {

    /** What the server writes for one request, and whether it then closes the connection. */
    private record Answer(String bytes, boolean thenClose) {
    }

    private static final Answer CLOSE_WITHOUT_ANSWER = new Answer("", true);

    private final BlockingQueue<Answer> script = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private ServerSocket server;
    private Thread serving;
    private HttpConnection connection;

    @BeforeEach
    void serve() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serving = new Thread(this::acceptLoop, "scripted-http");
        serving.setDaemon(true);
        serving.start();
        connection = new HttpConnection(URI.create("http://127.0.0.1:" + server.getLocalPort()), 5_000);
    }

    @AfterEach
    void stop() throws IOException {
        connection.close();
        server.close();
    }

    @Test
    void readsContentLengthBodiesOverOneKeptAliveConnection() throws IOException {
        script.add(new Answer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
                false));
        script.add(new Answer("HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\n\r\n{}", false));

        HttpConnection.Response first = connection.get("/v1/products/P1/similar?limit=10");
        HttpConnection.Response second = connection.get("/v1/products/P2/similar?limit=10");

        assertEquals(200, first.status());
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), first.body());
        assertEquals(404, second.status());
        assertEquals("{}", new String(second.body(), StandardCharsets.UTF_8));
        assertEquals(1, accepted.get(), "both requests on one connection");
        assertEquals("GET /v1/products/P1/similar?limit=10 HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort()
                + "\r\nAccept: application/json\r\n\r\n", requests.get(0));
    }

    @Test
    void readsChunkedBodiesWithExtensionsAndTrailers() throws IOException {
        script.add(new Answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nX-Trailer: yes\r\n\r\n", false));
        script.add(new Answer("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", false));

        assertEquals("{\"a\":1}", new String(connection.get("/a").body(), StandardCharsets.UTF_8));
        assertEquals("x", new String(connection.get("/b").body(), StandardCharsets.UTF_8));
        assertEquals(1, accepted.get());
    }

    @Test
    void connectionCloseMakesTheNextRequestOpenANewConnection() throws IOException {
        script.add(new Answer("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na", true));
        script.add(new Answer("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb", false));

        assertEquals("a", new String(connection.get("/a").body(), StandardCharsets.UTF_8));
        assertEquals("b", new String(connection.get("/b").body(), StandardCharsets.UTF_8));
        assertEquals(2, accepted.get());
    }

    @Test
    void retriesOnceWhenAKeptAliveConnectionWasClosedBeforeAnswering() throws IOException {
        script.add(new Answer("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na", false));
        script.add(CLOSE_WITHOUT_ANSWER);
        script.add(new Answer("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb", false));

        connection.get("/a");
        assertEquals("b", new String(connection.get("/b").body(), StandardCharsets.UTF_8));
        assertEquals(2, accepted.get());
        assertEquals(3, requests.size(), "the request was sent again on the new connection");
    }

    @Test
    void aFreshConnectionClosedBeforeAnsweringFailsWithoutRetry() {
        script.add(CLOSE_WITHOUT_ANSWER);
        script.add(new Answer("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb", false));

        assertThrows(IOException.class, () -> connection.get("/a"));
        assertEquals(1, requests.size());
    }

    @Test
    void aBodyCutShortFails() {
        script.add(new Answer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", true));

        IOException failure = assertThrows(IOException.class, () -> connection.get("/a"));
        assertTrue(failure.getMessage().contains("3 of 10"), failure.getMessage());
    }

    @Test
    void malformedAnswersFail() {
        script.add(new Answer("SSH-2.0-OpenSSH\r\n\r\n", true));
        script.add(new Answer("HTTP/1.1 200 OK\r\nContent-Length: x1\r\n\r\n", true));
        script.add(new Answer("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nno framing", true));

        assertTrue(assertThrows(IOException.class, () -> connection.get("/a")).getMessage().contains("status line"));
        assertTrue(assertThrows(IOException.class, () -> connection.get("/b")).getMessage()
                .contains("Content-Length"));
        assertTrue(assertThrows(IOException.class, () -> connection.get("/c")).getMessage().contains("framing"));
    }

    @Test
    void refusesATargetThatIsNotPercentEncoded() {
        assertThrows(IllegalArgumentException.class, () -> connection.get("/v1/products/P 1/similar"));
        assertEquals(0, requests.size(), "nothing was sent");
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                accepted.incrementAndGet();
                InputStream in = socket.getInputStream();
                while (true) {
                    String request = readHead(in);
                    if (request == null) {
                        break;
                    }
                    requests.add(request);
                    Answer answer = script.poll(5, TimeUnit.SECONDS);
                    if (answer == null) {
                        break;
                    }
                    socket.getOutputStream().write(answer.bytes().getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                    if (answer.thenClose()) {
                        break;
                    }
                }
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    /** A request head up to its empty line, or null when the client closed first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }
}
