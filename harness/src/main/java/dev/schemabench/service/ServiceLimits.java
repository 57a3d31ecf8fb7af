package dev.schemabench.service;

import java.time.Duration;

/**
 * What the similarity service does to stay responsive when clients stall, traffic exceeds its capacity or the
 * database is gone. Immutable; {@link #DEFAULTS} suit a 2-core machine shared with the database and a pool of 4
 * connections.
 *
 * @param maxConcurrentReads    reads served at once (each holds a thread and waits for a database connection)
 * @param maxQueuedReads        reads that may wait, each at most {@code readQueueWait}, for one of those slots: a
 *                              burst (a checkpoint, a batch activation) is absorbed, sustained overload is not; every
 *                              read beyond them is answered 503 with {@code Retry-After} at once
 * @param readQueueWait         longest a queued read waits for a slot before it is answered 503
 * @param maxConcurrentBodies   request bodies read at once (admin uploads); the excess is answered 503 at once
 * @param maxConnections        open connections; beyond it the server stops accepting, and idle ones are closed
 *                              after {@code 1 s} instead of {@code idleTimeout}
 * @param idleTimeout           how long a connection may send nothing: idle keep-alive, headers half sent, and each
 *                              single read of a request body
 * @param minBodyBytesPerSecond slowest accepted request body, averaged from its start after a first second of grace;
 *                              slower uploads are answered 408
 * @param refusedBodyDrain      how long the rest of a refused request's body is read and discarded (without holding a
 *                              thread) after its answer was sent, so the client can read that answer before the
 *                              connection closes
 * @param readinessBudget       longest {@code /ready} waits for the database before answering 503
 * @param probeInterval         pause between background probes of a database known to be unreachable
 */
public record ServiceLimits(int maxConcurrentReads, int maxQueuedReads, Duration readQueueWait,
        int maxConcurrentBodies, int maxConnections,
        Duration idleTimeout, long minBodyBytesPerSecond, Duration refusedBodyDrain, Duration readinessBudget,
        Duration probeInterval) {

    /** Twice the default pool of 4 connections: enough to keep it busy; the rest of the threads stay free. */
    public static final int DEFAULT_MAX_CONCURRENT_READS = 8;
    public static final int DEFAULT_MAX_QUEUED_READS = 8;
    public static final Duration DEFAULT_READ_QUEUE_WAIT = Duration.ofMillis(100);
    public static final int DEFAULT_MAX_CONCURRENT_BODIES = 2;
    public static final int DEFAULT_MAX_CONNECTIONS = 4_000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_MIN_BODY_BYTES_PER_SECOND = 16 * 1024;
    public static final Duration DEFAULT_REFUSED_BODY_DRAIN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_READINESS_BUDGET = Duration.ofMillis(500);
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMillis(250);

    public static final ServiceLimits DEFAULTS = new ServiceLimits(DEFAULT_MAX_CONCURRENT_READS,
            DEFAULT_MAX_QUEUED_READS, DEFAULT_READ_QUEUE_WAIT, DEFAULT_MAX_CONCURRENT_BODIES, DEFAULT_MAX_CONNECTIONS,
            DEFAULT_IDLE_TIMEOUT, DEFAULT_MIN_BODY_BYTES_PER_SECOND, DEFAULT_REFUSED_BODY_DRAIN,
            DEFAULT_READINESS_BUDGET, DEFAULT_PROBE_INTERVAL);

    public ServiceLimits {
        if (maxConcurrentReads < 1 || maxConcurrentBodies < 1) {
            throw new IllegalArgumentException("at least one concurrent read and one concurrent body, got "
                    + maxConcurrentReads + " and " + maxConcurrentBodies);
        }
        if (maxQueuedReads < 0 || readQueueWait.isNegative()) {
            throw new IllegalArgumentException("the read queue must not be negative");
        }
        if (maxConnections < 16) {
            throw new IllegalArgumentException("at least 16 connections, got " + maxConnections);
        }
        if (idleTimeout.toMillis() < 100 || readinessBudget.toMillis() < 10 || probeInterval.toMillis() < 10
                || refusedBodyDrain.isNegative()) {
            throw new IllegalArgumentException("timeouts too short: idle " + idleTimeout + ", readiness "
                    + readinessBudget + ", probe " + probeInterval + ", drain " + refusedBodyDrain);
        }
        if (minBodyBytesPerSecond < 0) {
            throw new IllegalArgumentException("the minimum body rate must not be negative");
        }
    }

    public ServiceLimits withMaxConcurrentReads(int reads) {
        return new ServiceLimits(reads, maxQueuedReads, readQueueWait, maxConcurrentBodies, maxConnections,
                idleTimeout, minBodyBytesPerSecond, refusedBodyDrain, readinessBudget, probeInterval);
    }

    public ServiceLimits withReadQueue(int queued, Duration wait) {
        return new ServiceLimits(maxConcurrentReads, queued, wait, maxConcurrentBodies, maxConnections, idleTimeout,
                minBodyBytesPerSecond, refusedBodyDrain, readinessBudget, probeInterval);
    }

    public ServiceLimits withMaxConcurrentBodies(int bodies) {
        return new ServiceLimits(maxConcurrentReads, maxQueuedReads, readQueueWait, bodies, maxConnections,
                idleTimeout, minBodyBytesPerSecond, refusedBodyDrain, readinessBudget, probeInterval);
    }

    public ServiceLimits withIdleTimeout(Duration timeout) {
        return new ServiceLimits(maxConcurrentReads, maxQueuedReads, readQueueWait, maxConcurrentBodies,
                maxConnections, timeout, minBodyBytesPerSecond, refusedBodyDrain, readinessBudget, probeInterval);
    }

    public ServiceLimits withMinBodyBytesPerSecond(long bytesPerSecond) {
        return new ServiceLimits(maxConcurrentReads, maxQueuedReads, readQueueWait, maxConcurrentBodies,
                maxConnections, idleTimeout, bytesPerSecond, refusedBodyDrain, readinessBudget, probeInterval);
    }
}
