package dev.schemabench.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A {@link CacheStore} in a Redis server, through Jedis, every key under one prefix. When an operation fails (server
 * stopped, timeout) the store counts an error and stays away from the server for {@link #RETRY}, answering misses and
 * dropping writes, so a dead Redis costs a read a branch, not a timeout; then the next operation tries again. Size
 * bounds and eviction are the server's ({@link RedisServerControl#limitMemory}). Thread-safe.
 */
public final class RedisStore implements CacheStore {

    /** How long the store stays away from a server that failed before trying it again. */
    public static final Duration RETRY = Duration.ofMillis(200);
    /** Connect and socket timeout of every operation. */
    public static final Duration TIMEOUT = Duration.ofMillis(500);

    private final HostAndPort address;
    private final RedisClient redis;
    private final byte[] prefix;
    private final String prefixText;
    private final SetParams ttl;
    private final LongAdder errors = new LongAdder();
    private volatile long awayUntilNanos = Long.MIN_VALUE;
    private volatile boolean available = true;

    /**
     * @param address   the server
     * @param keyPrefix prepended to every key, so several stores share a server without meeting
     * @param ttl       time to live of every entry, or null for none
     * @param poolSize  connections kept open (the readers that may call at once)
     */
    public RedisStore(HostAndPort address, String keyPrefix, Duration ttl, int poolSize) {
        this.address = address;
        this.prefixText = keyPrefix;
        this.prefix = keyPrefix.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl == null ? null : SetParams.setParams().px(Math.max(1, ttl.toMillis()));
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMaxWait(TIMEOUT);
        this.redis = RedisClient.builder().hostAndPort(address).clientConfig(clientConfig()).poolConfig(pool).build();
    }

    static JedisClientConfig clientConfig() {
        return DefaultJedisClientConfig.builder().connectionTimeoutMillis((int) TIMEOUT.toMillis())
                .socketTimeoutMillis((int) TIMEOUT.toMillis()).build();
    }

    @Override
    public byte[] get(String key) {
        if (away()) {
            return null;
        }
        try {
            byte[] value = redis.get(key(key));
            available = true;
            return value;
        } catch (RuntimeException e) {
            failed();
            return null;
        }
    }

    @Override
    public void put(String key, byte[] value) {
        if (away()) {
            return;
        }
        try {
            if (ttl == null) {
                redis.set(key(key), value);
            } else {
                redis.set(key(key), value, ttl);
            }
            available = true;
        } catch (RuntimeException e) {
            failed();
        }
    }

    private boolean away() {
        return !available && System.nanoTime() - awayUntilNanos < 0;
    }

    private void failed() {
        errors.increment();
        available = false;
        awayUntilNanos = System.nanoTime() + RETRY.toNanos();
    }

    private byte[] key(String key) {
        byte[] suffix = key.getBytes(StandardCharsets.UTF_8);
        byte[] full = new byte[prefix.length + suffix.length];
        System.arraycopy(prefix, 0, full, 0, prefix.length);
        System.arraycopy(suffix, 0, full, prefix.length, suffix.length);
        return full;
    }

    /** The server's dataset memory ({@code used_memory_dataset}), or -1 when it cannot be asked. */
    @Override
    public long memoryBytes() {
        try (Jedis admin = new Jedis(address, clientConfig())) {
            return RedisServerControl.infoField(admin.info("memory"), "used_memory_dataset");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public long errors() {
        return errors.sum();
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public void clear() {
        try (Jedis admin = new Jedis(address, clientConfig())) {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams match = new ScanParams().match(prefixText + "*").count(1000);
            do {
                ScanResult<String> page = admin.scan(cursor, match);
                List<String> keys = page.getResult();
                if (!keys.isEmpty()) {
                    admin.del(keys.toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        } catch (RuntimeException e) {
            failed();
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
