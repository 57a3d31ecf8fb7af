package dev.schemabench.measure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.schemabench.catalog.StoredList;
import dev.schemabench.design.SimilarResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Similarity reads through the running service over real HTTP: {@code GET /v1/products/{productId}/similar?limit=N}
 * over keep-alive HTTP/1.1 connections, one {@link HttpConnection} per reader thread (so at most one connection per
 * reader thread, with one read at a time on it). The client writes the request and reads the answer on the calling
 * thread, with blocking socket calls, {@code TCP_NODELAY} and a reused receive buffer, and no selector or executor
 * threads to hand the answer over, so the least of the measured latency is the client's own. Latency counts, in
 * nanoseconds, from the read's intended start ({@link IntendedStart}) to the whole response body received, and
 * includes everything the client does to send the request and receive the answer: it is what a caller in another
 * process on the same machine would see, not only what the server adds. The body is tokenized into a
 * {@link SimilarResult} after the latency is recorded, its items left as the body's bytes ({@link StoredList}), so a
 * driver's checks judge the answer without the parsing being timed, and a check that needs no items parses none.
 *
 * <p>Answers: 200 is {@link SimilarResult.Found}; 404 {@code product_not_found} is {@link SimilarResult.NotFound};
 * 503 {@code no_active_batch} is {@link SimilarResult.NoActiveBatch}. Anything else (another status or error code, a
 * transport failure, a timeout) throws and counts as an error; its latency is not recorded. A body that arrives but
 * does not parse has been recorded and then throws.
 *
 * <p>Thread-safe; one instance serves every reader thread. {@link #close()} closes every thread's connection.
 */
public final class MeasuredHttpReads implements MeasuredReads, AutoCloseable {

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int TIMEOUT_MILLIS = (int) TimeUnit.SECONDS.toMillis(10);
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final String similarPath;
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final LongAdder errors = new LongAdder();
    private final Queue<HttpConnection> opened = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<HttpConnection> connection;

    /** Reads from the service at {@code baseUri} ({@code http://host:port}). */
    public MeasuredHttpReads(URI baseUri) {
        if (!"http".equals(baseUri.getScheme()) || baseUri.getHost() == null) {
            throw new IllegalArgumentException("an http://host:port service address, got " + baseUri);
        }
        String path = baseUri.getRawPath() == null ? "" : baseUri.getRawPath();
        this.similarPath = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/v1/products/";
        this.connection = ThreadLocal.withInitial(() -> {
            HttpConnection opening = new HttpConnection(baseUri, TIMEOUT_MILLIS);
            opened.add(opening);
            return opening;
        });
    }

    /** Which client reads, for the results: {@code SchemaBench HttpConnection (blocking HTTP/1.1, Java 17.0.15)}. */
    public static String clientName() {
        return "SchemaBench HttpConnection (blocking HTTP/1.1, Java " + System.getProperty("java.version") + ")";
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        long start = IntendedStart.take(System.nanoTime());
        HttpConnection.Response response;
        try {
            response = connection.get().get(similarPath + URLEncoder.encode(productId, StandardCharsets.UTF_8)
                    + "/similar?limit=" + limit);
        } catch (IOException | RuntimeException e) {
            errors.increment();
            throw new UncheckedIOException("HTTP read of " + productId + " failed: " + e,
                    e instanceof IOException io ? io : new IOException(e));
        }
        long end = System.nanoTime();
        int status = response.status();
        byte[] body = response.body();
        if (!isAnswer(status, body)) {
            errors.increment();
            throw new IllegalStateException(String.format(Locale.ROOT, "HTTP %d for %s: %s", status, productId,
                    abbreviate(new String(body, StandardCharsets.UTF_8))));
        }
        recorder.recordValue(Math.max(0, end - start));
        return answer(status, body, productId, limit);
    }

    /** Closes every reader thread's connection; a read after this reopens its thread's, which a later close closes. */
    @Override
    public void close() {
        opened.forEach(HttpConnection::close);
    }

    /** Whether a response is an answer (a list, an unknown product, no active batch) rather than a failure. */
    static boolean isAnswer(int status, byte[] body) {
        return status == 200 || (status == 404 && "product_not_found".equals(errorCode(body)))
                || (status == 503 && "no_active_batch".equals(errorCode(body)));
    }

    /** The answer a response carries; throws when its body does not parse. */
    static SimilarResult answer(int status, byte[] body, String productId, int limit) {
        if (status == 200) {
            return found(body, limit);
        }
        if (status == 404) {
            return new SimilarResult.NotFound(productId);
        }
        return new SimilarResult.NoActiveBatch();
    }

    @Override
    public Histogram intervalHistogram(Histogram recycle) {
        return recorder.getIntervalHistogram(recycle);
    }

    /** Reads that failed (transport, timeout, unexpected status) so far. */
    public long errors() {
        return errors.sum();
    }

    /**
     * {@code {"product_id", "batch_id", "items": [...]}} as a {@link SimilarResult.Found} whose items are the body's
     * bytes of the array ({@link StoredList}), parsed when something looks at them. The whole body is tokenized here,
     * so a body that is not JSON throws now.
     */
    private static SimilarResult found(byte[] body, int limit) {
        String productId = null;
        String batchId = null;
        StoredList items = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("the answer is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "product_id" -> productId = parser.getText();
                    case "batch_id" -> batchId = parser.getText();
                    case "items" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new IllegalStateException("the answer's items are not a JSON array");
                        }
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
                        items = new StoredList(body, start, end - start, limit);
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the answer is not valid JSON: " + e.getMessage(), e);
        }
        if (productId == null || batchId == null || items == null) {
            throw new IllegalStateException("the answer lacks product_id, batch_id or items");
        }
        return new SimilarResult.Found(productId, batchId, items);
    }

    /** The {@code error} code of an error body, or null when it has none. */
    private static String errorCode(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("error")) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }
}
