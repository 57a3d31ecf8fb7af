package dev.schemabench.cli;

import dev.schemabench.cache.BatchWatch;
import dev.schemabench.cache.CacheKind;
import dev.schemabench.cache.CachePolicy;
import dev.schemabench.cache.CacheSettings;
import dev.schemabench.cache.CacheStore;
import dev.schemabench.cache.CachedDesign;
import dev.schemabench.cache.CaffeineStore;
import dev.schemabench.cache.EmbeddedRedis;
import dev.schemabench.cache.RedisServerControl;
import dev.schemabench.cache.RedisStore;
import dev.schemabench.cache.ServedCachedDesign;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.design.StorageDesign;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;
import redis.clients.jedis.HostAndPort;

/**
 * {@code serve}'s cache options: a Caffeine or Redis cache-aside layer in front of the served design, with the same
 * settings the cache stage measures ({@code docs/cache.md}). Bad values are usage errors; an unreachable
 * {@code --redis-url} too, named within {@link #REDIS_PROBE}.
 */
final class ServeCacheOptions {

    static final Duration REDIS_PROBE = Duration.ofSeconds(5);

    @Option(names = "--cache", paramLabel = "KIND", description = "A cache in front of the design: caffeine"
            + " (in-process), redis (an embedded Redis, or --redis-url) or off (default: ${DEFAULT-VALUE});"
            + " /metrics counts its hits, misses and errors.")
    String kind = "off";

    @Option(names = "--cache-policy", paramLabel = "POLICY", description = "versioned (the active batch in the key,"
            + " checked every --cache-check-interval) or ttl (default: ${DEFAULT-VALUE}).")
    String policy = CachePolicy.VERSIONED.id();

    @Option(names = "--cache-entries", paramLabel = "N", description = "Answers the cache holds (default: 5 %% of"
            + " --products, as the profile key cache_size).")
    Long entries;

    @Option(names = "--cache-ttl", paramLabel = "SECONDS", description = "Time to live of an answer under the ttl"
            + " policy (default: ${DEFAULT-VALUE}).")
    double ttlSeconds = 2;

    @Option(names = "--cache-check-interval", paramLabel = "SECONDS", description = "How often the cache asks the"
            + " database which batch is active (default: ${DEFAULT-VALUE}).")
    double checkSeconds = BatchWatch.DEFAULT_INTERVAL.toMillis() / 1000.0;

    @Option(names = "--redis-url", paramLabel = "URL", description = "An existing Redis (redis://HOST:PORT) for"
            + " --cache redis (default: none; an embedded one is started).")
    String redisUrl;

    /** The requested cache, checked: its kind, or empty for none. */
    Optional<CacheKind> kind() {
        if (kind == null || kind.isBlank() || kind.trim().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        try {
            return Optional.of(CacheKind.parse(kind));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--cache must be caffeine, redis or off, got '" + kind + "'");
        }
    }

    /** The cache's settings for a catalog of {@code products}, checked before anything starts. */
    CacheSettings settings(int products) {
        CacheKind cacheKind = kind().orElseThrow();
        CachePolicy cachePolicy;
        try {
            cachePolicy = CachePolicy.parse(policy);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--cache-policy must be versioned or ttl, got '" + policy + "'");
        }
        long size = entries != null ? entries : Math.max(1, Math.round(products * 0.05));
        if (size < 1) {
            throw new UsageException("--cache-entries must be at least 1, got " + size);
        }
        if (!(ttlSeconds > 0) || !(checkSeconds > 0)) {
            throw new UsageException("--cache-ttl and --cache-check-interval must be positive seconds");
        }
        return new CacheSettings(cacheKind, cachePolicy, size, seconds(ttlSeconds), seconds(checkSeconds));
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.max(1, Math.round(seconds * 1e9)));
    }

    /**
     * A cache in front of a design that already serves its active batch: where its answers live and the embedded
     * Redis it started, if any, which the caller stops on exit.
     */
    record Served(ServedCachedDesign design, EmbeddedRedis embedded) {

        void close() {
            try {
                design.close();
            } finally {
                if (embedded != null) {
                    embedded.close();
                }
            }
        }
    }

    /**
     * The existing Redis that {@code url} names, answering PING; null for none (an embedded one). Called before any
     * database starts, so a wrong URL costs at most {@link #REDIS_PROBE}.
     */
    HostAndPort existingRedis(String url) {
        if (url == null) {
            return null;
        }
        HostAndPort address;
        try {
            address = RedisServerControl.address(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Optional<String> unreachable = RedisServerControl.unreachable(address, REDIS_PROBE);
        if (unreachable.isPresent()) {
            throw new UsageException(unreachable.get() + " (--redis-url)");
        }
        return address;
    }

    /**
     * Puts the cache in front of {@code design}.
     *
     * @param existing the Redis from {@link #existingRedis}, or null to start an embedded one for a Redis cache
     * @param threads  the most readers that call at once (the Redis connection pool)
     * @param limit    the list length a sample of answers is read at, to size an embedded Redis
     */
    Served wrap(StorageDesign design, CacheSettings settings, HostAndPort existing, int threads, int limit,
                PrintStream out) {
        CacheStore store;
        EmbeddedRedis embedded = null;
        if (settings.kind() == CacheKind.CAFFEINE) {
            store = new CaffeineStore(settings.maxEntries(), settings.entryTtl());
        } else {
            HostAndPort address;
            if (existing != null) {
                address = existing;
            } else {
                out.println("starting an embedded Redis ...");
                try {
                    embedded = EmbeddedRedis.start(Math.max(64, threads * 2));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException("the embedded Redis did not start (" + e.getMessage()
                            + "); give an existing one with --redis-url", e);
                }
                address = embedded.address();
                long answerBytes = RedisServerControl.answerBytes(design, CatalogGenerator::productId, limit);
                RedisServerControl.limitMemory(address, RedisServerControl.usedMemory(address)
                        + settings.maxEntries() * answerBytes);
            }
            store = new RedisStore(address, "schemabench:serve:" + design.name() + ":" + settings.policy().id() + ":",
                    settings.entryTtl(), Math.max(1, threads));
        }
        out.printf(Locale.ROOT, "cache: %s, at most %,d answers%s%n", settings.label(), settings.maxEntries(),
                settings.kind() == CacheKind.REDIS && embedded != null ? " (embedded Redis at " + embedded.url() + ")"
                        : settings.kind() == CacheKind.REDIS ? " (Redis at " + existing + ")" : "");
        return new Served(new ServedCachedDesign(new CachedDesign(design, store, settings)), embedded);
    }
}
