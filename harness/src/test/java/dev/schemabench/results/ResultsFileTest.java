package dev.schemabench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.json is written and read back by the same records; files of the current release load unchanged. */
class ResultsFileTest {

    /** A results.json recorded by a real quick run of the current release (also the report's fixture). */
    static final Path GOLDEN = Path.of(System.getProperty("schemabench.home", ".."))
            .resolve("harness/src/test/resources/report/run/results.json").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void theRecordedGoldenFileLoadsIntoTheTypedModel() {
        RunResults results = ResultsFile.load(GOLDEN);
        assertEquals(1, results.schemaVersion());
        assertEquals(List.of("jsonb", "normalized", "jsonb_compact", "mongo"),
                results.designs().stream().map(RunResults.Design::name).toList());
        RunResults.Design jsonb = results.design("jsonb");
        assertTrue(jsonb.measured());
        assertEquals(16.703, jsonb.storageLevel().p99Ms());
        assertEquals(12_828_672L, jsonb.footprint().totalBytes());
        assertEquals("histograms/storage-jsonb.hlog", jsonb.artifacts().get(Metric.STORAGE_LOG));
        assertEquals(RunResults.FAILED, results.design("jsonb_compact").status());
        assertNull(results.design("mongo").storageLevel(), "a figure that was not measured stays null");
        assertNull(results.design("cassandra"));
        assertEquals(results.run().seed(), ((Number) results.run().environmentEntry("data", "seed")).longValue());
        assertNull(results.run().environmentEntry("data", "no such entry", "deeper"));
    }

    @Test
    void readingTheGoldenFileLosesNothing() throws IOException {
        RunResults results = ResultsFile.load(GOLDEN);
        Path written = ResultsFile.write(temp, results);
        JsonNode original = ResultsFile.read(GOLDEN);
        JsonNode again = ResultsFile.read(written);
        assertEquals(List.of("/designs/1/calibration/rounds: (absent) vs 0"), differences("", original, again),
                "the golden file, read into the records and written again, keeps every field it has; of the fields"
                        + " it lacks (it was recorded before they existed) only a primitive count reads as 0");
    }

    @Test
    void aWrittenRunReadsBackEqual() throws IOException {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("cpus", 2);
        environment.put("data", Map.of("seed", 42, "batch_sha256", "abc"));
        RunResults.FigureInterval p50 = new RunResults.FigureInterval(0.4, 0.38, 0.43, 0.95, 12_000, 6_000, null);
        RunResults.FigureInterval p999 = new RunResults.FigureInterval(null, null, null, 0.95, 12_000, 5,
                "not enough reads: 5 above P99.9 of 12,000 (10 needed)");
        RunResults.Latency latency = new RunResults.Latency(0.4, 0.9, 1.5, 3.25, 7.0, 0.5, 12_000, 1, 399.5, 400.0,
                800, 6).withIntervals(new RunResults.LatencyIntervals(p50, p50, p50, p999, p50, 30, "bootstrap"));
        RunResults.Footprint footprint = new RunResults.Footprint(8192, 0, 4096, 12_288, 4.096,
                List.of(new RunResults.IndexSize("items_pkey", "items", 4096, null)),
                List.of(new RunResults.RelationSize("items", 8192, 0, 4096)));
        RunResults.RefreshReads reads = new RunResults.RefreshReads(100, 40, 2.5, 0, 1, 0);
        RunResults.Refresh refresh = new RunResults.Refresh("b2", 120.5, 3.0, 2.5, null, 400.0, reads, false,
                List.of(new RunResults.PhaseLatency("staging", 40, 0, 0.5, 2.5, 3.0)),
                List.of(new RunResults.RefreshEvent("stage", 1.0, 120.5)),
                List.of(new RunResults.TimelinePoint(0, 1, "before", 400, 0.4, 1.2, 2.0)));
        RunResults.Jmh jmh = new RunResults.Jmh(new RunResults.JmhFigure("pointRead", "sample", 2, 1000, 0.1, 0.01,
                0.09, 0.3, 0.9, 1.5), null);
        RunResults.Design measured = new RunResults.Design("jsonb", "one row per product", RunResults.MEASURED, null,
                latency, footprint, new RunResults.Load(3000, 812.5, 4.0), new RunResults.Equivalence(200, null),
                ResultsFile.mapper().readTree("[{\"Plan\":{\"Node Type\":\"Index Scan\"}}]"),
                Map.of(Metric.STORAGE_LOG, "histograms/storage-jsonb.hlog"), refresh, null, null,
                new RunResults.Cpu(10, 4.5, null, 2, null).withReads(9000), null, null, null,
                "service_level = off", jmh,
                new PlanSummary(List.of("Index Scan"), 4, 0, 0.05), null, "no pgbench on PATH", null, null, null, null,
                null, null);
        RunResults.Design skipped = new RunResults.Design("mongo", null, RunResults.SKIPPED, "no MongoDB", null, null,
                null, null, null, Map.of(), null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        RunResults results = new RunResults(RunResults.SCHEMA_VERSION, new RunResults.Run("run-1",
                "2026-01-01T00:00:00Z", null, "quick", 42, 3000, 20, environment, Map.of("rate", 400.0),
                Map.of("rate", "profile quick")), List.of(measured, skipped));

        Path file = ResultsFile.write(temp, results);
        RunResults read = ResultsFile.load(file);

        assertEquals(results, read);
        RunResults.Design jsonb = read.design("jsonb");
        assertEquals(500.0, jsonb.cpu().harnessUsPerRead(), "4.5 CPU-seconds over 9,000 reads");
        assertTrue(Files.readString(file).contains("\"harness_us_per_read\" : 500.0"), "written for readers");
        assertEquals(0.38, Metric.STORAGE_P50.intervalIn(jsonb).low());
        assertEquals("not enough reads: 5 above P99.9 of 12,000 (10 needed)",
                Metric.STORAGE_P999.intervalIn(jsonb).reason());
        assertEquals(null, Metric.STORAGE_P999.intervalIn(jsonb).value());
        assertEquals(null, Metric.SERVICE_P99.intervalIn(jsonb), "no service level");
        assertEquals(null, Metric.TOTAL_BYTES.intervalIn(jsonb), "sizes carry no interval");
    }

    /** Paths where two trees differ, with both values. */
    static List<String> differences(String path, JsonNode expected, JsonNode actual) {
        List<String> differences = new java.util.ArrayList<>();
        if (expected.isObject() && actual.isObject()) {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                differences.addAll(differences(path + "/" + name, expected.path(name), actual.path(name)));
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                differences.addAll(differences(path + "/" + i, expected.get(i), actual.get(i)));
            }
        } else if (expected.isMissingNode() && actual.isNull()) {
            return differences;
        } else if (!expected.equals(actual)) {
            differences.add(path + ": " + (expected.isMissingNode() ? "(absent)" : expected) + " vs " + actual);
        }
        return differences;
    }

