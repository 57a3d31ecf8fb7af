package dev.schemabench.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * An in-process {@link CacheStore}: a Caffeine cache bounded by entries (Caffeine's W-TinyLFU eviction), with an
 * optional time to live after write. Memory is counted as the bytes of keys (UTF-16) and values held, without the JVM's
 * object overhead. Thread-safe.
 */
public final class CaffeineStore implements CacheStore {

    private final Cache<String, byte[]> cache;

    /**
     * @param maxEntries at most this many answers are kept
     * @param ttl        how long an entry may be served after it was written, or null for no expiry
     */
    public CaffeineStore(long maxEntries, Duration ttl) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run);
        if (ttl != null) {
            builder.expireAfterWrite(ttl);
        }
        this.cache = builder.build();
    }

    @Override
    public byte[] get(String key) {
        return cache.getIfPresent(key);
    }

    @Override
    public void put(String key, byte[] value) {
        cache.put(key, value);
    }

    @Override
    public long memoryBytes() {
        long bytes = 0;
        for (var entry : cache.asMap().entrySet()) {
            bytes += 2L * entry.getKey().length() + entry.getValue().length;
        }
        return bytes;
    }

    /** Entries held now, after pending evictions. */
    public long entries() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    @Override
    public long errors() {
        return 0;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void clear() {
        cache.invalidateAll();
        cache.cleanUp();
    }

    @Override
    public void close() {
        clear();
    }
}
