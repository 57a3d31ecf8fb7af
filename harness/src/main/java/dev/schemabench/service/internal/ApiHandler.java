package dev.schemabench.service.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.BatchInfo;
import dev.schemabench.design.RollbackOutcome;
import dev.schemabench.design.SimilarJson;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.design.StorageDesign;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes and serves every request of the similarity service over one design. Blocking: each request holds a server
 * thread while the design works, and every design call is bounded by the design's statement and pool timeouts.
 *
 * <p>Protection: a refused request is answered at once and its body is never waited for on a thread; at most
 * {@link Protection#maxConcurrentReads()} reads and {@link Protection#maxConcurrentBodies()} request bodies are in
 * flight, the excess answered 503 with {@code Retry-After} at once; while the {@link DatabaseCircuit} is open every
 * database route answers 503 at once; {@code /ready} waits at most its budget. Thread-safe.
 */
public final class ApiHandler extends Handler.Abstract implements AutoCloseable {

    /**
     * The limits this handler enforces itself.
     *
     * @param maxConcurrentReads    reads in flight at once
     * @param maxQueuedReads        reads that may wait for a slot; more are shed at once
     * @param readQueueWait         longest a queued read waits before it is shed
     * @param maxConcurrentBodies   request bodies being read at once; more are shed
     * @param minBodyBytesPerSecond slowest accepted body (408 below it), 0 for no minimum
     * @param refusedBodyDrainMillis how long a refused request's body is drained after the answer
     * @param readinessBudget       longest {@code /ready} waits for the database
     * @param probeInterval         pause between probes of an unreachable database
     */
    public record Protection(int maxConcurrentReads, int maxQueuedReads, java.time.Duration readQueueWait,
            int maxConcurrentBodies, long minBodyBytesPerSecond,
            long refusedBodyDrainMillis, java.time.Duration readinessBudget, java.time.Duration probeInterval) {
    }

    static final String ROUTE_SIMILAR = "/v1/products/{productId}/similar";
    static final String ROUTE_HEALTH = "/health";
    static final String ROUTE_READY = "/ready";
    static final String ROUTE_METRICS = "/metrics";
    static final String ROUTE_BATCHES = "/v1/admin/batches";
    static final String ROUTE_ACTIVATE = "/v1/admin/batches/{batchId}/activate";
    static final String ROUTE_ROLLBACK = "/v1/admin/rollback";
    static final String ROUTE_UNMATCHED = "unmatched";

    /** The default and the bounds of {@code limit}. */
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    private static final long DRAIN_LIMIT_BYTES = 4L << 20;
    /** What a shed request announces: the excess is transient, so a retry after a second is reasonable. */
    private static final int SHED_RETRY_AFTER_SECONDS = 1;
    private static final String JSON = "application/json";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final DateTimeFormatter UPLOAD_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private final StorageDesign design;
    private final ServiceMetrics metrics;
    private final Failures failures;
    private final Optional<byte[]> adminTokenDigest;
    private final long maxBodyBytes;
    private final int retryAfterSeconds;
    private final CatalogGenerator generator;
    private final Path spoolDirectory;
    private final Set<String> staging = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    private final Semaphore reads;
    private final Semaphore readQueue;
    private final long readQueueWaitNanos;
    private final Semaphore bodies;
    private final long minBodyBytesPerSecond;
    private final long refusedBodyDrainMillis;
    private final DatabaseCircuit circuit;
    private final ReadinessCheck readiness;

    private static final List<String> GET = List.of("GET", "HEAD");
    private static final List<String> POST = List.of("POST");
    private static final List<String> GET_POST = List.of("GET", "HEAD", "POST");

    /** A matched route: its template, allowed methods and path parameter (or null). */
    private record Match(String route, List<String> methods, String parameter, boolean admin) {
    }

    public ApiHandler(StorageDesign design, ServiceMetrics metrics, Optional<String> adminToken, long maxBodyBytes,
            int retryAfterSeconds, CatalogSpec catalog, Path spoolDirectory, Protection protection) {
        this.design = design;
        this.metrics = metrics;
        this.failures = new Failures(retryAfterSeconds);
        this.adminTokenDigest = adminToken.map(ApiHandler::sha256);
        this.maxBodyBytes = maxBodyBytes;
        this.retryAfterSeconds = retryAfterSeconds;
        this.generator = new CatalogGenerator(catalog);
        this.spoolDirectory = spoolDirectory;
        this.reads = new Semaphore(protection.maxConcurrentReads());
        this.readQueue = new Semaphore(protection.maxQueuedReads());
        this.readQueueWaitNanos = protection.readQueueWait().toNanos();
        this.bodies = new Semaphore(protection.maxConcurrentBodies());
        this.minBodyBytesPerSecond = protection.minBodyBytesPerSecond();
        this.refusedBodyDrainMillis = protection.refusedBodyDrainMillis();
        this.circuit = new DatabaseCircuit(design::activeBatch, protection.probeInterval());
        this.readiness = new ReadinessCheck(design::activeBatch, protection.readinessBudget());
        metrics.circuitOpen(circuit::isOpen);
    }

    /**
     * Watches the database server with a cheap check (see {@link DatabaseCircuit#watch}), so that its loss opens the
     * circuit before a request has to wait for it.
     */
    public void watch(BooleanSupplier reachable) {
        circuit.watch(reachable);
    }

    /** Stops the background probe and readiness threads; the design stays open. */
    @Override
    public void close() {
        circuit.close();
        readiness.close();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String route = ROUTE_UNMATCHED;
        int status;
        byte[] body;
        String contentType = JSON;
        boolean refusedWithBody = false;
        try {
            Match match = match(request.getHttpURI().getPath());
            if (match == null) {
                throw new ApiException(404, "not_found", "no such route");
            }
            route = match.route();
            if (match.admin()) {
                requireAdmin(request);
            }
            if (!match.methods().contains(request.getMethod())) {
                String allowed = String.join(", ", match.methods());
                response.getHeaders().put(HttpHeader.ALLOW, allowed);
                throw new ApiException(405, "method_not_allowed", request.getMethod() + " is not allowed on "
                        + route + "; use " + allowed);
            }
            Map<String, List<String>> query = query(request);
            if (usesDatabase(route) && circuit.isOpen()) {
                throw databaseDown();
            }
            Reply reply = switch (route) {
                case ROUTE_SIMILAR -> admittedSimilar(match.parameter(), query);
                case ROUTE_HEALTH -> new Reply(200, JsonBodies.of(json -> {
                    json.writeStartObject();
                    json.writeStringField("status", "up");
                    json.writeEndObject();
                }));
                case ROUTE_READY -> ready();
                case ROUTE_METRICS -> new Reply(200, metrics.render().getBytes(StandardCharsets.UTF_8));
                case ROUTE_BATCHES -> "POST".equals(request.getMethod()) ? stage(request, query) : listBatches();
                case ROUTE_ACTIVATE -> activate(match.parameter());
                case ROUTE_ROLLBACK -> rollback();
                default -> throw new IllegalStateException("unrouted " + route);
            };
            status = reply.status();
            body = reply.body();
            if (route.equals(ROUTE_METRICS)) {
                contentType = PROMETHEUS;
            }
        } catch (RuntimeException e) {
            if (!(e instanceof ApiException)) {
                circuit.onFailure(e);
            }
            ApiException api = failures.toApi(route.equals(ROUTE_UNMATCHED) ? "request" : route, e);
            status = api.status();
            body = JsonBodies.error(api.code(), api.getMessage());
            if (api.retryAfterSeconds() > 0) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(api.retryAfterSeconds()));
            }
            if (status == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            }
            refusedWithBody = hasUnreadBody(request);
            if (refusedWithBody) {
                // The body is not waited for: the answer goes now, and the connection closes after a bounded drain.
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        String recordedRoute = route;
        int recordedStatus = status;
        boolean drain = refusedWithBody && !expectsContinue(request);
        response.write(true, ByteBuffer.wrap(body), new Callback() {
            @Override
            public void succeeded() {
                metrics.record(recordedRoute, recordedStatus, System.nanoTime() - start);
                if (drain) {
                    RefusedBodyDrain.start(request, callback, refusedBodyDrainMillis, DRAIN_LIMIT_BYTES);
                } else {
                    callback.succeeded();
                }
            }

            @Override
            public void failed(Throwable failure) {
                metrics.record(recordedRoute, recordedStatus, System.nanoTime() - start);
                callback.failed(failure);
            }
        });
        return true;
    }

    private record Reply(int status, byte[] body) {
    }

    /** Whether a request announced a body this handler has not read (a refused one). */
    private static boolean hasUnreadBody(Request request) {
        long length = request.getLength();
        return length > 0 || (length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    /**
     * Whether the client waits for "100 Continue" before sending its body. A refused request never gets it (its
     * answer is sent before anything reads the body), so such a client sends nothing and there is nothing to drain.
     */
    private static boolean expectsContinue(Request request) {
        return request.getHeaders().contains(HttpHeader.EXPECT, "100-continue");
    }

    private static boolean usesDatabase(String route) {
        return !route.equals(ROUTE_HEALTH) && !route.equals(ROUTE_METRICS) && !route.equals(ROUTE_READY);
    }

    private ApiException databaseDown() {
        return new ApiException(503, "database_unavailable", "the database is unreachable (for "
                + circuit.openForMillis() / 1000 + " s); retry later", retryAfterSeconds, null);
    }

    private ApiException shed(String reason, String message) {
        metrics.recordShed(reason);
        return new ApiException(503, "overloaded", message, SHED_RETRY_AFTER_SECONDS, null);
    }

    /**
     * A read if a read slot is free, or frees within the queue wait while a queue place is free; otherwise 503 at
     * once. The queue absorbs bursts; under sustained overload it is full and the excess never waits.
     */
    private Reply admittedSimilar(String productId, Map<String, List<String>> query) {
        if (!reads.tryAcquire()) {
            if (!readQueue.tryAcquire()) {
                throw shed("reads", "the service is at capacity; retry later");
            }
            boolean admitted;
            try {
                admitted = reads.tryAcquire(readQueueWaitNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                admitted = false;
            } finally {
                readQueue.release();
            }
            if (!admitted) {
                throw shed("reads_queued", "the service is at capacity; retry later");
            }
        }
        try {
            return similar(productId, query);
        } finally {
            reads.release();
        }
    }

    private Match match(String rawPath) {
        List<String> segments;
        try {
            segments = UriParts.segments(rawPath);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_request", "the path is not valid percent-encoded UTF-8");
        }
        int size = segments.size();
        if (size == 1 && segments.get(0).equals("health")) {
            return new Match(ROUTE_HEALTH, GET, null, false);
        }
        if (size == 1 && segments.get(0).equals("ready")) {
            return new Match(ROUTE_READY, GET, null, false);
        }
        if (size == 1 && segments.get(0).equals("metrics")) {
            return new Match(ROUTE_METRICS, GET, null, false);
        }
        if (size == 4 && segments.get(0).equals("v1") && segments.get(1).equals("products")
                && segments.get(3).equals("similar")) {
            return new Match(ROUTE_SIMILAR, GET, segments.get(2), false);
        }
        if (adminTokenDigest.isEmpty() || size < 3 || !segments.get(0).equals("v1")
                || !segments.get(1).equals("admin")) {
            return null;
        }
        if (size == 3 && segments.get(2).equals("batches")) {
            return new Match(ROUTE_BATCHES, GET_POST, null, true);
        }
        if (size == 3 && segments.get(2).equals("rollback")) {
            return new Match(ROUTE_ROLLBACK, POST, null, true);
        }
        if (size == 5 && segments.get(2).equals("batches") && segments.get(4).equals("activate")) {
            return new Match(ROUTE_ACTIVATE, POST, segments.get(3), true);
        }
        return null;
    }

    private static Map<String, List<String>> query(Request request) {
        try {
            return UriParts.query(request.getHttpURI().getQuery());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_request", "the query is not valid percent-encoded UTF-8");
        }
    }

    private void requireAdmin(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
                : "";
        // Digests of equal length, compared in constant time: neither the token nor its length leaks.
        if (!MessageDigest.isEqual(sha256(given), adminTokenDigest.orElseThrow())) {
            throw new ApiException(401, "unauthorized", "admin routes need 'Authorization: Bearer <token>'");
        }
    }

    private Reply similar(String productId, Map<String, List<String>> query) {
        if (!Identifiers.isProductId(productId)) {
            throw ApiException.badRequest("invalid_product_id", Identifiers.productIdRule());
        }
        int limit = limit(query.get("limit"));
        SimilarJson result = circuit.call(() -> design.similarJson(productId, limit), this::databaseDown);
        if (result instanceof SimilarJson.Found found) {
            return new Reply(200, JsonBodies.similar(found.productId(), found.batchId(), found.items()));
        }
        if (result instanceof SimilarJson.NotFound) {
            throw new ApiException(404, "product_not_found", "the active batch has no list for " + productId);
        }
        throw new ApiException(503, "no_active_batch", "no batch is active yet", retryAfterSeconds, null);
    }

    private static int limit(List<String> values) {
        if (values == null) {
            return DEFAULT_LIMIT;
        }
        String rule = "limit is one integer from 1 to " + MAX_LIMIT;
        if (values.size() != 1) {
            throw ApiException.badRequest("invalid_limit", rule + ", given once");
        }
        String text = values.get(0);
        if (text.isEmpty() || text.length() > 3) {
            throw ApiException.badRequest("invalid_limit", rule);
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw ApiException.badRequest("invalid_limit", rule);
            }
        }
        int limit = Integer.parseInt(text);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_limit", rule);
        }
        return limit;
    }

    private Reply ready() {
        if (circuit.isOpen()) {
            throw new ApiException(503, "not_ready", "the database is unreachable (for "
                    + circuit.openForMillis() / 1000 + " s)", retryAfterSeconds, null);
        }
        Optional<String> active;
        try {
            active = readiness.activeBatch();
        } catch (TimeoutException e) {
            throw new ApiException(503, "not_ready", "the database did not answer within "
                    + readiness.budgetMillis() + " ms", retryAfterSeconds, null);
        } catch (RuntimeException e) {
            circuit.onFailure(e);
            ApiException api = failures.toApi("readiness check", e);
            throw new ApiException(503, "not_ready", "the database is not reachable", retryAfterSeconds, api);
        }
        if (active.isEmpty()) {
            throw new ApiException(503, "not_ready", "no batch is active yet", retryAfterSeconds, null);
        }
        return new Reply(200, JsonBodies.of(json -> {
            json.writeStartObject();
            json.writeStringField("status", "ready");
            json.writeStringField("design", design.name());
            json.writeStringField("batch_id", active.get());
            json.writeEndObject();
        }));
    }

    private Reply listBatches() {
        List<BatchInfo> batches = circuit.call(design::batches, this::databaseDown);
        return new Reply(200, JsonBodies.of(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("batches");
            for (BatchInfo batch : batches) {
                json.writeStartObject();
                json.writeStringField("batch_id", batch.batchId());
                json.writeStringField("state", batch.state().name().toLowerCase(java.util.Locale.ROOT));
                json.writeStringField("created_at", batch.createdAt().toString());
                writeNullableString(json, "activated_at",
                        batch.activatedAt() == null ? null : batch.activatedAt().toString());
                json.writeNumberField("product_count", batch.productCount());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }));
    }

    private Reply stage(Request request, Map<String, List<String>> query) {
        boolean generate = flag(query, "generate");
        Optional<String> requestedId = single(query, "batch_id");
        if (requestedId.isPresent() && !Identifiers.isBatchId(requestedId.get())) {
            throw ApiException.badRequest("invalid_batch_id", Identifiers.batchIdRule());
        }
        int week = 0;
        if (generate) {
            String text = single(query, "week").orElse("1");
            if (!text.matches("[0-9]{1,6}") || Integer.parseInt(text) < 1) {
                throw ApiException.badRequest("invalid_week", "week is an integer from 1 to 999999");
            }
            week = Integer.parseInt(text);
        } else if (single(query, "week").isPresent()) {
            throw ApiException.badRequest("bad_request", "week is only meaningful with generate=true");
        }
        String batchId = requestedId.orElse(generate ? CatalogGenerator.defaultBatchId(week) : uploadId());
        if (!staging.add(batchId)) {
            throw new ApiException(409, "batch_exists", "batch " + batchId + " is being staged right now");
        }
        try {
            if (design.batches().stream().anyMatch(batch -> batch.batchId().equals(batchId))) {
                throw new ApiException(409, "batch_exists", "batch " + batchId + " already exists");
            }
            StageOutcome outcome;
            if (generate) {
                outcome = design.stage(generator.batch(week, batchId));
            } else {
                try (BatchUpload upload = spool(request, batchId)) {
                    outcome = design.stage(upload);
                }
            }
            if (outcome instanceof StageOutcome.Staged staged) {
                return new Reply(201, JsonBodies.of(json -> {
                    json.writeStartObject();
                    json.writeStringField("batch_id", staged.batchId());
                    json.writeStringField("state", "staged");
                    json.writeNumberField("product_count", staged.productCount());
                    json.writeEndObject();
                }));
            }
            throw new ApiException(409, "batch_exists", "batch " + batchId + " already exists");
        } finally {
            staging.remove(batchId);
        }
    }

    /**
     * Reads the upload into a spool file, if a body slot is free (else 503 at once, before "100 Continue" is sent);
     * each read waits at most the idle timeout, and the whole body must keep the minimum rate.
     */
    private BatchUpload spool(Request request, String batchId) {
        long length = request.getLength();
        if (length > maxBodyBytes) {
            throw tooLarge();
        }
        if (!bodies.tryAcquire()) {
            throw shed("bodies", "other uploads are being received right now; retry later");
        }
        try (InputStream body = new LimitedInputStream(new PacedInputStream(Content.Source.asInputStream(request),
                minBodyBytesPerSecond), maxBodyBytes, this::tooLarge)) {
            return BatchUpload.spool(body, batchId, spoolDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not spool the upload to " + spoolDirectory, e);
        } finally {
            bodies.release();
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "the body is larger than " + maxBodyBytes + " bytes");
    }

    private Reply activate(String batchId) {
        if (!Identifiers.isBatchId(batchId)) {
            throw ApiException.badRequest("invalid_batch_id", Identifiers.batchIdRule());
        }
        if (staging.contains(batchId)) {
            throw new ApiException(409, "batch_incomplete", "batch " + batchId + " is still being staged");
        }
        ActivationOutcome outcome = design.activate(batchId);
        if (outcome == ActivationOutcome.UNKNOWN_BATCH) {
            throw new ApiException(404, "batch_not_found", "no batch " + batchId);
        }
        if (outcome == ActivationOutcome.INCOMPLETE_BATCH) {
            throw new ApiException(409, "batch_incomplete", "batch " + batchId + " was never completely staged");
        }
        return new Reply(200, JsonBodies.of(json -> {
            json.writeStartObject();
            json.writeStringField("batch_id", batchId);
            json.writeStringField("state", "active");
            json.writeBooleanField("changed", outcome == ActivationOutcome.ACTIVATED);
            json.writeEndObject();
        }));
    }

    private Reply rollback() {
        RollbackOutcome outcome = design.rollback();
        if (outcome instanceof RollbackOutcome.RolledBack rolledBack) {
            return new Reply(200, JsonBodies.of(json -> {
                json.writeStartObject();
                json.writeStringField("rolled_back_from", rolledBack.fromBatchId());
                json.writeStringField("active_batch_id", rolledBack.activeBatchId());
                json.writeEndObject();
            }));
        }
        throw new ApiException(409, "nothing_to_roll_back_to", "there is no earlier batch to return to");
    }

    private String uploadId() {
        return "upload-" + ZonedDateTime.now(ZoneOffset.UTC).format(UPLOAD_ID_TIME) + "-"
                + HexFormat.of().toHexDigits((short) random.nextInt());
    }

    private static boolean flag(Map<String, List<String>> query, String name) {
        Optional<String> value = single(query, name);
        if (value.isEmpty() || value.get().equals("false")) {
            return false;
        }
        if (value.get().equals("true")) {
            return true;
        }
        throw ApiException.badRequest("bad_request", name + " is true or false");
    }

    private static Optional<String> single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() != 1) {
            throw ApiException.badRequest("bad_request", name + " may be given once");
        }
        return Optional.of(values.get(0));
    }

    private static void writeNullableString(JsonGenerator json, String field, String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
