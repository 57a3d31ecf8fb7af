package dev.schemabench.measure;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that sends a GET and reads the whole answer on the calling thread, with blocking
 * socket calls, {@code TCP_NODELAY} and one reused receive buffer: a request costs a write of its line and two
 * headers, reads of the answer into that buffer, and the body's own array. Bodies are framed by
 * {@code Content-Length} or {@code Transfer-Encoding: chunked}; an answer with neither, a malformed one, or
 * {@code Connection: close} ends the connection, and the next request opens a new one. A kept-alive connection the
 * server closed before answering gets one retry on a new connection, as the JDK's own client does for a GET. Not
 * thread-safe: one per reader thread.
 *
 * <p>What {@link MeasuredHttpReads} reads with: of the clients compared by {@code HttpClientsMeasurement} (the JDK's
 * two and Jetty's), the one that uses the least CPU per read and adds the least latency (see the README,
 * "Performance").
 */
final class HttpConnection implements Closeable {

    /** A status and the whole body. */
    record Response(int status, byte[] body) {
    }

    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final byte[] GET = "GET ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_11 = " HTTP/1.1\r\nHost: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_HEAD =
            "\r\nAccept: application/json\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress address;
    private final byte[] host;
    private final int timeoutMillis;
    private final byte[] buffer = new byte[64 * 1024];
    private byte[] request = new byte[512];
    private int position;
    private int limit;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean answerStarted;

    /** A connection to the server of {@code base} ({@code http://host:port}), opened by the first request. */
    HttpConnection(URI base, int timeoutMillis) {
        if (!"http".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("an http://host:port address, got " + base);
        }
        int port = base.getPort() < 0 ? 80 : base.getPort();
        this.address = new InetSocketAddress(base.getHost(), port);
        this.host = (base.getHost() + ":" + port).getBytes(StandardCharsets.US_ASCII);
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * GETs {@code pathAndQuery} (already percent-encoded, starting with {@code /}); any failure closes the connection
     * and throws.
     */
    Response get(String pathAndQuery) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(pathAndQuery);
        } catch (IOException e) {
            close();
            if (!reused || answerStarted) {
                throw e;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        try {
            return exchange(pathAndQuery);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Response exchange(String pathAndQuery) throws IOException {
        if (socket == null) {
            open();
        }
        answerStarted = false;
        writeRequest(pathAndQuery);
        return readResponse();
    }

    private void open() throws IOException {
        Socket opening = new Socket();
        try {
            opening.setTcpNoDelay(true);
            opening.connect(address, timeoutMillis);
            opening.setSoTimeout(timeoutMillis);
            in = opening.getInputStream();
            out = opening.getOutputStream();
        } catch (IOException e) {
            opening.close();
            throw e;
        }
        socket = opening;
        position = 0;
        limit = 0;
    }

    private void writeRequest(String pathAndQuery) throws IOException {
        int length = 4 + pathAndQuery.length() + HTTP_11.length + host.length + END_OF_HEAD.length;
        if (request.length < length) {
            request = new byte[length];
        }
        int at = put(GET, 0);
        for (int i = 0; i < pathAndQuery.length(); i++) {
            char c = pathAndQuery.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException("not a percent-encoded request target: " + pathAndQuery);
            }
            request[at++] = (byte) c;
        }
        at = put(END_OF_HEAD, put(host, put(HTTP_11, at)));
        out.write(request, 0, at);
        out.flush();
    }

    private int put(byte[] bytes, int at) {
        System.arraycopy(bytes, 0, request, at, bytes.length);
        return at + bytes.length;
    }

    private Response readResponse() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = parseInt(statusLine.substring(9, 12), "status");
        long contentLength = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        int headBytes = statusLine.length();
        for (String header = line(); !header.isEmpty(); header = line()) {
            headBytes += header.length();
            if (headBytes > MAX_HEAD_BYTES) {
                throw new IOException("response head over " + MAX_HEAD_BYTES + " bytes");
            }
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header: " + header);
            }
            if (isHeader(header, colon, "content-length")) {
                contentLength = parseInt(header.substring(colon + 1), "Content-Length");
            } else if (isHeader(header, colon, "transfer-encoding")) {
                chunked = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT).endsWith("chunked");
            } else if (isHeader(header, colon, "connection")) {
                close |= header.substring(colon + 1).toLowerCase(Locale.ROOT).contains("close");
            }
        }
        byte[] body;
        if (chunked) {
            body = chunkedBody();
        } else if (contentLength >= 0) {
            body = new byte[(int) contentLength];
            readFully(body, 0, body.length);
        } else if (status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else {
            throw new IOException("HTTP " + status + " without Content-Length or chunked framing");
        }
        if (close) {
            close();
        }
        return new Response(status, body);
    }

    private byte[] chunkedBody() throws IOException {
        byte[] body = new byte[0];
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + sizeLine);
            }
            if (size < 0 || body.length + (long) size > Integer.MAX_VALUE - 8) {
                throw new IOException("chunk size out of range: " + sizeLine);
            }
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers are read and ignored
                }
                return body;
            }
            int start = body.length;
            body = Arrays.copyOf(body, start + size);
            readFully(body, start, size);
            if (!line().isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    /** The next line without its CRLF, as Latin-1. */
    private String line() throws IOException {
        StringBuilder line = null;
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    String text = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                    position = i + 1;
                    return line == null ? text : line.append(text).toString();
                }
            }
            if (line == null) {
                line = new StringBuilder();
            }
            line.append(new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1));
            if (line.length() > MAX_HEAD_BYTES) {
                throw new IOException("response line over " + MAX_HEAD_BYTES + " bytes");
            }
            fill();
        }
    }

    private void readFully(byte[] target, int offset, int length) throws IOException {
        int buffered = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, buffered);
        position += buffered;
        int done = buffered;
        while (done < length) {
            int read = in.read(target, offset + done, length - done);
            if (read < 0) {
                throw new EOFException("the body ended after " + done + " of " + length + " bytes");
            }
            done += read;
        }
    }

    private void fill() throws IOException {
        position = 0;
        limit = 0;
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
            throw new EOFException("the server closed the connection");
        }
        limit = read;
        answerStarted = true;
    }

    /** Whether the header line's name (before {@code colon}) is {@code name}, ignoring case; allocates nothing. */
    private static boolean isHeader(String header, int colon, String name) {
        return colon == name.length() && header.regionMatches(true, 0, name, 0, colon);
    }

    private static int parseInt(String text, String what) throws IOException {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException("malformed " + what + ": " + text);
        }
    }

    @Override
    public void close() {
        Socket closing = socket;
        socket = null;
        in = null;
        out = null;
        if (closing != null) {
            try {
                closing.close();
            } catch (IOException ignored) {
                // nothing to recover from a failed close
            }
        }
    }
}
