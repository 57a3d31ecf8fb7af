package dev.schemabench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.cli.Main;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresHandle;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.internal.Home;
import dev.schemabench.suite.CacheOptions;
import dev.schemabench.suite.CompareConfig;
import dev.schemabench.suite.CompareSuite;
import dev.schemabench.suite.ProfileFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate over real runs: two runs of the same code pass against each other; a run in which the jsonb design lost
 * the partial index its read depends on fails. Three small comparisons on one embedded PostgreSQL, each with about
 * fifteen one-second intervals per design, so the noise model has data; the shipped gate.yaml decides.
 */
@Tag("long")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateEndToEndIT {

    @TempDir
    static Path temp;

    private EmbeddedPostgres postgres;
    private Path baseline;
    private Path again;
    private Path lostIndex;

    @BeforeAll
    void runThreeComparisons() throws IOException {
        postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
        Path schemas = temp.resolve("schemas");
        copyTree(Home.schemas(), schemas);
        Path indexes = schemas.resolve("jsonb").resolve("indexes.sql");
        String original = Files.readString(indexes);
        String without = original.replaceAll("(?s)CREATE UNIQUE INDEX product_similarities_active_idx.*?;\\s*", "");
        assertTrue(!without.equals(original) && !without.contains("product_similarities_active_idx ON"),
                "the partial index was removed");
        Files.writeString(indexes, without);

        baseline = run("baseline", Home.schemas());
        lostIndex = run("lost-index", schemas);
        again = run("again", Home.schemas());
    }

    @AfterAll
    void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private Path run(String id, Path schemasRoot) throws IOException {
        CompareConfig.Builder builder = new CompareConfig.Builder();
        ProfileFile.apply("quick", builder);
        // 2 slices of 8 s at 300 reads/s: about 15 one-second intervals of 300 reads per design, above the
        // shipped min_intervals (10), so the noise model decides rather than "no noise data".
        builder.set(CompareConfig.PRODUCTS, "2000", "test").set(CompareConfig.DURATION, "16s", "test")
                .set(CompareConfig.WARMUP, "1s", "test").set(CompareConfig.RATE, "300", "test")
                .set(CompareConfig.SLICES, "2", "test").set(CompareConfig.SETTLE, "1s", "test")
                .set(CompareConfig.CHURN_WEEKS, "1", "test")
                // The gate's storage-level rules are under test; the service level, JMH and calibration have their
                // own tests and would triple this one's time.
                .set(CompareConfig.SERVICE_LEVEL, "off", "test")
                .set(CacheOptions.CACHE, "off", "test").set(CompareConfig.JMH_ITERATIONS, "0", "test")
                .set(CompareConfig.CALIBRATION_RATE, "0", "test");
        PostgresHandle shared = new PostgresHandle() {
            @Override
            public PostgresServer server() {
                return postgres.server();
            }

            @Override
            public OptionalLong serverPid() {
                return postgres.serverPid();
            }

            @Override
            public void close() {
                // shared by the three runs; stopped after all of them
            }
        };
        CompareSuite suite = new CompareSuite(builder.build(), () -> shared, schemasRoot);
        Path out = Files.createDirectories(temp.resolve(id));
        try {
            CompareSuite.Outcome outcome = suite.run(out, id);
            assertTrue(!outcome.anyFailed(), id + ": " + outcome.results().designs());
        } finally {
            suite.close();
        }
        return out.resolve("results.json");
    }

    private record Gated(int exitCode, String out) {
    }

    private Gated gate(Path reference, Path current, String outName) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            int code = Main.run("gate", "--baseline", reference.toString(), "--current", current.toString(),
                    "--config", Home.directory().resolve("gate.yaml").toString(), "--out",
                    temp.resolve(outName).toString());
            return new Gated(code, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
            System.out.println(buffer.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Two runs of the same code pass on every noise-aware metric, with no second try: a shared machine that is
     * slower during one whole run slows both designs alike, and the gate judges each design's change against the
     * other's (on the 2-core build machine the same code's storage P99 once went from 2.4 to 4.2 ms between such
     * runs, which a design's own change alone would call a regression).
     */
    @Test
    void twoRunsOfTheSameCodePassAgainstEachOtherOnTheNoiseAwareMetrics() throws IOException {
        Gated gated = gate(baseline, again, "same-out");
        assertEquals(0, gated.exitCode(), gated.out());
        for (String design : new String[] {"jsonb", "normalized"}) {
            String p99 = gated.out().lines().filter(line -> line.contains(" " + design + " ")
                    && line.contains("storage.p99_ms")).findFirst().orElseThrow();
            assertTrue(p99.contains("P99 pooled over") && p99.contains("against the change of"),
                    "compared with the noise model, against the other design: " + p99);
        }
        assertTrue(Files.readString(temp.resolve("same-out").resolve("gate.md")).contains("performance gate: PASS"));
        assertTrue(Files.readString(temp.resolve("same-out").resolve("gate-junit.xml")).contains("failures=\"0\""));
    }

    @Test
    void aRunWhoseJsonbReadLostItsIndexFailsOnThePlanShape() throws IOException {
        Gated gated = gate(baseline, lostIndex, "lost-out");
        assertEquals(1, gated.exitCode(), gated.out());
        String plan = gated.out().lines().filter(line -> line.contains(" jsonb ") && line.contains("plan.shape"))
                .findFirst().orElseThrow();
        assertTrue(plan.startsWith("PLAN CHANGED"), plan);
        assertTrue(plan.contains("baseline [Index Scan (product_similarities_active_idx)] -> current ["), plan);
        assertTrue(!plan.substring(plan.indexOf("-> current")).contains("product_similarities_active_idx"), plan);
        String junit = Files.readString(temp.resolve("lost-out").resolve("gate-junit.xml"));
        assertTrue(junit.contains("<testcase classname=\"schemabench.gate.jsonb\" name=\"plan.shape\""), junit);
        assertTrue(junit.contains("<failure type=\"PLAN_CHANGED\""), junit);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
