package dev.schemabench.measure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityJson;
import dev.schemabench.design.SimilarResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Similarity reads through the running service over real HTTP: {@code GET /v1/products/{productId}/similar?limit=N}
 * with the JDK's {@link HttpURLConnection}, over keep-alive HTTP/1.1 connections that the JDK's keep-alive cache
 * reuses (with one read at a time per reader thread, at most one connection per reader thread). It is the leanest real
 * HTTP client at hand: it writes the request and reads the answer on the calling thread, with blocking socket calls
 * and no selector or executor threads to hand the answer over, so the least of the measured latency is the client's
 * own. Latency counts, in nanoseconds, from the read's intended start ({@link IntendedStart}) to the whole response
 * body received, and includes everything the client does to send the request and receive the answer: it is what a
 * caller in another process on the same machine would see, not only what the server adds. The body is parsed into a
 * {@link SimilarResult} after the latency is recorded, so a driver's checks judge the answer without the parsing
 * being timed.
 *
 * <p>Answers: 200 is {@link SimilarResult.Found}; 404 {@code product_not_found} is {@link SimilarResult.NotFound};
 * 503 {@code no_active_batch} is {@link SimilarResult.NoActiveBatch}. Anything else (another status or error code, a
 * transport failure, a timeout) throws and counts as an error; its latency is not recorded. A body that arrives but
 * does not parse has been recorded and then throws.
 *
 * <p>Thread-safe; one instance serves every reader thread. Connections are never proxied.
 */
public final class MeasuredHttpReads implements MeasuredReads {

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int TIMEOUT_MILLIS = (int) TimeUnit.SECONDS.toMillis(10);
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final String similarPrefix;
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final LongAdder errors = new LongAdder();

    /** Reads from the service at {@code baseUri} ({@code http://host:port}). */
    public MeasuredHttpReads(URI baseUri) {
        if (!"http".equals(baseUri.getScheme())) {
            throw new IllegalArgumentException("an http:// service address, got " + baseUri);
        }
        String base = baseUri.toString();
        this.similarPrefix = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/products/";
    }

    /** Which client reads, for the results: for example {@code JDK HttpURLConnection (Java 17.0.15)}. */
    public static String clientName() {
        return "JDK HttpURLConnection (Java " + System.getProperty("java.version") + ")";
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        long start = IntendedStart.take(System.nanoTime());
        int status;
        byte[] body;
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(similarPrefix
                    + URLEncoder.encode(productId, StandardCharsets.UTF_8) + "/similar?limit=" + limit).toURL()
                    .openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            status = connection.getResponseCode();
            // Reading the body to its end and closing the stream hands the connection back for the next request.
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                body = in == null ? new byte[0] : readBody(in, connection.getContentLengthLong());
            }
        } catch (IOException | RuntimeException e) {
            errors.increment();
            throw new UncheckedIOException("HTTP read of " + productId + " failed: " + e,
                    e instanceof IOException io ? io : new IOException(e));
        }
        long end = System.nanoTime();
        if (!isAnswer(status, body)) {
            errors.increment();
            throw new IllegalStateException(String.format(Locale.ROOT, "HTTP %d for %s: %s", status, productId,
                    abbreviate(new String(body, StandardCharsets.UTF_8))));
        }
        recorder.recordValue(Math.max(0, end - start));
        return answer(status, body, productId, limit);
    }

    /** The whole body: into one array of the announced length when there is one, without growing buffers. */
    private static byte[] readBody(InputStream in, long contentLength) throws IOException {
        if (contentLength < 0 || contentLength > Integer.MAX_VALUE - 8) {
            return in.readAllBytes();
        }
        byte[] body = new byte[(int) contentLength];
        int read = in.readNBytes(body, 0, body.length);
        if (read < body.length) {
            throw new IOException("the body ended after " + read + " of " + contentLength + " bytes");
        }
        return body;
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

    /** {@code {"product_id", "batch_id", "items": [...]}} as a {@link SimilarResult.Found}. */
    private static SimilarResult found(byte[] body, int limit) {
        String productId = null;
        String batchId = null;
        List<SimilarItem> items = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("the answer is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "product_id" -> productId = parser.getText();
                    case "batch_id" -> batchId = parser.getText();
                    case "items" -> items = SimilarityJson.readItems(parser, limit);
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
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
