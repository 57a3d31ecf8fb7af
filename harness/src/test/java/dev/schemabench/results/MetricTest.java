package dev.schemabench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one metric catalogue: every accessor reads the figure its id names, and absent parts read as null. */
class MetricTest {

    /** Where each metric's figure lives in a design object of results.json, written out independently here. */
    private static final Map<String, String> POINTERS = Map.ofEntries(
            Map.entry("storage.p50_ms", "/storage_level/p50_ms"),
            Map.entry("storage.p99_ms", "/storage_level/p99_ms"),
            Map.entry("storage.p999_ms", "/storage_level/p999_ms"),
            Map.entry("storage.throughput_ops_s", "/storage_level/throughput_ops_s"),
            Map.entry("storage.errors", "/storage_level/errors"),
            Map.entry("service.p50_ms", "/service_level/p50_ms"),
            Map.entry("service.p99_ms", "/service_level/p99_ms"),
            Map.entry("service.p999_ms", "/service_level/p999_ms"),
            Map.entry("service.throughput_ops_s", "/service_level/throughput_ops_s"),
            Map.entry("service.errors", "/service_level/errors"),
            Map.entry("jmh.point_read_mean_ms", "/jmh/point_read/mean_ms"),
            Map.entry("jmh.point_read_p99_ms", "/jmh/point_read/p99_ms"),
            Map.entry("jmh.batch_stage_mean_ms", "/jmh/batch_stage/mean_ms"),
            Map.entry("footprint.total_bytes", "/footprint/total_bytes"),
            Map.entry("footprint.index_bytes", "/footprint/index_bytes"),
            Map.entry("footprint.bytes_per_product", "/footprint/bytes_per_product"),
            Map.entry("footprint_after_churn.total_bytes", "/footprint_after_churn/after_cleanup/total_bytes"),
            Map.entry("load.stage_ms", "/load/stage_ms"),
            Map.entry("load.activate_ms", "/load/activate_ms"),
            Map.entry("refresh.stage_ms", "/refresh/stage_ms"),
            Map.entry("refresh.activate_ms", "/refresh/activate_ms"),
            Map.entry("refresh.rollback_ms", "/refresh/rollback_ms"),
            Map.entry("refresh.p99_ms", "/refresh/reads_during_refresh/p99_ms"),
            Map.entry("updates.apply_p99_ms", "/product_updates/strategies/1/latency/p99_ms"),
            Map.entry("updates.apply_fan_out_mean", "/product_updates/strategies/1/fan_out/mean"),
            Map.entry("updates.apply_wal_bytes_per_update", "/product_updates/strategies/1/wal_bytes_per_update"),
            Map.entry("updates.apply_read_p99_ms", "/product_updates/strategies/1/reads_during/p99_ms"),
            Map.entry("updates.apply_stale_reads", "/product_updates/strategies/1/freshness/stale_reads"),
            Map.entry("cache.hit_ratio", "/cache/cells/0/hit_ratio"),
            Map.entry("cache.p99_ms", "/cache/cells/0/p99_ms"));

    @TempDir
    Path temp;

    /** The golden file's jsonb design with every part a metric reads, each figure distinct. */
    private Path everyPart() throws IOException {
        JsonNode root = ResultsFile.read(ResultsFileTest.GOLDEN);
        ObjectNode jsonb = (ObjectNode) root.get("designs").get(0);
        ObjectNode service = jsonb.putObject("service_level");
        jsonb.get("storage_level").properties().forEach(field -> service.put(field.getKey(),
                field.getValue().asDouble() * 3 + 1));
        service.put("errors", 7);
        jsonb.putObject("cache").putArray("cells").addObject().put("kind", "caffeine").put("policy", "versioned")
                .put("hit_ratio", 0.61).put("p99_ms", 0.42);
        ObjectNode jmh = jsonb.putObject("jmh");
        jmh.putObject("point_read").put("mean_ms", 0.11).put("error_ms", 0.01).put("p99_ms", 0.33);
        jmh.putObject("batch_stage").put("mean_ms", 812.5).put("error_ms", 20.5);
        ObjectNode reads = (ObjectNode) jsonb.get("refresh").get("reads_during_refresh");
        reads.put("errors", 2).put("empty", 3).put("mixed", 5);
        ObjectNode updates = jsonb.putObject("product_updates").put("rate_per_s", 20).put("skew", "reads");
        updates.putArray("strategies").addObject().put("strategy", "defer").put("updates", 80)
                .putObject("freshness").put("stale_reads", 400);
        ObjectNode apply = ((com.fasterxml.jackson.databind.node.ArrayNode) updates.get("strategies")).addObject()
                .put("strategy", "apply").put("updates", 80).put("wal_bytes_per_update", 51234.5);
        apply.putObject("latency").put("count", 80).put("p50_ms", 3.5).put("p99_ms", 41.25);
        apply.putObject("fan_out").put("mean", 123.4).put("max", 2000);
        apply.putObject("reads_during").put("phase", "during_updates").put("p99_ms", 7.75);
        apply.putObject("freshness").put("stale_reads", 1);
        Path file = temp.resolve("results.json");
        Files.writeString(file, ResultsFile.mapper().writeValueAsString(root));
        return file;
    }

