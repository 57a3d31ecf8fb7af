package dev.schemabench.service;

import dev.schemabench.db.DatabaseServer;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.service.internal.ApiHandler;
import dev.schemabench.service.internal.JsonErrorHandler;
import dev.schemabench.service.internal.ServiceMetrics;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The "customers also viewed" HTTP API over one {@link StorageDesign}, on embedded Jetty 12.
 *
 * <ul>
 *   <li>{@code GET /v1/products/{productId}/similar?limit=N} (1..100, default 10): the product's list from the active
 *   batch, the same JSON for every design;</li>
 *   <li>{@code GET /health}, {@code GET /ready} (database reachable and a batch active, else 503),
 *   {@code GET /metrics} (Prometheus text: requests by route and status, HdrHistogram latency);</li>
 *   <li>only with an admin token: {@code POST /v1/admin/batches} (JSON Lines body or {@code ?generate=true&week=N}),
 *   {@code POST /v1/admin/batches/{batchId}/activate}, {@code POST /v1/admin/rollback},
 *   {@code GET /v1/admin/batches}.</li>
 * </ul>
 *
 * <p>Every error is {@code {"error": CODE, "message": ...}}. A database that is down or too slow gives 503 with
 * {@code Retry-After}; the connection pool heals by itself when it returns. Once the database is known unreachable,
 * database routes answer 503 at once while a background probe waits for it. Reads beyond
 * {@link ServiceLimits#maxConcurrentReads()} are shed (503 with {@code Retry-After}) rather than queued; clients
 * that stall hold a socket, never a thread (see {@link ServiceLimits}). {@link #close()} drains in-flight
 * requests for at most the configured shutdown timeout while refusing new ones, then stops; it does not close the
 * design, which the caller owns. Thread-safe.
 */
public final class SimilarityService implements AutoCloseable {

    /** Threads kept free of reads and bodies. */
    private static final int SPARE_THREADS = 3;
    /** Idle timeout of every connection while the connection limit is reached. */
    private static final long CROWDED_IDLE_TIMEOUT_MILLIS = 1_000;

    private final Server server;
    private final ServerConnector connector;
    private final String host;
    private final LongAdder connectionsAccepted;
    private final ApiHandler api;

    private SimilarityService(Server server, ServerConnector connector, String host, LongAdder connectionsAccepted,
            ApiHandler api) {
        this.server = server;
        this.connector = connector;
        this.host = host;
        this.connectionsAccepted = connectionsAccepted;
        this.api = api;
    }

    /**
     * Starts serving {@code design} over {@code server}, which is watched (cheaply, {@link DatabaseServer#reachable})
     * so that its loss is answered 503 at once, before any request had to wait for it; returns once the port is bound.
     */
    public static SimilarityService start(StorageDesign design, ServiceConfig config, DatabaseServer server) {
        SimilarityService service = start(design, config);
        service.api.watch(server::reachable);
        return service;
    }

    /**
     * Starts serving {@code design}; returns once the port is bound. Without the server to watch, the service learns
     * of a lost database from the first call that fails.
     */
    public static SimilarityService start(StorageDesign design, ServiceConfig config) {
        QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads(), Math.min(4, config.maxThreads()));
        threads.setName("schemabench-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // Room for a 10 KB path, so an oversized product id gets the API's 400 rather than Jetty's 414/431.
        http.setRequestHeaderSize(64 * 1024);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServiceLimits limits = config.limits();
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        // Idle keep-alive, half-sent headers and each blocking read of a body: none waits longer than this.
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        NetworkConnectionLimit connectionLimit = new NetworkConnectionLimit(limits.maxConnections(), connector);
        connectionLimit.setEndPointIdleTimeout(CROWDED_IDLE_TIMEOUT_MILLIS);
        server.addBean(connectionLimit);
        LongAdder connectionsAccepted = new LongAdder();
        connector.addBean(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                connectionsAccepted.increment();
            }
        });
        ServiceMetrics metrics = new ServiceMetrics();
        design.role(dev.schemabench.cache.CacheMetrics.class).ifPresent(cache -> metrics.extra(cache::prometheusText));
        ApiHandler api = new ApiHandler(design, metrics, config.adminToken(), config.maxBodyBytes(),
                (int) Math.max(1, config.retryAfter().toSeconds()), config.catalog(),
                Path.of(System.getProperty("java.io.tmpdir")), protection(config));
        server.setHandler(new GracefulHandler(api));
        server.setErrorHandler(new JsonErrorHandler(metrics));
        server.setStopTimeout(config.shutdownTimeout().toMillis());
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // Already failing; the start failure is the one to report.
            }
            api.close();
            throw new IllegalStateException("cannot serve on " + config.bindAddress() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        return new SimilarityService(server, connector, config.bindAddress(), connectionsAccepted, api);
    }

    /**
     * The handler's limits; concurrent and queued reads and bodies are capped so that, besides Jetty's acceptor and
     * selector, {@value #SPARE_THREADS} threads stay free for {@code /health}, {@code /metrics} and fast refusals.
     */
    static ApiHandler.Protection protection(ServiceConfig config) {
        ServiceLimits limits = config.limits();
        int forRequests = config.maxThreads() - 2 - SPARE_THREADS;
        int bodies = Math.max(1, Math.min(limits.maxConcurrentBodies(), forRequests / 4));
        int reads = Math.max(1, Math.min(limits.maxConcurrentReads(), forRequests - bodies));
        int queued = Math.max(0, Math.min(limits.maxQueuedReads(), forRequests - bodies - reads));
        return new ApiHandler.Protection(reads, queued, limits.readQueueWait(), bodies, limits.minBodyBytesPerSecond(),
                limits.refusedBodyDrain().toMillis(), limits.readinessBudget(), limits.probeInterval());
    }

    /** The bound port. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Connections accepted since the start; clients that keep connections alive reuse theirs. */
    public long connectionsAccepted() {
        return connectionsAccepted.sum();
    }

    /** Connections open right now, stalled ones included. */
    public int openConnections() {
        return connector.getConnectedEndPoints().size();
    }

    /** {@code http://host:port}, without a trailing slash. */
    public URI baseUri() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : shown) + ":" + port());
    }

    /** Refuses new requests, waits for in-flight ones (bounded), stops. Idempotent. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server did not stop cleanly: " + e.getMessage(), e);
        } finally {
            api.close();
        }
    }
}
