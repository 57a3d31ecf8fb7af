package dev.schemabench.cache;

import dev.schemabench.design.SimilarJson;
import dev.schemabench.design.StorageDesign;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** Administrative calls on a Redis server: reachability, memory bound and eviction policy, memory figures. */
public final class RedisServerControl {

    private RedisServerControl() {
    }

    /**
     * The host and port of a {@code redis://host:port} URL.
     *
     * @throws IllegalArgumentException when {@code url} is not such a URL
     */
    public static HostAndPort address(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--redis-url '" + url + "' is not a URL like redis://127.0.0.1:6379");
        }
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--redis-url '" + url + "' is not a URL like redis://127.0.0.1:6379");
        }
        return new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    }

    /**
     * Why the server at {@code address} cannot be used, or empty when it answered PING within {@code timeout}.
     * Never takes much longer than {@code timeout}.
     */
    public static Optional<String> unreachable(HostAndPort address, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Jedis jedis = new Jedis(address, DefaultJedisClientConfig.builder().connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis).build())) {
            String pong = jedis.ping();
            return "PONG".equalsIgnoreCase(pong) ? Optional.empty()
                    : Optional.of("Redis at " + address + " answered PING with " + pong);
        } catch (RuntimeException e) {
            return Optional.of("Redis at " + address + " is unreachable: " + e.getMessage());
        }
    }

    /** Bounds the server's memory to {@code bytes} and makes it evict the least recently used keys of any kind. */
    public static void limitMemory(HostAndPort address, long bytes) {
        try (Jedis admin = new Jedis(address, RedisStore.clientConfig())) {
            admin.configSet("maxmemory", Long.toString(bytes));
            admin.configSet("maxmemory-policy", "allkeys-lru");
        }
    }

    /** Deletes every key of the current database; only for a server the harness started. */
    public static void flush(HostAndPort address) {
        try (Jedis admin = new Jedis(address, RedisStore.clientConfig())) {
            admin.flushDB();
        }
    }

    /** Keys evicted by the server since it started ({@code evicted_keys}), or -1 when it cannot be asked. */
    public static long evictedKeys(HostAndPort address) {
        try (Jedis admin = new Jedis(address, RedisStore.clientConfig())) {
            return infoField(admin.info("stats"), "evicted_keys");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The server's whole memory use ({@code used_memory}), or -1 when it cannot be asked. */
    public static long usedMemory(HostAndPort address) {
        try (Jedis admin = new Jedis(address, RedisStore.clientConfig())) {
            return infoField(admin.info("memory"), "used_memory");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static long infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        return -1;
    }

    /**
     * About what one cached answer takes in Redis (key, value and the server's per-key overhead), from 20 answers of
     * {@code design} for the products {@code sample} names at 0, 97, 194, ...: what sizes {@code maxmemory} for N
     * answers.
     */
    public static long answerBytes(StorageDesign design, IntFunction<String> sample, int limit) {
        long total = 0;
        int samples = 20;
        for (int i = 0; i < samples; i++) {
            SimilarJson answer = design.similarJson(sample.apply(i * 97), limit);
            total += answer instanceof SimilarJson.Found found ? found.items().length + 40 : 8;
        }
        return total / samples + 120;
    }
}
