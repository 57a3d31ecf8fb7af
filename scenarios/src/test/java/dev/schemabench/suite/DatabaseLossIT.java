package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.internal.Home;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A compare run whose PostgreSQL dies (postmaster and backends killed, as a crash or a lost machine would) at several
 * points: the run ends within seconds, every design says which server was lost, when and in which stage, the stage
 * that was running is failed without figures, the stages after it are not run, results.json is whole, and no JMH or
 * Gatling child is left running. Prints the seconds from the kill to the end of the run; asserts a generous bound.
 * In the scenarios module because the JMH and Gatling stages run from its build output.
 */
@Tag("long")
class DatabaseLossIT {

    /** The target is 10 s; a shared machine gets room, the measured figure is printed. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private static CompareConfig config(String stage) {
        CompareConfig.Builder builder = new CompareConfig.Builder();
        ProfileFile.apply("quick", builder);
        builder.set(CompareConfig.PRODUCTS, "2000", "test").set(CompareConfig.DURATION, "8s", "test")
                .set(CompareConfig.WARMUP, "1s", "test").set(CompareConfig.SLICES, "2", "test")
                .set(CompareConfig.SERVICE_DURATION, "10s", "test").set(CompareConfig.SERVICE_WARMUP, "2s", "test")
                .set(CompareConfig.SETTLE, "3s", "test").set(CompareConfig.HTTP_OVERHEAD_DURATION, "0s", "test")
                .set(CompareConfig.JMH_TIME, "3s", "test")
                .set(CompareConfig.CALIBRATION_BULK, "off", "test").set(CacheOptions.CACHE, "off", "test");
        if (!stage.equals("jmh")) {
            builder.set(CompareConfig.JMH_ITERATIONS, "0", "test");
        }
        if (!stage.equals("service_level")) {
            builder.set(CompareConfig.SERVICE_LEVEL, "off", "test");
        }
        return builder.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"load", "storage_level", "jmh", "service_level", "refresh"})
    void aRunThatLosesItsDatabaseEndsFastAndSaysSo(String stage) throws Exception {
        lose(stage, false);
    }

    /** A server the run did not start and whose process it does not know: watched by TCP connects, every 2 s. */
    @org.junit.jupiter.api.Test
    void aRunThatLosesAServerElsewhereEndsFastToo() throws Exception {
        lose("storage_level", true);
    }

    private void lose(String stage, boolean elsewhere) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
        Path out = Files.createDirectories(temp.resolve("run"));
        CompareSuite suite = new CompareSuite(config(stage),
                () -> elsewhere ? dev.schemabench.db.PostgresHandle.of(postgres.server()) : postgres, Home.schemas());
        AtomicLong killedAt = new AtomicLong();
        Thread killer = new Thread(() -> {
            try {
                while (!stage.equals(suite.currentStage())) {
                    Thread.sleep(5);
                }
                Thread.sleep(stage.equals("load") ? 0 : 2000);
                killedAt.set(System.nanoTime());
                kill(postgres.serverPid());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "database-killer");
        killer.start();
        try {
            CompareSuite.Outcome outcome = assertTimeoutPreemptively(Duration.ofMinutes(4),
                    () -> suite.run(out, "lost-" + stage));
            long ended = System.nanoTime();
            assertTrue(killedAt.get() != 0, "the database was killed during " + stage);
            double seconds = (ended - killedAt.get()) / 1e9;
            System.out.printf(Locale.ROOT, "database%s killed during %s: the run ended %.1f s later%n",
                    elsewhere ? " (watched by TCP)" : "", stage, seconds);
            assertTrue(seconds < BOUND.toSeconds(), "the run ended " + seconds + " s after the kill");
            assertTrue(outcome.anyFailed());

            JsonNode results = ResultsFile.read(out.resolve(ResultsFile.NAME));
            List<String> after = new ArrayList<>();
            boolean past = false;
            for (Stage<?> each : Stages.standard()) {
                if (past) {
                    after.add(each.name());
                }
                past |= each.name().equals(stage);
            }
            for (JsonNode design : results.get("designs")) {
                String name = design.get("name").asText();
                assertEquals(RunResults.FAILED, design.get("status").asText(), name);
                String reason = design.get("reason").asText();
                assertTrue(reason.startsWith("lost postgresql at jdbc:postgresql://"), name + ": " + reason);
                assertTrue(reason.contains("found unreachable at "), name + ": " + reason);
                JsonNode stages = design.get("stages");
                JsonNode during = stages.get(stage);
                if (during != null && !during.get("status").asText().equals("not_run")) {
                    assertEquals("failed", during.get("status").asText(), name + " " + stage + ": " + during);
                }
                for (String later : after) {
                    assertEquals("not_run", stages.get(later).get("status").asText(), name + " " + later);
                }
            }
            if (stage.equals("storage_level") || stage.equals("load")) {
                for (JsonNode design : results.get("designs")) {
                    assertTrue(design.get("storage_level").isNull(), "no storage figures as measured: " + design);
                }
            }
            if (stage.equals("service_level")) {
                for (JsonNode design : results.get("designs")) {
                    assertTrue(design.get("service_level").isNull(), "no service figures as measured: " + design);
                }
            }
            List<ProcessHandle> children = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                    .filter(child -> child.info().command().orElse("").endsWith("java")).toList();
            assertTrue(children.isEmpty(), "no JMH or Gatling child left: " + children);
        } finally {
            killer.interrupt();
            suite.close();
            postgres.close();
        }
    }

    /** Kills the postmaster and every backend at once, as a crash of the server's machine would. */
    private static void kill(OptionalLong postmaster) {
        ProcessHandle server = ProcessHandle.of(postmaster.orElseThrow()).orElseThrow();
        List<ProcessHandle> tree = new ArrayList<>(server.descendants().toList());
        server.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }
}
