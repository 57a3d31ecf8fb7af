package dev.schemabench.service.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a request body through and refuses it (408) when a read fails (an idle timeout, a client gone) or once it
 * arrives more slowly than a minimum average rate, counted
 * from its first read after a grace second. Each single read is bounded separately by the connection's idle timeout;
 * together they bound how long a slow client can hold the thread reading its body. Not thread-safe (one reader).
 */
final class PacedInputStream extends FilterInputStream {

    private static final long GRACE_NANOS = 1_000_000_000L;

    private final long minBytesPerSecond;
    private final long startNanos = System.nanoTime();
    private long count;

    PacedInputStream(InputStream in, long minBytesPerSecond) {
        super(in);
        this.minBytesPerSecond = minBytesPerSecond;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        int read;
        try {
            read = in.read(buffer, offset, length);
        } catch (IOException e) {
            // An idle timeout or a client gone mid-body; Jetty's wording stays out of the answer.
            throw new ApiException(408, "request_timeout", "the body stopped arriving before its end");
        }
        counted(Math.max(0, read));
        return read;
    }

    private void counted(long bytes) {
        count += bytes;
        long elapsed = System.nanoTime() - startNanos;
        // One second's worth of bytes is forgiven, so the check starts after the grace second.
        if (minBytesPerSecond > 0 && elapsed > GRACE_NANOS
                && count < minBytesPerSecond * (elapsed / 1e9 - 1)) {
            throw new ApiException(408, "request_timeout", "the body arrived more slowly than " + minBytesPerSecond
                    + " bytes per second");
        }
    }
}
