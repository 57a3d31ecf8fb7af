package dev.schemabench.measure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityJson;
import dev.schemabench.design.SimilarResult;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.Jetty;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Similarity reads through the running service over real HTTP: {@code GET /v1/products/{productId}/similar?limit=N}
 * with Jetty's {@link HttpClient} (the same Jetty version as the server) over at most {@code connections} keep-alive
 * HTTP/1.1 connections, each read blocking its calling thread. Latency counts, in nanoseconds, from the read's intended
 * start ({@link IntendedStart}) to the whole response body received, and includes everything the client does to send
 * the request and receive the answer: it is what a caller in another process on the same machine would see, not only
 * what the server adds. The body is parsed into a {@link SimilarResult} after the latency is recorded, so a driver's
 * checks judge the answer without the parsing being timed.
 *
 * <p>Answers: 200 is {@link SimilarResult.Found}; 404 {@code product_not_found} is {@link SimilarResult.NotFound};
 * 503 {@code no_active_batch} is {@link SimilarResult.NoActiveBatch}. Anything else (another status or error code, a
 * transport failure, a timeout) throws and counts as an error; its latency is not recorded. A body that arrives but
 * does not parse has been recorded and then throws.
 *
 * <p>Thread-safe; one instance serves every reader thread. {@link #close()} stops the client.
 */
public final class MeasuredHttpReads implements MeasuredReads, AutoCloseable {

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long TIMEOUT_SECONDS = 10;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final HttpClient client;
    private final String similarPrefix;
    private final int connections;
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final LongAdder errors = new LongAdder();
    private final LongAdder connectionsOpened = new LongAdder();

    /**
     * Starts a client for the service at {@code baseUri}.
     *
     * @param baseUri     {@code http://host:port} of the similarity service
     * @param connections most connections held open at once; one per reader thread keeps every read on a connection
     *                    of its own
     */
    public MeasuredHttpReads(URI baseUri, int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, got " + connections);
        }
        this.connections = connections;
        String base = baseUri.toString();
        this.similarPrefix = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/products/";
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(4, connections + 2), 2);
        threads.setName("schemabench-http-client");
        threads.setDaemon(true);
        connector.setExecutor(threads);
        client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(connections);
        client.setFollowRedirects(false);
        client.addBean(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                connectionsOpened.increment();
            }
        });
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client: " + e.getMessage(), e);
        }
    }

    /** Which client reads, for the results: for example {@code Jetty HttpClient 12.1.13}. */
    public static String clientName() {
        return "Jetty HttpClient " + Jetty.VERSION;
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        long start = IntendedStart.take(System.nanoTime());
        ContentResponse response;
        try {
            response = client.newRequest(similarPrefix + URLEncoder.encode(productId, StandardCharsets.UTF_8)
                            + "/similar?limit=" + limit)
                    .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .send();
        } catch (InterruptedException e) {
            errors.increment();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + productId + " over HTTP", e);
        } catch (TimeoutException e) {
            errors.increment();
            throw new IllegalStateException("no answer over HTTP for " + productId + " within " + TIMEOUT_SECONDS
                    + " s", e);
        } catch (ExecutionException e) {
            errors.increment();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("HTTP read of " + productId + " failed: " + cause, cause);
        }
        long end = System.nanoTime();
        int status = response.getStatus();
        byte[] body = response.getContent();
        if (status == 200) {
            recorder.recordValue(Math.max(0, end - start));
            return found(body, limit);
        }
        String code = errorCode(body);
        if (status == 404 && "product_not_found".equals(code)) {
            recorder.recordValue(Math.max(0, end - start));
            return new SimilarResult.NotFound(productId);
        }
        if (status == 503 && "no_active_batch".equals(code)) {
            recorder.recordValue(Math.max(0, end - start));
            return new SimilarResult.NoActiveBatch();
        }
        errors.increment();
        throw new IllegalStateException(String.format(Locale.ROOT, "HTTP %d for %s: %s", status, productId,
                abbreviate(new String(body, StandardCharsets.UTF_8))));
    }

    @Override
    public Histogram intervalHistogram(Histogram recycle) {
        return recorder.getIntervalHistogram(recycle);
    }

    /** Reads that failed (transport, timeout, unexpected status) so far. */
    public long errors() {
        return errors.sum();
    }

    /** The most connections held open at once, as configured. */
    public int connections() {
        return connections;
    }

    /** Connections the client opened so far; with keep-alive it stays at or below {@link #connections()}. */
    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client did not stop cleanly: " + e.getMessage(), e);
        }
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
