package dev.schemabench.suite;

import dev.schemabench.catalog.CatalogGenerator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.BatchInfo;
import dev.schemabench.design.EquivalenceCheck;
import dev.schemabench.design.LoadedDesigns;
import dev.schemabench.design.SchemaFiles;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.design.postgres.PostgresDesign;
import dev.schemabench.internal.Home;
import dev.schemabench.measure.MeasuredDesign;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.results.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The calibration against PostgreSQL's own clients on the embedded server. Each part needs its tool on the PATH
 * (pgbench, psql; Debian's PostgreSQL packages have both) and is reported as skipped without it.
 */
@Tag("long")
class CalibrationIT {

    private static final int PRODUCTS = 1500;
    private static final CatalogGenerator GENERATOR = new CatalogGenerator(new CatalogSpec(PRODUCTS, 10, 11L, 0.3));
    private static EmbeddedPostgres postgres;

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

    private static Calibration calibration(Path directory, boolean needsPgbench) {
        Calibration calibration = Calibration.onPath(postgres.server(), directory);
        assumeTrue(needsPgbench ? calibration.hasPgbench() : calibration.hasPsql(),
                (needsPgbench ? "pgbench" : "psql") + " is not on the PATH");
        return calibration;
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonb", "normalized"})
    void psqlReplayOfTheBulkScriptStagesABatchThatServesTheGeneratedAnswers(String name, @TempDir Path directory)
            throws IOException {
        Calibration calibration = calibration(directory, false);
        try (StorageDesign measured = loaded(name)) {
            PostgresDesign design = (PostgresDesign) measured;
            String batchId = CatalogGenerator.defaultBatchId(2);
            PostgresDesign.BulkScript script = design.writeBulkScript(GENERATOR.batch(2), directory.resolve("bulk"));
            assertEquals(PRODUCTS, script.lists());
            assertEquals(script.copyBytes(), script.dataFiles().stream().mapToLong(CalibrationIT::size).sum());
            assertTrue(design.batches().stream().noneMatch(batch -> batch.batchId().equals(batchId)),
                    "writing the script sends nothing to the server");

            calibration.replay(design, script, Duration.ofMinutes(2));

            assertEquals(ActivationOutcome.ACTIVATED, design.activate(batchId));
            EquivalenceCheck check = new EquivalenceCheck(GENERATOR, 300);
            assertEquals(Optional.empty(), check.check(design, 2, batchId, 10));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonb", "normalized"})
    void bulkComparisonTimesBothSidesOnTheSameBytesAndLeavesOnlyTheServedBatch(String name, @TempDir Path directory)
            throws IOException {
        Calibration calibration = calibration(directory, false);
        try (StorageDesign measured = loaded(name)) {
            PostgresDesign design = (PostgresDesign) measured;
            RunResults.BulkCalibration bulk = calibration.bulk(design,
                    GENERATOR.batch(2, CompareSuite.BULK_CALIBRATION_HARNESS),
                    GENERATOR.batch(2, CompareSuite.BULK_CALIBRATION_PSQL));

            assertEquals(PRODUCTS, bulk.lists());
            assertTrue(bulk.copyBytes() > PRODUCTS * 10L, bulk::toString);
            assertTrue(bulk.harnessS() > 0 && bulk.psqlS() > 0, bulk::toString);
            double megabytes = bulk.copyBytes() / 1e6;
            assertQuotientWithinRounding(megabytes, megabytes, bulk.harnessS(), bulk.harnessMbS(), bulk);
            assertQuotientWithinRounding(megabytes, megabytes, bulk.psqlS(), bulk.psqlMbS(), bulk);
            assertQuotientWithinRounding(bulk.psqlS() - 0.0005, bulk.psqlS() + 0.0005, bulk.harnessS(), bulk.ratio(),
                    bulk);
            Path script = directory.resolve(bulk.script());
            assertTrue(Files.isRegularFile(script), "the script stays for inspection: " + script);
            assertFalse(Files.exists(script.resolveSibling("copy-1.tsv")), "data files are deleted");

            assertEquals(List.of(CatalogGenerator.defaultBatchId(1)),
                    design.batches().stream().map(BatchInfo::batchId).toList(), "both timed batches discarded");
            assertEquals(Optional.empty(), new EquivalenceCheck(GENERATOR, 100)
                    .check(design, 1, CatalogGenerator.defaultBatchId(1), 10));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonb", "normalized"})
    void readComparisonRunsTheDesignsReadOnBothSides(String name, @TempDir Path directory) throws IOException {
        Calibration calibration = calibration(directory, true);
        try (StorageDesign design = loaded(name); OpenLoopDriver driver = new OpenLoopDriver(2)) {
            RunResults.Calibration reads = calibration.reads(new MeasuredDesign(design), SchemaFiles.load(Home.schemas(), name),
                    PRODUCTS, 10, 2, Duration.ofSeconds(1), 2, 200, driver);

            assertTrue(reads.pgbenchTps() > 0 && reads.harnessTps() > 0, reads::toString);
            List<RunResults.SaturationRound> rounds = reads.saturationRounds();
            assertEquals(rounds.size(), reads.rounds());
            assertTrue(rounds.size() >= 2 && rounds.size() <= 2 + Calibration.EXTRA_ROUNDS, reads::toString);
            assertEquals(rounds.size() == 2, Calibration.agree(rounds.subList(0, 2)),
                    "a third round only when the two planned ones disagree: " + reads);
            assertEquals(Calibration.agree(rounds), reads.roundsAgree());
            for (int i = 0; i < rounds.size(); i++) {
                RunResults.SaturationRound round = rounds.get(i);
                assertEquals(i % 2 == 0, round.pgbenchFirst(), "the sides take turns at going first");
                assertEquals(round.harnessTps() / round.pgbenchTps(), round.ratio(), 0.001, reads::toString);
                assertTrue(round.pgbenchWholeTps() > 0, reads::toString);
            }
            assertEquals(Calibration.median(rounds, RunResults.SaturationRound::ratio), reads.ratio(), 1e-9);
            assertEquals(Calibration.spread(rounds), reads.ratioSpread());
            assertEquals(Calibration.fault(reads.ratio(), reads.ratioSpread()), reads.fault(),
                    "a fault exactly when the harness beats pgbench by more than the rounds' spread");
            assertEquals(Calibration.WARMUP.toSeconds(), reads.warmupS());
            assertEquals(Calibration.MIN_MEASUREMENT.toSeconds(), reads.durationS(),
                    "one second asked for, the minimum measured");
            assertEquals(0, reads.harnessErrors(), reads::toString);
            assertTrue(reads.pgbenchP99Ms() > 0 && reads.harnessP99Ms() > 0, reads::toString);
            assertEquals(List.of(true, false), reads.rateRounds().stream()
                    .map(RunResults.RateRound::pgbenchFirst).toList(), "fixed-rate rounds as planned, each kept");
            for (RunResults.RateRound round : reads.rateRounds()) {
                assertTrue(round.pgbenchP50Ms() > 0 && round.pgbenchP99Ms() >= round.pgbenchP50Ms(), round::toString);
                assertTrue(round.harnessP50Ms() > 0 && round.harnessP99Ms() >= round.harnessP50Ms(), round::toString);
            }
            assertEquals(2, reads.clients());
            String script = Files.readString(directory.resolve(reads.script()));
            assertTrue(script.contains("\\set id random(0, " + (PRODUCTS - 1) + ")"), script);
        }
    }

    @Test
    void psqlLogsInWithThePasswordFromItsPasswordFileAndNotWithAWrongOne(@TempDir Path directory) throws Exception {
        calibration(directory, false);
        String password = "p:w\\1*";
        try (Connection connection = postgres.server().connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS pw_user");
            statement.execute("CREATE ROLE pw_user LOGIN PASSWORD '" + password + "'");
            Path hba;
            try (ResultSet rows = statement.executeQuery("SHOW hba_file")) {
                rows.next();
                hba = Path.of(rows.getString(1));
            }
            Files.writeString(hba, "host all pw_user 127.0.0.1/32 scram-sha-256\n"
                    + "host all pw_user ::1/128 scram-sha-256\n" + Files.readString(hba));
            statement.execute("SELECT pg_reload_conf()");
        }
        Thread.sleep(1000);
        Path who = Files.writeString(directory.resolve("who.sql"), "DO $$ BEGIN IF current_user <> 'pw_user' THEN"
                + " RAISE EXCEPTION 'connected as %', current_user; END IF; END $$;\n");
        PostgresDesign.BulkScript script = new PostgresDesign.BulkScript(who, List.of(), 0, 0);
        String url = postgres.server().jdbcUrl();
        try (StorageDesign measured = loaded("jsonb")) {
            PostgresDesign design = (PostgresDesign) measured;
            Calibration.onPath(new PostgresServer(url, "pw_user", password, "external"), directory)
                    .replay(design, script, Duration.ofSeconds(30));

            Calibration wrong = Calibration.onPath(new PostgresServer(url, "pw_user", "not-it", "external"), directory);
            IOException refused = assertThrows(IOException.class,
                    () -> wrong.replay(design, script, Duration.ofSeconds(30)));
            assertTrue(refused.getMessage().contains("password retrieved from file"), refused.getMessage());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Seconds are stored to the millisecond, so a quotient of them is only known within that rounding. */
    private static void assertQuotientWithinRounding(double numeratorLow, double numeratorHigh, double roundedSeconds,
            double quotient, RunResults.BulkCalibration bulk) {
        double low = numeratorLow / (roundedSeconds + 0.0005) - 0.001;
        double high = numeratorHigh / Math.max(roundedSeconds - 0.0005, 1e-9) + 0.001;
        assertTrue(quotient >= low && quotient <= high,
                () -> quotient + " not in [" + low + ", " + high + "]: " + bulk);
    }
}
