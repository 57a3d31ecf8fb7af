package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.design.DesignContext;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.internal.Home;
import dev.schemabench.measure.CpuMeter;
import dev.schemabench.results.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The service level end to end: the service over a loaded design on the embedded PostgreSQL, Gatling in a child JVM
 * from the built scenarios (this module's {@code target/classes} and {@code target/classpath.txt}), tiny settings.
 * Timings are never asserted, only that figures exist, are ordered, and that the refresh was clean.
 */
class ServiceLevelRunnerIT {

    private static final CatalogSpec CATALOG = new CatalogSpec(500, 10, 42L, 0.3);
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonb", "normalized"})
    void gatlingMeasuresTheServiceAndTheRefreshIsZeroDowntime(String name, @TempDir Path run) throws Exception {
        assertEquals(Optional.empty(), ServiceLevelRunner.unavailable(Home.directory()), "the scenarios are built");
        try (StorageDesign design = DesignRegistry.find(name).orElseThrow().factory()
                .create(new DesignContext(Home.schemas(), postgres::server, 3))) {
            design.dropSchema();
            design.ensureSchema();
            design.stage(new CatalogGenerator(CATALOG).batch(1));
            design.activate(CatalogGenerator.defaultBatchId(1));

            ServiceLevelRunner stage = new ServiceLevelRunner(Home.directory(), run, CATALOG,
                    new ServiceLevelRunner.Settings(50, Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(1),
                            10, 100_000),
                    () -> postgres.serverPid().stream().mapToObj(CpuMeter::treeTicks).findFirst()
                            .orElse(OptionalLong.empty()));
            Map<String, String> artifacts = new LinkedHashMap<>();
            ServiceLevelRunner.Outcome outcome = stage.run(name, design, artifacts);

            assertNull(outcome.failure(), outcome::failure);
            RunResults.Latency latency = outcome.latency();
            assertNotNull(latency);
            assertTrue(latency.p50Ms() > 0, latency::toString);
            assertTrue(latency.p50Ms() <= latency.p99Ms() && latency.p99Ms() <= latency.maxMs(), latency::toString);
            assertTrue(latency.ops() > 0 && latency.throughputOpsS() > 0, latency::toString);
            assertEquals(0, latency.errors(), latency::toString);
            assertEquals(50.0, latency.targetRateOpsS());
            RunResults.MeasurementChecks checks = latency.checks();
            assertNotNull(checks, "the service window is checked");
            assertEquals("fixed", checks.warmup());
            assertEquals(latency.ops() + latency.errors(), checks.sends(), "every measured read's start was noted");
            assertTrue(checks.lateThresholdMs() >= 1 && checks.maxSendLagMs() >= checks.p99SendLagMs(),
                    checks::toString);

            RunResults.Cpu cpu = outcome.cpu();
            assertNotNull(cpu);
            assertTrue(cpu.wallS() > 0 && cpu.harnessS() >= 0, cpu::toString);
            assertNotNull(cpu.loadGeneratorS(), "Gatling's CPU is observable on Linux");
            assertTrue(cpu.loadGeneratorS() > 0, cpu::toString);

            RunResults.ServiceRefresh refresh = outcome.refresh();
            assertNotNull(refresh);
            RunResults.RefreshReads reads = refresh.readsDuringRefresh();
            assertTrue(reads.ops() > 0, reads::toString);
            assertEquals(0, reads.errors(), reads::toString);
            assertEquals(0, reads.empty(), reads::toString);
            assertEquals(0, reads.mixed(), reads::toString);
            assertTrue(refresh.zeroDowntime());
            assertEquals("svc-week-0002", refresh.batchId());
            assertTrue(refresh.stageMs() > 0 && refresh.activateMs() > 0 && refresh.rollbackMs() > 0);
            assertEquals(Optional.of(CatalogGenerator.defaultBatchId(1)), design.activeBatch());

            for (String kind : new String[] {"gatling_report_similar_products", "gatling_report_refresh",
                "service_histogram_log", "service_send_lag_log"}) {
                String relative = artifacts.get(kind);
                assertNotNull(relative, kind + " in " + artifacts);
                assertTrue(relative.startsWith("gatling/" + name + "/"), relative);
                assertTrue(Files.isRegularFile(run.resolve(relative)), relative);
            }
            assertTrue(artifacts.get("gatling_report_similar_products").endsWith("index.html"));
        }
    }

    @org.junit.jupiter.api.Test
    void theCapacitySweepStopsAtTheFirstRateOverTheSlo(@TempDir Path run) {
        try (StorageDesign design = DesignRegistry.find("jsonb").orElseThrow().factory()
                .create(new DesignContext(Home.schemas(), postgres::server, 3))) {
            design.dropSchema();
            design.ensureSchema();
            design.stage(new CatalogGenerator(CATALOG).batch(1));
            design.activate(CatalogGenerator.defaultBatchId(1));
            ServiceLevelRunner stage = new ServiceLevelRunner(Home.directory(), run, CATALOG,
                    new ServiceLevelRunner.Settings(20, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1),
                            10, 100),
                    OptionalLong::empty);

            RunResults.Capacity generous = stage.sweep("jsonb", design, java.util.List.of(20.0, 40.0),
                    Duration.ofSeconds(2), 60_000);
            assertEquals(2, generous.points().size(), generous::toString);
            assertEquals(40.0, generous.highestRateWithinSlo(), generous::toString);
            assertTrue(generous.points().stream().allMatch(RunResults.CapacityPoint::withinSlo));

            RunResults.Capacity impossible = stage.sweep("jsonb", design, java.util.List.of(20.0, 40.0),
                    Duration.ofSeconds(2), 0.000_001);
            assertEquals(1, impossible.points().size(), "the sweep stops at the first rate over the SLO");
            assertNull(impossible.highestRateWithinSlo());
            assertTrue(impossible.stoppedBecause().contains("exceeded the SLO"), impossible.stoppedBecause());
        }
    }
}
