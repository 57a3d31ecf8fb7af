package dev.schemabench.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.LoadedDesigns;
import dev.schemabench.design.SimilarJson;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.design.StorageDesign;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every cache kind must do, over the jsonb design on the embedded PostgreSQL: hits without a database call,
 * misses that read the database, versioned keys that follow an activation at once in this process and within the
 * check interval from elsewhere, TTL expiry, size-bounded eviction, and answers equal to the uncached design's. Each
 * kind adds a small subclass that builds its store.
 */
abstract class CacheContractIT {

    static final CatalogGenerator GENERATOR = new CatalogGenerator(new CatalogSpec(400, 10, 11L, 0.3));
    static final int LIMIT = 10;
    private static final Duration NEVER = Duration.ofHours(1);
    private static EmbeddedPostgres postgres;

    StorageDesign loaded;
    CountingDesign counting;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void loadDesign() {
        loaded = LoadedDesigns.load("jsonb", postgres::server, GENERATOR, 4);
        counting = new CountingDesign(loaded);
    }

    @AfterEach
    void closeDesign() {
        loaded.close();
    }

    /** A fresh, empty store of this kind. */
    abstract CacheStore store(long maxEntries, Duration ttl);

    abstract CacheKind kind();

    CachedDesign cached(CachePolicy policy, long maxEntries, Duration ttl, Duration interval) {
        CacheSettings settings = new CacheSettings(kind(), policy, maxEntries, ttl, interval);
        CacheStore store = store(maxEntries, settings.entryTtl());
        store.clear();
        return new CachedDesign(counting.design(), store, settings);
    }

    static String product(int index) {
        return CatalogGenerator.productId(index);
    }

    static List<SimilarItem> truth(int index, int batchNumber) {
        return GENERATOR.list(index, batchNumber).items().subList(0, LIMIT);
    }

    @Test
    void aMissReadsTheDatabaseAndAHitDoesNot() {
        try (CachedDesign cache = cached(CachePolicy.VERSIONED, 1000, null, NEVER)) {
            long lookupsBefore = counting.calls("activeBatch");
            SimilarResult first = cache.similar(product(3), LIMIT);
            assertEquals(1, counting.reads());
            SimilarResult second = cache.similar(product(3), LIMIT);
            SimilarJson third = cache.similarJson(product(3), LIMIT);
            assertEquals(1, counting.reads(), "hits make no database read");
            assertEquals(lookupsBefore, counting.calls("activeBatch"), "hits make no lookup of the active batch");
            assertEquals(first, second);
            assertEquals(truth(3, 1), ((SimilarResult.Found) second).items());
            assertInstanceOf(SimilarJson.Found.class, third);
            assertEquals(new CachedDesign.CacheStats(2, 1, 0), cache.stats());
        }
    }

    @Test
    void anUnknownProductIsCachedAsNotFound() {
        try (CachedDesign cache = cached(CachePolicy.VERSIONED, 1000, null, NEVER)) {
            assertInstanceOf(SimilarResult.NotFound.class, cache.similar("no-such-product", LIMIT));
            assertInstanceOf(SimilarResult.NotFound.class, cache.similar("no-such-product", LIMIT));
            assertEquals(1, counting.reads());
        }
    }

    @Test
    void activationThroughTheCacheIsSeenAtOnce() {
        try (CachedDesign cache = cached(CachePolicy.VERSIONED, 1000, null, NEVER)) {
            cache.similar(product(5), LIMIT);
            assertInstanceOf(StageOutcome.Staged.class, loaded.stage(GENERATOR.batch(2)));
            assertEquals(ActivationOutcome.ACTIVATED, cache.activate(CatalogGenerator.defaultBatchId(2)));
            SimilarResult.Found after = (SimilarResult.Found) cache.similar(product(5), LIMIT);
            assertEquals(CatalogGenerator.defaultBatchId(2), after.batchId());
            assertEquals(truth(5, 2), after.items());
            assertEquals(2, counting.reads(), "the new batch's key missed once");
            cache.rollback();
            SimilarResult.Found back = (SimilarResult.Found) cache.similar(product(5), LIMIT);
            assertEquals(CatalogGenerator.defaultBatchId(1), back.batchId());
            assertEquals(2, counting.reads(), "the old batch's key is still cached and served again");
        }
    }

    @Test
    void activationElsewhereIsSeenWithinTheCheckInterval() throws InterruptedException {
        Duration interval = Duration.ofMillis(300);
        try (CachedDesign cache = cached(CachePolicy.VERSIONED, 1000, null, interval)) {
            cache.similar(product(7), LIMIT);
            loaded.stage(GENERATOR.batch(2));
            loaded.activate(CatalogGenerator.defaultBatchId(2));
            SimilarResult.Found stale = (SimilarResult.Found) cache.similar(product(7), LIMIT);
            assertEquals(CatalogGenerator.defaultBatchId(1), stale.batchId(), "stale until the next check");
            Thread.sleep(interval.toMillis() * 3);
            SimilarResult.Found fresh = (SimilarResult.Found) cache.similar(product(7), LIMIT);
            assertEquals(CatalogGenerator.defaultBatchId(2), fresh.batchId());
            assertEquals(truth(7, 2), fresh.items());
        }
    }

    @Test
    void ttlEntriesExpire() throws InterruptedException {
        Duration ttl = Duration.ofMillis(300);
        try (CachedDesign cache = cached(CachePolicy.TTL, 1000, ttl, NEVER)) {
            cache.similar(product(9), LIMIT);
            cache.similar(product(9), LIMIT);
            assertEquals(1, counting.reads());
            Thread.sleep(ttl.toMillis() * 3);
            cache.similar(product(9), LIMIT);
            assertEquals(2, counting.reads(), "the expired entry was read again");
        }
    }

    @Test
    void aCachedDesignAnswersExactlyAsTheUncachedOne() {
        try (CachedDesign cache = cached(CachePolicy.VERSIONED, 1000, null, NEVER)) {
            for (int pass = 0; pass < 2; pass++) {
                for (int index = 0; index < GENERATOR.spec().products(); index += 7) {
                    String id = product(index);
                    assertEquals(loaded.similar(id, LIMIT), cache.similar(id, LIMIT), id);
                    assertEquals(loaded.similarJson(id, LIMIT), cache.similarJson(id, LIMIT), id);
                    assertEquals(loaded.similar(id, 3), cache.similar(id, 3), id);
                }
            }
            assertTrue(cache.stats().hits() > 0, cache.stats()::toString);
        }
    }
}
