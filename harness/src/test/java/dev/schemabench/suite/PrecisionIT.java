package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.internal.Home;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storage-level measurement asked for a precision: slices are added until every design's P99 is within it, or the
 * cap is reached and the results say what was reached. Asserts the stopping rule, never a timing. Two small compare
 * runs (about 40 s): in the long suite.
 */
@Tag("long")
class PrecisionIT {

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

    private RunResults run(String name, String rate, String precision, String cap, String duration)
            throws Exception {
        CompareConfig config = new CompareConfig.Builder().set(CompareConfig.PRODUCTS, "2000", "test")
                .set(CompareConfig.RATE, rate, "test").set(CompareConfig.DURATION, duration, "test")
                .set(CompareConfig.WARMUP, "1s", "test").set(CompareConfig.SLICES, "2", "test")
                .set(CompareConfig.PRECISION, precision, "test").set(CompareConfig.PRECISION_CAP, cap, "test")
                .set(CompareConfig.SERVICE_LEVEL, "off", "test").set(CacheOptions.CACHE, "off", "test")
                .set(CompareConfig.JMH_ITERATIONS, "0", "test").set(CompareConfig.CALIBRATION_RATE, "0", "test")
                .set(CompareConfig.CALIBRATION_BULK, "off", "test").set(CompareConfig.SETTLE, "0s", "test")
                .set(CompareConfig.CHURN_WEEKS, "1", "test").build();
        Path out = Files.createDirectories(temp.resolve(name));
        CompareSuite suite = new CompareSuite(config, () -> dev.schemabench.db.PostgresHandle.of(postgres.server()),
                Home.schemas());
        try {
            suite.run(out, name);
        } finally {
            suite.close();
        }
        return ResultsFile.load(out.resolve(ResultsFile.NAME));
    }

    @Test
    void anUnreachablePrecisionStopsAtTheCapAndSaysWhatItReached() throws Exception {
        RunResults results = run("tight", "200", "0.1%", "4s", "2s");
        for (RunResults.Design design : results.designs()) {
            RunResults.Latency storage = design.storageLevel();
            assertNotNull(storage, design.name());
            RunResults.Precision precision = storage.precision();
            assertNotNull(precision, "the results say what precision was reached");
            assertFalse(precision.met(), precision.toString());
            assertEquals(4, storage.slices(), "2 configured slices of 1 s, then a pair up to the 4 s cap");
            assertEquals(4.0, precision.measuredS(), 1e-9);
            assertTrue(precision.stoppedBecause().startsWith("cap reached"), precision.stoppedBecause());
        }
    }

    @Test
    void aLoosePrecisionIsReachedWithoutAddingSlicesBeyondNeed() throws Exception {
        RunResults results = run("loose", "300", "99%", "30s", "16s");
        for (RunResults.Design design : results.designs()) {
            RunResults.Precision precision = design.storageLevel().precision();
            assertTrue(precision.met(), precision.toString());
            assertTrue(precision.reached() <= 0.99, precision.toString());
            assertEquals(2, design.storageLevel().slices(), "16 s of 300 reads give a P99 interval: nothing to add");
            assertTrue(precision.stoppedBecause().startsWith("every design's P99 within"),
                    precision.stoppedBecause());
        }
    }
}
