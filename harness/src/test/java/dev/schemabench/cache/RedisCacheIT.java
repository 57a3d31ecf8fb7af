package dev.schemabench.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.design.SimilarResult;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

/** The cache contract over a real Redis server, the embedded one, and what happens when it goes away. */
class RedisCacheIT extends CacheContractIT {

    private static EmbeddedRedis redis;

    @BeforeAll
    static void startRedis() throws IOException {
        redis = EmbeddedRedis.start(64);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    CacheStore store(long maxEntries, Duration ttl) {
        return new RedisStore(redis.address(), "test:", ttl, 4);
    }

    @Override
    CacheKind kind() {
        return CacheKind.REDIS;
    }

    @Test
    void readsFallThroughWhileRedisIsDownAndHitAgainAfterItReturns() throws IOException, InterruptedException {
        try (CachedDesign cache = cached(CachePolicy.VERSIONED, 1000, null, Duration.ofHours(1))) {
            cache.similar(product(1), LIMIT);
            cache.similar(product(1), LIMIT);
            assertEquals(1, counting.reads());
            redis.stop();
            try {
                for (int i = 0; i < 50; i++) {
                    SimilarResult.Found found = (SimilarResult.Found) cache.similar(product(1), LIMIT);
                    assertEquals(truth(1, 1), found.items());
                }
                assertEquals(51, counting.reads(), "every read went to the database");
                assertTrue(cache.stats().errors() > 0, cache.stats()::toString);
                assertTrue(!cache.store().available());
            } finally {
                redis.start();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            long hitsBefore = cache.stats().hits();
            while (cache.stats().hits() == hitsBefore && System.nanoTime() < deadline) {
                cache.similar(product(1), LIMIT);
                Thread.sleep(20);
            }
            assertTrue(cache.stats().hits() > hitsBefore, "hits again after Redis came back: " + cache.stats());
            assertTrue(cache.store().available());
        }
    }

    @Test
    void anUnreachableServerIsReportedQuickly() {
        long start = System.nanoTime();
        var reason = RedisServerControl.unreachable(new HostAndPort("127.0.0.1", 1), Duration.ofSeconds(2));
        assertTrue(reason.isPresent());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
        assertTrue(RedisServerControl.unreachable(redis.address(), Duration.ofSeconds(2)).isEmpty());
    }

    @Test
    void memoryIsBoundedWithLruEviction() {
        HostAndPort address = redis.address();
        long evictedBefore = RedisServerControl.evictedKeys(address);
        long bound = RedisServerControl.usedMemory(address) + 100_000;
        RedisServerControl.limitMemory(address, bound);
        try (CachedDesign cache = cached(CachePolicy.VERSIONED, 1000, null, Duration.ofHours(1))) {
            for (int index = 0; index < 400; index++) {
                cache.similar(product(index), LIMIT);
            }
            assertTrue(RedisServerControl.evictedKeys(address) > evictedBefore, "least recently used keys evicted");
            assertTrue(RedisServerControl.usedMemory(address) <= bound + 50_000, "memory stays near its bound");
            assertTrue(cache.store().memoryBytes() > 0);
        } finally {
            RedisServerControl.limitMemory(address, 0);
        }
    }
}
