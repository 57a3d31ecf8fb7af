package dev.schemabench.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cache contract over Caffeine in process. */
class CaffeineCacheIT extends CacheContractIT {

    @Override
    CacheStore store(long maxEntries, Duration ttl) {
        return new CaffeineStore(maxEntries, ttl);
    }

    @Override
    CacheKind kind() {
        return CacheKind.CAFFEINE;
    }

    @Test
    void theEntryBoundHolds() {
        try (CachedDesign cache = cached(CachePolicy.VERSIONED, 20, null, Duration.ofHours(1))) {
            for (int index = 0; index < 200; index++) {
                cache.similar(product(index), LIMIT);
            }
            long entries = ((CaffeineStore) cache.store()).entries();
            assertTrue(entries <= 20, "entries " + entries);
            assertTrue(cache.store().memoryBytes() > 0);
        }
    }
}
