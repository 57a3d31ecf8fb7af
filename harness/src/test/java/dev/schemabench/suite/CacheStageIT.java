package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.internal.Home;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole quick run of one design with the cache stage made tiny: the new results fields, read back. */
class CacheStageIT {

    private static EmbeddedPostgres postgres;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private static CompareConfig.Builder tinyRun() {
        CompareConfig.Builder builder = new CompareConfig.Builder();
        ProfileFile.apply("quick", builder);
        return builder.set(CompareConfig.PRODUCTS, "2000", "test").set(CompareConfig.RECS, "5", "test")
                .set(CompareConfig.RATE, "300", "test").set(CompareConfig.DURATION, "1s", "test")
                .set(CompareConfig.WARMUP, "0s", "test").set(CompareConfig.SLICES, "1", "test")
                .set(CompareConfig.SAMPLE, "10", "test").set(CompareConfig.SETTLE, "0s", "test")
                .set(CompareConfig.DESIGNS, "jsonb", "test").set(CompareConfig.SERVICE_LEVEL, "off", "test")
                .set(CompareConfig.JMH_ITERATIONS, "0", "test").set(CompareConfig.CALIBRATION_RATE, "0", "test")
                .set(CompareConfig.CALIBRATION_BULK, "off", "test")
                .set(CacheOptions.CACHE, "caffeine,redis", "test")
                .set(CacheOptions.CACHE_POLICIES, "versioned,ttl", "test")
                .set(CacheOptions.CACHE_SIZE, "20", "test").set(CacheOptions.CACHE_SWEEP, "1,20", "test")
                .set(CacheOptions.CACHE_TTL, "1s", "test").set(CacheOptions.CACHE_CHECK_INTERVAL, "200ms", "test")
                .set(CacheOptions.CACHE_DURATION, "1s", "test").set(CacheOptions.CACHE_SETTLE, "700ms", "test")
                .set(CacheOptions.CACHE_FAILURE, "on", "test");
    }

    @Test
    void aRunWithTheCacheStageWritesItsFigures() throws IOException {
        CompareSuite suite = new CompareSuite(tinyRun().build(), () -> postgres, Home.schemas());
        Path out = Files.createDirectories(temp.resolve("run"));
        suite.run(out, "cache");
        RunResults results = ResultsFile.load(out.resolve(ResultsFile.NAME));
        RunResults.Design design = results.design("jsonb");
        assertEquals(RunResults.MEASURED, design.status(), String.valueOf(design.reason()));
        RunResults.Cache cache = design.cache();
        assertNotNull(cache, String.valueOf(design.stages()));
        assertTrue(cache.uncachedReads() > 0);
        assertEquals(List.of("caffeine/versioned", "caffeine/ttl", "redis/versioned", "redis/ttl"),
                cache.cells().stream().map(cell -> cell.kind() + "/" + cell.policy()).toList());
        for (RunResults.CacheCell cell : cache.cells()) {
            assertTrue(cell.hitRatio() > 0.2, cell.toString());
            assertEquals(cell.reads(), cell.databaseReads() + cell.databaseReadsSaved(), cell.toString());
            assertEquals(0, cell.badReads(), cell.toString());
            assertNotNull(cell.stormP99Ms(), cell.toString());
            assertNotNull(cell.staleReads(), cell.toString());
            assertTrue(cell.memoryBytes() != null && cell.memoryBytes() > 0, cell.toString());
            assertTrue(!cell.timeline().isEmpty() && !cell.hitRatioTimeline().isEmpty(), cell.toString());
            RunResults.FigureInterval p99 = cell.intervals().p99Ms();
            assertTrue(p99.low() == null && p99.reason().startsWith("not enough time: "),
                    "a 1 s steady state has no interval, and says why: " + p99);
            assertEquals(cell.reads(), p99.reads(), 0.2 * cell.reads(), "the steady state's reads: " + p99);
        }
        assertNotNull(cache.uncachedIntervals(), "the uncached baseline's blocks are kept too");
        RunResults.CacheCell versioned = cache.cells().get(0);
        RunResults.CacheCell ttl = cache.cells().get(1);
        assertTrue(ttl.staleReads() > versioned.staleReads(),
                "ttl keys outlive an activation, versioned ones do not: " + ttl + " vs " + versioned);
        assertEquals(4, cache.sweep().size());
        assertTrue(cache.sweep().get(1).hitRatio() > cache.sweep().get(0).hitRatio(),
                "a cache of 20 % hits more often than one of 1 %: " + cache.sweep());
        RunResults.CacheFailure failure = cache.failure();
        assertNotNull(failure);
        assertEquals(0, failure.failedReads(), failure.toString());
        assertTrue(failure.degradedReads() > 0 && failure.storeErrors() > 0, failure.toString());
        assertNotNull(failure.recoveryS(), failure.toString());
    }

    @Test
    void badCacheKeysNameTheKey() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> tinyRun().set(CacheOptions.CACHE_SIZE, "0", "test").build());
        assertTrue(size.getMessage().startsWith("'cache_size' = '0'"), size.getMessage());
        IllegalArgumentException policy = assertThrows(IllegalArgumentException.class,
                () -> tinyRun().set(CacheOptions.CACHE_POLICIES, "lru", "test").build());
        assertTrue(policy.getMessage().startsWith("'cache_policies' = 'lru'"), policy.getMessage());
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> tinyRun().set(CacheOptions.REDIS_URL, "http://x", "test").build());
        assertTrue(url.getMessage().startsWith("'redis_url'"), url.getMessage());
    }
}
