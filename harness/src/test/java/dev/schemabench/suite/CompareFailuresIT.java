package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.internal.Home;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults during a run: the run ends, failed designs say why, results are still written whole. */
class CompareFailuresIT {

    @TempDir
    Path temp;

    private static CompareConfig config(String designs) {
        CompareConfig.Builder builder = new CompareConfig.Builder();
        ProfileFile.apply("quick", builder);
        builder.set(CompareConfig.PRODUCTS, "2000", "test").set(CompareConfig.DURATION, "20s", "test")
                .set(CompareConfig.WARMUP, "1s", "test").set(CompareConfig.RATE, "200", "test")
                .set(CompareConfig.DESIGNS, designs, "test")
                // Gatling and JMH have their own end-to-end tests; these test storage-level failures.
                .set(CompareConfig.SERVICE_LEVEL, "off", "test")
                .set(CacheOptions.CACHE, "off", "test").set(CompareConfig.JMH_ITERATIONS, "0", "test")
                .set(CompareConfig.CALIBRATION_RATE, "0", "test");
        return builder.build();
    }

    @Test
    void serverDyingMidRunFailsTheDesignsAndStillWritesResults() {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
        Path out = temp.resolve("run");
        CompareSuite suite = new CompareSuite(config("jsonb,normalized"), () -> postgres, Home.schemas());
        Thread killer = new Thread(() -> {
            try {
                while (!Files.exists(out.resolve("histograms").resolve("storage-normalized.hlog"))) {
                    Thread.sleep(50);
                }
                Thread.sleep(1500);
                postgres.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            Files.createDirectories(out);
            killer.start();
            CompareSuite.Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(120),
                    () -> suite.run(out, "killed"));
            assertTrue(outcome.anyFailed());
            JsonNode results = ResultsFile.read(out.resolve("results.json"));
            for (JsonNode design : results.get("designs")) {
                assertEquals(RunResults.FAILED, design.get("status").asText(), design.toString());
                assertTrue(design.get("reason").asText().startsWith("lost postgresql at jdbc:postgresql://"),
                        "the reason names the server that was lost: " + design.get("reason"));
                assertTrue(design.get("footprint").isObject(), "figures measured before the failure are kept");
                assertEquals("not_run", design.get("stages").get("refresh").get("status").asText(),
                        "no stage runs against the dead server");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            killer.interrupt();
            suite.close();
            postgres.close();
        }
    }

    @Test
    void aDesignGivingWrongAnswersIsFailedAndNotTimedWhileTheOthersRun() throws IOException {
        Path schemas = temp.resolve("schemas");
        copyTree(Home.schemas(), schemas);
        Path queries = schemas.resolve("normalized").resolve("queries.sql");
        Files.writeString(queries, Files.readString(queries).replace("ORDER BY s.rank\n", "ORDER BY s.rank DESC\n"));

        Path out = Files.createDirectories(temp.resolve("run"));
        CompareConfig config = new CompareConfig.Builder().set(CompareConfig.PRODUCTS, "2000", "test")
                .set(CompareConfig.DURATION, "3s", "test").set(CompareConfig.WARMUP, "1s", "test")
                .set(CompareConfig.RATE, "200", "test").set(CompareConfig.SLICES, "2", "test")
                .set(CompareConfig.SERVICE_LEVEL, "off", "test")
                .set(CacheOptions.CACHE, "off", "test").set(CompareConfig.JMH_ITERATIONS, "0", "test")
                .set(CompareConfig.CALIBRATION_RATE, "0", "test").build();
        CompareSuite suite = new CompareSuite(config,
                () -> PostgresProvisioner.provision(PostgresProvisioner.Request.embedded()), schemas);
        try {
            CompareSuite.Outcome outcome = suite.run(out, "wrong-answers");
            assertTrue(outcome.anyFailed());
            JsonNode designs = ResultsFile.read(out.resolve("results.json")).get("designs");
            assertEquals(RunResults.MEASURED, designs.get(0).get("status").asText());
            assertNotNull(designs.get(0).get("storage_level").get("p99_ms"));
            JsonNode normalized = designs.get(1);
            assertEquals(RunResults.FAILED, normalized.get("status").asText());
            assertTrue(normalized.get("reason").asText().contains("answers differ"), normalized.toString());
            assertTrue(normalized.get("storage_level").isNull(), "a design that disagrees is not timed");
        } finally {
            suite.close();
        }
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
