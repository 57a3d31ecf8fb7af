package dev.schemabench.service;

import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.shared.EnvironmentVariables;
import dev.schemabench.shared.SecretFile;
import java.time.Duration;
import java.util.Optional;

/**
 * How the similarity service runs. Immutable; the defaults suit a 2-core machine shared with the database.
 *
 * @param bindAddress      the address to listen on; {@value #DEFAULT_BIND} unless told otherwise
 * @param port             the TCP port, 0 for a free one
 * @param maxThreads       most request threads (Jetty's pool, including its acceptor and selector); concurrent reads
 *                         are capped below it so that {@code /health} and the fast refusals always find a thread
 * @param maxBodyBytes     largest request body accepted; larger ones get 413
 * @param adminToken       the bearer token admin routes require; empty means no admin routes at all
 * @param shutdownTimeout  how long a shutdown waits for in-flight requests
 * @param retryAfter       the {@code Retry-After} a 503 announces
 * @param catalog          the spec {@code POST /v1/admin/batches?generate=true} generates from
 * @param limits           what keeps the service responsive under stalled clients, overload and a lost database
 */
public record ServiceConfig(String bindAddress, int port, int maxThreads, long maxBodyBytes,
        Optional<String> adminToken, Duration shutdownTimeout, Duration retryAfter, CatalogSpec catalog,
        ServiceLimits limits) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /**
     * Two cores: a few threads run, the rest wait on the database. Room for the default 8 concurrent and 8 queued
     * reads, 2 request bodies, Jetty's acceptor and selector and 3 spare threads for {@code /health} and refusals.
     */
    public static final int DEFAULT_MAX_THREADS = 24;
    /** Room for a batch of about 100,000 products with 20 items each. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 30;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);
    /** The environment variable holding the admin token when no option gives one. */
    public static final String ADMIN_TOKEN_ENV = EnvironmentVariables.ADMIN_TOKEN;
    /** The environment variable naming a file that holds the admin token (see {@link SecretFile}). */
    public static final String ADMIN_TOKEN_FILE_ENV = EnvironmentVariables.ADMIN_TOKEN_FILE;

    public ServiceConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        if (maxThreads < 4) {
            throw new IllegalArgumentException("the server needs at least 4 threads, got " + maxThreads);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("the body limit must be positive, got " + maxBodyBytes);
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits are required; use ServiceLimits.DEFAULTS");
        }
        if (adminToken.isPresent() && adminToken.get().length() < 8) {
            throw new IllegalArgumentException("an admin token needs at least 8 characters");
        }
    }

    /** A configuration with {@link ServiceLimits#DEFAULTS}. */
    public ServiceConfig(String bindAddress, int port, int maxThreads, long maxBodyBytes, Optional<String> adminToken,
            Duration shutdownTimeout, Duration retryAfter, CatalogSpec catalog) {
        this(bindAddress, port, maxThreads, maxBodyBytes, adminToken, shutdownTimeout, retryAfter, catalog,
                ServiceLimits.DEFAULTS);
    }

    /** Defaults on a free port for {@code catalog}, without admin routes. */
    public static ServiceConfig defaults(CatalogSpec catalog) {
        return new ServiceConfig(DEFAULT_BIND, 0, DEFAULT_MAX_THREADS, DEFAULT_MAX_BODY_BYTES, Optional.empty(),
                DEFAULT_SHUTDOWN_TIMEOUT, DEFAULT_RETRY_AFTER, catalog);
    }

    public ServiceConfig withPort(int newPort) {
        return new ServiceConfig(bindAddress, newPort, maxThreads, maxBodyBytes, adminToken, shutdownTimeout,
                retryAfter, catalog, limits);
    }

    public ServiceConfig withAdminToken(String token) {
        return new ServiceConfig(bindAddress, port, maxThreads, maxBodyBytes, Optional.ofNullable(token),
                shutdownTimeout, retryAfter, catalog, limits);
    }

    public ServiceConfig withMaxBodyBytes(long bytes) {
        return new ServiceConfig(bindAddress, port, maxThreads, bytes, adminToken, shutdownTimeout, retryAfter,
                catalog, limits);
    }

    public ServiceConfig withLimits(ServiceLimits newLimits) {
        return new ServiceConfig(bindAddress, port, maxThreads, maxBodyBytes, adminToken, shutdownTimeout, retryAfter,
                catalog, newLimits);
    }
}
