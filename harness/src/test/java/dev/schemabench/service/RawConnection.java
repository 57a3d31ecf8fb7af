package dev.schemabench.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One TCP connection to the service on loopback, for what a well-behaved HTTP client never sends: half requests,
 * bodies announced and withheld, unknown versions. Reads answers with a timeout; never hangs a test. Not thread-safe.
 */
final class RawConnection implements AutoCloseable {

    private final Socket socket;
    private final PushbackInputStream in;

    RawConnection(URI base) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5_000);
            socket.setSoTimeout(5_000);
            in = new PushbackInputStream(socket.getInputStream(), 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code text} as ISO-8859-1 bytes. */
    RawConnection send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Everything the server sends until it closes the connection or nothing more arrives for {@code quietMillis}.
     * A reset after some bytes arrived ends the reading too.
     */
    String readAll(int quietMillis) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            socket.setSoTimeout(quietMillis);
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                received.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException quiet) {
            // Nothing more for quietMillis.
        } catch (IOException reset) {
            if (received.size() == 0) {
                throw new UncheckedIOException(reset);
            }
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** One response as read off the wire. */
    record Response(int status, String head, String body) {

        /** The value of header {@code name} (case-insensitive), or null. */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /**
     * Reads one response: the head, then as many body bytes as its Content-Length says (none when
     * {@code headRequest}). Fails when it does not arrive within {@code timeoutMillis}.
     */
    Response readResponse(int timeoutMillis, boolean headRequest) {
        try {
            socket.setSoTimeout(timeoutMillis);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                byte[] sofar = head.toByteArray();
                int n = sofar.length;
                if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r'
                        && sofar[n - 1] == '\n') {
                    break;
                }
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            if (!headText.startsWith("HTTP/1.")) {
                throw new IllegalStateException("no response head, got: " + headText);
            }
            int status = Integer.parseInt(headText.substring(9, 12));
            Response partial = new Response(status, headText, "");
            String length = partial.header("Content-Length");
            int bodyBytes = headRequest || length == null ? 0 : Integer.parseInt(length);
            byte[] body = in.readNBytes(bodyBytes);
            return new Response(status, headText, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One response if it starts arriving within {@code millis}, else null (nothing is consumed then). */
    Response pollResponse(int millis) {
        try {
            socket.setSoTimeout(millis);
            int first = in.read();
            if (first < 0) {
                throw new IllegalStateException("the server closed the connection without an answer");
            }
            in.unread(first);
        } catch (SocketTimeoutException nothingYet) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return readResponse(10_000, false);
    }

    /** Whether the server closed the connection within {@code millis} (end of stream or reset). */
    boolean closedWithin(int millis) {
        try {
            socket.setSoTimeout(millis);
            byte[] buffer = new byte[8192];
            while (in.read(buffer) >= 0) {
                // Discard whatever is still sent.
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a test socket.
        }
    }
}
