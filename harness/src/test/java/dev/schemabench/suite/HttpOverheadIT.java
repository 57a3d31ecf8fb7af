package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.design.LoadedDesigns;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.internal.Home;
import dev.schemabench.measure.MeasuredHttpReads;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP-overhead stage on the embedded PostgreSQL with a small catalog: what it counts, that both levels read the
 * same keys and are checked against the generated data, and the note when it does not run. Never timings.
 */
class HttpOverheadIT {

    private static final CatalogGenerator GENERATOR = new CatalogGenerator(new CatalogSpec(1500, 10, 7L, 0.3));
    /** A short warm-up cap: these tests check what is counted, not figures. */
    private static final Duration WARMUP = Duration.ofSeconds(3);
    private static final HttpOverhead.Settings SETTINGS = new HttpOverhead.Settings(200, Duration.ofSeconds(2), 3,
            10, WARMUP);
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

    private static StorageDesign loaded(String name) {
        return LoadedDesigns.load(name, postgres::server, GENERATOR, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonb", "normalized"})
    void bothLevelsReadTheSameKeysAndEveryAnswerIsRight(String name) {
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        try (StorageDesign design = loaded(name)) {
            HttpOverhead stage = new HttpOverhead(GENERATOR, 1, SETTINGS, OptionalLong::empty);
            HistogramLogWriter log = OpenLoopDriver.newLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8),
                    "test");
            HttpOverhead.Outcome outcome = stage.run(name, design, log);

            assertNull(outcome.note(), outcome::toString);
            RunResults.HttpOverhead figures = outcome.figures();
            assertNotNull(figures);
            assertEquals(2, stage.slicesPerLevel(), "one block: storage, HTTP, HTTP, storage");
            int perLevel = stage.slicesPerLevel() * stage.perSlice();
            assertEquals(200, perLevel, "2 s at 200/s, half of it per level");
            assertEquals(perLevel, figures.storageOps(), figures::toString);
            assertEquals(perLevel, figures.httpOps(), figures::toString);
            assertEquals(0, figures.errors(), figures::toString);
            assertEquals(new HttpOverhead.KeyDigest(perLevel, outcome.storageKeys().sum()), outcome.storageKeys());
            assertEquals(outcome.storageKeys(), outcome.httpKeys(), "both levels read the same keys");

            assertEquals(200.0, figures.rateOpsS());
            assertEquals(1.0, figures.seconds());
            assertEquals(2, figures.slices());
            assertTrue(figures.warmupS() >= 1 && figures.warmupS() < WARMUP.toSeconds() + 5, figures::toString);
            assertNotNull(figures.jitSettled(), "HotSpot reports compilation time");
            assertNotNull(figures.jitCompileMs());
            assertEquals(figures.httpP50Ms() - figures.storageP50Ms(), figures.addedP50Ms(), 0.0015);
            assertEquals(figures.httpP99Ms() - figures.storageP99Ms(), figures.addedP99Ms(), 0.0015);
            assertTrue(figures.storageP50Ms() > 0 && figures.storageP50Ms() <= figures.storageP99Ms(),
                    figures::toString);
            assertTrue(figures.httpP50Ms() > 0 && figures.httpP50Ms() <= figures.httpP99Ms(), figures::toString);
            assertEquals(MeasuredHttpReads.clientName(), figures.client());
            assertTrue(figures.client().startsWith("SchemaBench HttpConnection"), figures.client());
            assertTrue(figures.connections() >= 1 && figures.connections() <= SETTINGS.threads(),
                    "keep-alive: at most one connection per reader thread, got " + figures.connections());
            for (RunResults.Cpu cpu : new RunResults.Cpu[] {figures.storageCpu(), figures.httpCpu()}) {
                assertTrue(cpu.wallS() > 0 && cpu.harnessS() > 0, cpu::toString);
                assertNull(cpu.databaseS(), "not observable in this test");
            }

            if (Files.isReadable(Path.of("/proc/stat"))) {
                for (RunResults.MachineCpu machine : new RunResults.MachineCpu[] {figures.storageMachine(),
                        figures.httpMachine()}) {
                    assertNotNull(machine);
                    assertTrue(machine.wallS() > 0 && machine.busyS() > 0 && machine.stolenS() >= 0,
                            machine::toString);
                }
            }

            String text = logBytes.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("Tag=" + HttpOverhead.STORAGE + ",") && text.contains("Tag=" + HttpOverhead.HTTP
                    + ","), "interval histograms of both levels, tagged");
            assertEquals(Optional.of(CatalogGenerator.defaultBatchId(1)), design.activeBatch(),
                    "the stage changes nothing in the design");
        }
    }

    @Test
    void longerRunsAlternateInSeveralBlocksAndBothLevelsStillReadTheSameKeys() {
        try (StorageDesign design = loaded("normalized")) {
            HttpOverhead stage = new HttpOverhead(GENERATOR, 1, new HttpOverhead.Settings(100, Duration.ofSeconds(9), 2,
                    5, WARMUP), OptionalLong::empty);
            assertEquals(4, stage.slicesPerLevel(), "two blocks of storage, HTTP, HTTP, storage");
            HttpOverhead.Outcome outcome = stage.run("normalized", design, null);
            assertNull(outcome.note(), outcome::toString);
            int perLevel = 4 * stage.perSlice();
            assertEquals(perLevel, outcome.figures().storageOps());
            assertEquals(perLevel, outcome.figures().httpOps());
            assertEquals(0, outcome.figures().errors());
            assertEquals(4, outcome.figures().slices());
            assertEquals(perLevel, outcome.storageKeys().reads());
            assertEquals(outcome.storageKeys(), outcome.httpKeys(), "both levels read the same keys");
        }
    }

    @Test
    void wrongAnswersAreErrorsNotFastReads() {
        try (StorageDesign design = loaded("jsonb")) {
            // Checked against batch 2 while batch 1 is active: every answer names the wrong batch.
            HttpOverhead stage = new HttpOverhead(GENERATOR, 2, SETTINGS, OptionalLong::empty);
            HttpOverhead.Outcome outcome = stage.run("jsonb", design, null);
            assertNull(outcome.figures(), outcome::toString);
            assertTrue(outcome.note().startsWith("HTTP overhead not measured: reads kept failing"), outcome.note());
            assertTrue(outcome.note().contains("MIXED answer for SKU-"), outcome.note());
        }
    }

    @Test
    void whenItDoesNotRunTheResultsSayWhy() throws IOException {
        CompareConfig.Builder builder = new CompareConfig.Builder();
        ProfileFile.apply("quick", builder);
        builder.set(CompareConfig.PRODUCTS, "500", "test").set(CompareConfig.RECS, "5", "test")
                .set(CompareConfig.RATE, "100", "test").set(CompareConfig.DURATION, "1s", "test")
                .set(CompareConfig.WARMUP, "0s", "test").set(CompareConfig.SLICES, "1", "test")
                .set(CompareConfig.SAMPLE, "10", "test").set(CompareConfig.SETTLE, "0s", "test")
                .set(CompareConfig.DESIGNS, "jsonb", "test").set(CompareConfig.SERVICE_LEVEL, "off", "test")
                .set(CacheOptions.CACHE, "off", "test")
                .set(CompareConfig.JMH_ITERATIONS, "0", "test").set(CompareConfig.CALIBRATION_RATE, "0", "test");
        CompareSuite suite = new CompareSuite(builder.build(), () -> postgres, Home.schemas());
        Path out = Files.createDirectories(temp.resolve("run"));
        suite.run(out, "no-http-overhead");
        JsonNode design = ResultsFile.read(out.resolve(ResultsFile.NAME)).get("designs").get(0);
        assertEquals("measured", design.get("status").asText(), design.toString());
        assertTrue(design.get("http_overhead").isNull(), design.toString());
        assertEquals("HTTP overhead not measured: service_level = off", design.get("http_overhead_note").asText());
        assertTrue(design.get("service_level").isNull(), design.toString());
        assertEquals("service level not measured: service_level = off", design.get("service_level_note").asText());

        builder.set(CompareConfig.SERVICE_LEVEL, "on", "test").set(CompareConfig.HTTP_OVERHEAD_DURATION, "0", "test");
        assertEquals(Optional.of("HTTP overhead not measured: http_overhead_duration = 0"),
                HttpOverhead.skipReason(builder.build()));
        builder.set(CompareConfig.HTTP_OVERHEAD_DURATION, "3s", "test");
        assertEquals(Optional.empty(), HttpOverhead.skipReason(builder.build()));
    }
}
