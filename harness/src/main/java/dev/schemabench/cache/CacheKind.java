package dev.schemabench.cache;

import java.util.Locale;

/** Where cached answers live: in the reading process (Caffeine) or in a Redis server shared by processes. */
public enum CacheKind {
    /** An in-process Caffeine cache bounded by entries; nothing leaves the JVM. */
    CAFFEINE,
    /** A Redis server (embedded or {@code --redis-url}) bounded by {@code maxmemory} with {@code allkeys-lru}. */
    REDIS;

    /** The name used in configuration and results, for example {@code caffeine}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code id}, ignoring case. */
    public static CacheKind parse(String id) {
        for (CacheKind kind : values()) {
            if (kind.id().equalsIgnoreCase(id.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown cache kind '" + id + "' (caffeine or redis)");
    }
}
