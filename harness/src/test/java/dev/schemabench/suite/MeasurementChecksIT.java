package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresHandle;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.design.ForwardingDesign;
import dev.schemabench.design.SimilarJson;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.internal.Home;
import dev.schemabench.report.MarkdownSummary;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks that say when a storage-level measurement cannot be trusted, made to fire: a design whose reads slow
 * down read by read is flagged as drifting and as never settling in its warm-up; a design slower than the
 * arrival rate allows makes the load generator fall behind its schedule. The flags reach results.json and the
 * summary's findings. One small compare run (about 45 s): in the long suite.
 */
@Tag("long")
class MeasurementChecksIT {

    @TempDir
    Path temp;

    /** Test-only: reads that wait {@code delay(reads before this one)} nanoseconds before the design answers. */
    private static final class ChangingReads extends ForwardingDesign {
        private final LongUnaryOperator delay;
        private final AtomicLong reads = new AtomicLong();

        ChangingReads(StorageDesign design, LongUnaryOperator delay) {
            super(design);
            this.delay = delay;
        }

        private void pause() {
            LockSupport.parkNanos(delay.applyAsLong(reads.getAndIncrement()));
        }

        @Override
        public SimilarResult similar(String productId, int limit) {
            pause();
            return design.similar(productId, limit);
        }

        @Override
        public SimilarJson similarJson(String productId, int limit) {
            pause();
            return design.similarJson(productId, limit);
        }
    }

    @Test
    void driftAnUnsettledWarmUpAndALostScheduleAreFlagged() throws Exception {
        CompareConfig config = new CompareConfig.Builder().set(CompareConfig.PRODUCTS, "2000", "test")
                .set(CompareConfig.RATE, "100", "test").set(CompareConfig.DURATION, "6s", "test")
                .set(CompareConfig.WARMUP, "5s", "test").set(CompareConfig.SLICES, "6", "test")
                .set(CompareConfig.THREADS, "4", "test").set(CompareConfig.SAMPLE, "20", "test")
                .set(CompareConfig.SERVICE_LEVEL, "off", "test").set(CacheOptions.CACHE, "off", "test")
                .set(CompareConfig.JMH_ITERATIONS, "0", "test").set(CompareConfig.CALIBRATION_RATE, "0", "test")
                .set(CompareConfig.CALIBRATION_BULK, "off", "test").set(CompareConfig.SETTLE, "0s", "test")
                .set(CompareConfig.CHURN_WEEKS, "1", "test").build();
        // jsonb: 1 ms more per 50 reads, whatever the machine's pace (about 10 ms at the end of its warm-up, 22 ms at
        // the end of the measurement); normalized: 60 ms each, 4 readers at 100/s.
        DesignRegistry.Decoration drifting = DesignRegistry.decorate("jsonb", design -> new ChangingReads(design,
                read -> read * 20_000L));
        DesignRegistry.Decoration slow = DesignRegistry.decorate("normalized", design -> new ChangingReads(design,
                read -> 60_000_000L));
        EmbeddedPostgres postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
        Path out = Files.createDirectories(temp.resolve("run"));
        CompareSuite suite = new CompareSuite(config, () -> PostgresHandle.of(postgres.server()), Home.schemas());
        try {
            suite.run(out, "checks");
        } finally {
            suite.close();
            postgres.close();
            drifting.undo();
            slow.undo();
        }
        RunResults results = ResultsFile.load(out.resolve(ResultsFile.NAME));
        RunResults.MeasurementChecks jsonb = checks(results, "jsonb");
        assertEquals("drifting", jsonb.stationarity(), jsonb.toString());
        assertTrue(jsonb.drift() > 0.10, jsonb.toString());
        assertEquals("never_settled", jsonb.warmup(), jsonb.toString());
        assertEquals(5.0, jsonb.warmupS(), 1e-9, "the cap was used whole");
        assertTrue(jsonb.flags().stream().anyMatch(flag -> flag.startsWith("latency drifting")), jsonb.toString());

        RunResults.MeasurementChecks normalized = checks(results, "normalized");
        assertFalse(normalized.keptSchedule(), normalized.toString());
        assertTrue(normalized.p99SendLagMs() > 10, normalized.toString());
        assertTrue(normalized.flags().stream().anyMatch(flag -> flag.contains("fell behind its schedule")),
                normalized.toString());

        String summary = Files.readString(out.resolve(MarkdownSummary.NAME));
        assertTrue(summary.contains("Storage-level figures of jsonb are flagged"), summary);
        assertTrue(summary.contains("Storage-level figures of normalized are flagged"), summary);
    }

    private static RunResults.MeasurementChecks checks(RunResults results, String name) {
        RunResults.Design design = results.designs().stream().filter(each -> each.name().equals(name)).findFirst()
                .orElseThrow();
        assertNotNull(design.storageLevel(), name + ": " + design.reason());
        assertNotNull(design.storageLevel().checks(), name);
        return design.storageLevel().checks();
    }
}
