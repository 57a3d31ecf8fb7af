package dev.schemabench.scenarios.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.DesignContext;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.internal.Home;
import dev.schemabench.results.RunResults;
import dev.schemabench.suite.JmhRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's JMH stage end to end: the shaded scenarios jar (built by {@code package}, before failsafe runs) in a
 * child JVM, against a real embedded PostgreSQL where the designs were loaded the way the suite loads them. Tiny
 * settings: 500 products, one short iteration, no warm-up. The child logs in as a user that needs a password, which
 * reaches it only in a file. Asserts shapes and orderings, never timings.
 */
class JmhRunnerIT {

    private static final int PRODUCTS = 500;
    private static final int RECS = 10;
    private static final long SEED = 42;
    private static final List<String> DESIGNS = List.of("jsonb", "normalized");

    @TempDir
    Path run;

    @Test
    void runsBothBenchmarksAgainstTheLoadedSchemasAndKeepsTheirJson() throws Exception {
        assertTrue(Files.isRegularFile(Home.directory().resolve(JmhRunner.JAR)),
                "the scenarios jar is built by `package` before integration tests run");
        CatalogGenerator generator = new CatalogGenerator(
                new CatalogSpec(PRODUCTS, RECS, SEED, CatalogSpec.DEFAULT_CHURN_SHARE));
        String batchId = CatalogGenerator.defaultBatchId(1);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS)) {
            DesignContext context = new DesignContext(Home.schemas(), postgres::server, 2);
            List<StorageDesign> designs = new ArrayList<>();
            try {
                for (String name : DESIGNS) {
                    StorageDesign design = DesignRegistry.find(name).orElseThrow().factory().create(context);
                    designs.add(design);
                    design.ensureSchema();
                    assertTrue(design.stage(generator.batch(1, batchId)) instanceof StageOutcome.Staged);
                    assertEquals(ActivationOutcome.ACTIVATED, design.activate(batchId));
                }

                JmhRunner.Settings settings = new JmhRunner.Settings(PRODUCTS, RECS, SEED, 2, Duration.ZERO, 1,
                        Duration.ofSeconds(1), 0, 1);
                Map<String, JmhRunner.DesignOutcome> outcomes = new JmhRunner(Home.directory(), Home.schemas(),
                        run, passwordUser(postgres.server()), settings).run(DESIGNS);

                assertTrue(Files.size(run.resolve(JmhRunner.POINT_READ_FILE)) > 0);
                assertTrue(Files.size(run.resolve(JmhRunner.BATCH_STAGE_FILE)) > 0);
                assertEquals(DESIGNS, List.copyOf(outcomes.keySet()));
                for (String name : DESIGNS) {
                    JmhRunner.DesignOutcome outcome = outcomes.get(name);
                    assertNull(outcome.reason(), name + ": " + outcome.reason());
                    assertEquals(JmhRunner.POINT_READ_FILE, outcome.artifacts().get(JmhRunner.ARTIFACT_POINT_READ));
                    assertEquals(JmhRunner.BATCH_STAGE_FILE, outcome.artifacts().get(JmhRunner.ARTIFACT_BATCH_STAGE));

                    RunResults.JmhFigure read = outcome.jmh().pointRead();
                    assertEquals("sample", read.mode());
                    assertEquals(2, read.threads());
                    assertTrue(read.samples() > 0, name + " samples");
                    assertTrue(read.meanMs() > 0 && read.p50Ms() > 0, name + " positive figures");
                    assertTrue(read.p50Ms() <= read.p99Ms() && read.p99Ms() <= read.p999Ms()
                            && read.p999Ms() <= read.maxMs(), name + " p50 <= p99 <= p99.9 <= max: " + read);

                    RunResults.JmhFigure stage = outcome.jmh().batchStage();
                    assertNotNull(stage, name + " batch stage");
                    assertEquals("ss", stage.mode());
                    assertEquals(1, stage.samples());
                    assertTrue(stage.meanMs() > 0);
                }
                // The point-read benchmark only read the loaded schemas; the stage benchmark wrote elsewhere.
                for (StorageDesign design : designs) {
                    assertEquals(Optional.of(batchId), design.activeBatch(), design.name());
                    assertEquals(1, design.batches().size(), design.name());
                }
            } finally {
                designs.forEach(StorageDesign::close);
            }
        }
    }

    /**
     * A superuser that must log in with a password over TCP, so that the benchmarks reach the server only if the
     * password file the suite hands the child works.
     */
    private static PostgresServer passwordUser(PostgresServer server) throws Exception {
        String password = "jmh:pw\\1";
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE jmh_user LOGIN SUPERUSER PASSWORD '" + password + "'");
            Path hba;
            try (ResultSet rows = statement.executeQuery("SHOW hba_file")) {
                rows.next();
                hba = Path.of(rows.getString(1));
            }
            Files.writeString(hba, "host all jmh_user 127.0.0.1/32 scram-sha-256\n"
                    + "host all jmh_user ::1/128 scram-sha-256\n" + Files.readString(hba));
            statement.execute("SELECT pg_reload_conf()");
        }
        Thread.sleep(1000);
        return new PostgresServer(server.jdbcUrl(), "jmh_user", password, "external");
    }

    @Test
    void aMissingJarLeavesEveryDesignWithoutFiguresAndSaysWhy() {
        JmhRunner.Settings settings = new JmhRunner.Settings(PRODUCTS, RECS, SEED, 1, Duration.ZERO, 1,
                Duration.ofSeconds(1), 0, 1);
        Map<String, JmhRunner.DesignOutcome> outcomes = new JmhRunner(run, Home.schemas(), run, null, settings).run(DESIGNS);
        for (String name : DESIGNS) {
            JmhRunner.DesignOutcome outcome = outcomes.get(name);
            assertNull(outcome.jmh());
            assertTrue(outcome.reason().contains("is missing"), outcome.reason());
            assertEquals(outcome.reason(), outcome.artifacts().get(JmhRunner.NOTE_UNAVAILABLE));
        }
    }
}