    @Test
    void unknownFieldsAreIgnoredAndAbsentOnesAreNull() throws IOException {
        Path file = temp.resolve("results.json");
        Files.writeString(file, "{\"schema_version\": 1, \"run\": {\"id\": \"r\", \"from_a_newer_release\": true},"
                + " \"designs\": [{\"name\": \"jsonb\", \"status\": \"measured\", \"cache\": {\"hits\": 3},"
                + " \"footprint\": {\"total_bytes\": 10}}]}");
        RunResults results = ResultsFile.load(file);
        RunResults.Design design = results.designs().get(0);
        assertEquals("r", results.run().id());
        assertNull(results.run().profile());
        assertNull(design.storageLevel());
        assertNull(Metric.STORAGE_P99.valueIn(design));
        assertEquals(10.0, Metric.TOTAL_BYTES.valueIn(design));
    }

    @Test
    void aValueOfTheWrongTypeIsOneLineNamingTheField() throws IOException {
        Path file = temp.resolve("results.json");
        Files.writeString(file, "{\"schema_version\": 1, \"run\": {\"id\": \"r\"}, \"designs\": [{\"name\": \"jsonb\","
                + " \"storage_level\": {\"p99_ms\": [1, 2]}}]}");
        assertEquals(file + ": field designs[0].storage_level.p99_ms: expected a number",
                assertThrows(IllegalArgumentException.class, () -> ResultsFile.load(file)).getMessage());
        Files.writeString(file, "{\"schema_version\": 1, \"run\": {\"id\": \"r\"}, \"designs\": [{\"name\": \"jsonb\","
                + " \"refresh\": \"yesterday\"}]}");
        assertEquals(file + ": field designs[0].refresh: expected an object",
                assertThrows(IllegalArgumentException.class, () -> ResultsFile.load(file)).getMessage());
    }

    @Test
    void anotherSchemaVersionOrNoDesignsIsRefused() throws IOException {
        Path file = temp.resolve("results.json");
        Files.writeString(file, "{\"schema_version\": 2, \"run\": {}, \"designs\": []}");
        assertEquals(file + ": schema_version 2 is not supported (this SchemaBench reads version 1)",
                assertThrows(IllegalArgumentException.class, () -> ResultsFile.load(file)).getMessage());
        Files.writeString(file, "{\"schema_version\": 1, \"run\": {}}");
        assertEquals(file + ": not a SchemaBench results file (no run or designs)",
                assertThrows(IllegalArgumentException.class, () -> ResultsFile.load(file)).getMessage());
    }

    @Test
    void everyMetricIdIsUniqueAndTheGatesIdsAreKept() {
        assertTrue(Metric.ALL.keySet().containsAll(List.of("storage.p50_ms", "storage.p99_ms", "storage.p999_ms",
                "storage.throughput_ops_s", "storage.errors", "service.p50_ms", "service.p99_ms", "service.p999_ms",
                "service.throughput_ops_s", "service.errors", "jmh.point_read_mean_ms", "jmh.point_read_p99_ms",
                "jmh.batch_stage_mean_ms", "footprint.total_bytes", "footprint.index_bytes",
                "footprint_after_churn.total_bytes", "load.stage_ms", "load.activate_ms", "refresh.stage_ms",
                "refresh.activate_ms", "refresh.p99_ms")), Metric.ALL.keySet().toString());
    }

    @Test
    void everyMetricReadsItsFigureFromTheGoldenFile() {
        RunResults.Design jsonb = ResultsFile.load(GOLDEN).design("jsonb");
        JsonNode tree = ResultsFile.read(GOLDEN).get("designs").get(0);
        assertEquals(tree.at("/storage_level/p50_ms").asDouble(), Metric.STORAGE_P50.valueIn(jsonb));
        assertEquals(tree.at("/footprint_after_churn/after_cleanup/total_bytes").asDouble(),
                Metric.TOTAL_BYTES_AFTER_CHURN.valueIn(jsonb));
        JsonNode reads = tree.at("/refresh/reads_during_refresh");
        assertEquals(reads.get("errors").asDouble() + reads.get("empty").asDouble() + reads.get("mixed").asDouble(),
                Metric.REFRESH_BAD_READS.valueIn(jsonb));
        assertEquals(tree.at("/refresh/reads_during_refresh/p99_ms").asDouble(), Metric.REFRESH_P99.valueIn(jsonb));
        assertNull(Metric.SERVICE_P99.valueIn(jsonb), "the fixture has no service level");
    }
}
