package dev.schemabench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.suite.ServiceBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code service-bench} end to end on a small catalog: wrk through the real service, pgbench on the same server, one
 * round each way. Rates are never compared with a bound (a shared machine); only that every figure is there and
 * sane, and that bad input is one line and exit 2. Needs wrk and pgbench, which .ci/run installs.
 */
class ServiceBenchCommandIT {

    @TempDir
    Path temp;

    @Test
    void twoRoundsGiveBothSidesFiguresAndTheServicesCpuPerRequest() throws Exception {
        assumeTrue(ServiceBenchmark.wrkOnPath() != null && ServiceBenchmark.pgbenchOnPath(),
                "wrk and pgbench are on the PATH");
        CliRun run = CliRun.of("service-bench", "--products", "2000", "--duration", "3s", "--rounds", "2",
                "--out", temp.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode result = ResultsFile.mapper().readTree(Files.readString(temp.resolve("service-bench.json")));
        assertEquals(2, result.path("rounds").size());
        for (JsonNode round : result.path("rounds")) {
            JsonNode service = round.path("service");
            assertTrue(service.path("rate_per_s").asDouble() > 0, round::toString);
            assertEquals(0, service.path("errors").asLong(), round::toString);
            assertTrue(service.path("p50_ms").asDouble() <= service.path("p99_ms").asDouble(), round::toString);
            assertTrue(service.path("service_cpu_us_per_request").asDouble() > 0, round::toString);
            assertTrue(round.path("pgbench").path("rate_per_s").asDouble() > 0, round::toString);
            assertEquals(service.path("rate_per_s").asDouble() / round.path("pgbench").path("rate_per_s").asDouble(),
                    round.path("ratio").asDouble(), 0.001, round::toString);
        }
        assertTrue(result.path("rounds").get(0).path("service_first").asBoolean());
        assertFalse(result.path("rounds").get(1).path("service_first").asBoolean(), "the sides take turns");
        assertTrue(run.out().contains("Service over pgbench, median of 2 rounds"), run.out());
    }

    @Test
    void aDesignOnAnotherEngineOrAZeroDurationIsOneLineAndExitTwo() {
        CliRun mongo = CliRun.of("service-bench", "--design", "mongo", "--out", temp.toString());
        assertEquals(ExitCode.USAGE, mongo.exitCode(), mongo.err());
        assertTrue(mongo.err().contains("pgbench needs a PostgreSQL design"), mongo.err());
        CliRun zero = CliRun.of("service-bench", "--duration", "0s", "--out", temp.toString());
        assertEquals(ExitCode.USAGE, zero.exitCode(), zero.err());
        assertEquals(1, zero.err().strip().lines().count(), zero.err());
        assertFalse(Files.exists(temp.resolve("service-bench.json")), "nothing written");
    }
}