    @Test
    void everyMetricReadsTheFigureItsIdNames() throws IOException {
        Path file = everyPart();
        JsonNode tree = ResultsFile.read(file).get("designs").get(0);
        RunResults.Design design = ResultsFile.load(file).designs().get(0);
        Map<String, String> unchecked = new HashMap<>(POINTERS);
        for (Metric metric : Metric.ALL.values()) {
            Double value = metric.valueIn(design);
            assertNotNull(value, metric.id());
            if (metric.equals(Metric.REFRESH_BAD_READS)) {
                assertEquals(2.0 + 3 + 5, value);
                continue;
            }
            String pointer = unchecked.remove(metric.id());
            assertNotNull(pointer, metric.id() + " has no pointer in this test");
            assertTrue(tree.at(pointer).isNumber(), pointer);
            assertEquals(tree.at(pointer).asDouble(), value, metric.id());
        }
        assertTrue(unchecked.isEmpty(), "metrics this test expects but the catalogue lacks: " + unchecked.keySet());
        assertEquals(0.01, Metric.JMH_POINT_READ_MEAN.noise().error().apply(design));
        assertEquals(20.5, Metric.JMH_BATCH_STAGE_MEAN.noise().error().apply(design));
    }

    @Test
    void aDesignWithoutFiguresReadsNullEverywhere() throws IOException {
        Path file = temp.resolve("results.json");
        Files.writeString(file, "{\"schema_version\": 1, \"run\": {\"id\": \"r\"}, \"designs\": [{\"name\": \"mongo\","
                + " \"status\": \"skipped\", \"refresh\": {\"stage_ms\": 1.5}, \"jmh\": {}}]}");
        RunResults.Design design = ResultsFile.load(file).designs().get(0);
        for (Metric metric : Metric.ALL.values()) {
            if (metric.equals(Metric.REFRESH_STAGE) || metric.equals(Metric.REFRESH_ACTIVATE)
                    || metric.equals(Metric.REFRESH_ROLLBACK)) {
                continue;
            }
            assertNull(metric.valueIn(design), metric.id());
            if (metric.noise().error() != null) {
                assertNull(metric.noise().error().apply(design), metric.id());
            }
        }
        assertEquals(1.5, Metric.REFRESH_STAGE.valueIn(design));
    }

    @Test
    void intervalMetricsNameTheLogOfTheirLevel() {
        for (Metric metric : Metric.ALL.values()) {
            Metric.Noise.Source source = metric.noise().source();
            boolean interval = source == Metric.Noise.Source.INTERVAL_P50 || source == Metric.Noise.Source.INTERVAL_P99
                    || source == Metric.Noise.Source.INTERVAL_RATE;
            assertEquals(interval, metric.noise().intervalLog() != null, metric.id());
            if (interval) {
                assertEquals(metric.id().startsWith("service.") ? Metric.SERVICE_LOG : Metric.STORAGE_LOG,
                        metric.noise().intervalLog(), metric.id());
            }
            assertEquals(source == Metric.Noise.Source.JMH_ERROR, metric.noise().error() != null, metric.id());
        }
    }
}
