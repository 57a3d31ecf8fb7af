package dev.schemabench.cache;

import java.time.Duration;

/**
 * One cache configuration.
 *
 * @param kind          where entries live
 * @param policy        how entries stop being served after a change
 * @param maxEntries    the size bound in answers (Caffeine counts entries; Redis gets {@code maxmemory} for about this
 *                      many answers)
 * @param ttl           time to live of an entry under {@link CachePolicy#TTL}; ignored otherwise
 * @param checkInterval how often the cache asks the database which batch is active
 */
public record CacheSettings(CacheKind kind, CachePolicy policy, long maxEntries, Duration ttl,
                            Duration checkInterval) {

    public CacheSettings {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a cache must hold at least one entry, got " + maxEntries);
        }
        if (policy == CachePolicy.TTL && (ttl == null || ttl.isZero() || ttl.isNegative())) {
            throw new IllegalArgumentException("the ttl policy needs a positive time to live");
        }
    }

    /** The time to live entries get: {@link #ttl} under the TTL policy, none otherwise. */
    public Duration entryTtl() {
        return policy == CachePolicy.TTL ? ttl : null;
    }

    /** A short label, for example {@code redis/versioned}. */
    public String label() {
        return kind.id() + "/" + policy.id();
    }
}
