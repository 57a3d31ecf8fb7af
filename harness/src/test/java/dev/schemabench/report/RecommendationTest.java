package dev.schemabench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recommendation on the fixture run (jsonb and normalized at the storage level: P99 16.7 and 15.0 ms, 4.18 and
 * 2.65 KiB per product, no bad read during the refresh) against targets set in its configuration.
 */
class RecommendationTest {

    @TempDir
    Path temp;

    @Test
    void bothMeetLooseTargetsAndTheCostLineSaysItsPricesAreExamples() throws IOException {
        List<String> paragraphs = recommend(Map.of("service_p99_ms", "100", "price_vcpu_hour", "0.04",
                "price_gb_month", "0.10"), true, false);
        assertEquals(3, paragraphs.size(), paragraphs::toString);
        assertTrue(paragraphs.get(0).startsWith("jsonb meets every target. Meets the P99 target of 100 ms at 500"
                + " reads/s at the storage level"), paragraphs.get(0));
        assertTrue(paragraphs.get(0).contains("the database used 190 CPU-seconds per million reads, 0.0021 at 0.04"
                + " per vCPU-hour"), paragraphs.get(0));
        assertTrue(paragraphs.get(0).contains("a month at 0.1 per GiB-month (example prices: set price_vcpu_hour"),
                paragraphs.get(0));
        assertTrue(paragraphs.get(2).startsWith("jsonb and normalized both meet every target."), paragraphs.get(2));
    }

    @Test
    void aTightSloIsMissedByHowMuchAndAStorageTargetLeavesOneDesign() throws IOException {
        List<String> tight = recommend(Map.of("service_p99_ms", "10"), false, false);
        assertTrue(tight.get(0).contains("Misses the P99 target of 10.0 ms"), tight.get(0));
        assertTrue(tight.get(0).contains("+67 % over it"), tight.get(0));
        assertEquals("No design meets every target in this run.", tight.get(2));

        List<String> storage = recommend(Map.of("service_p99_ms", "100", "target_bytes_per_product", "3KiB"), false,
                false);
        assertTrue(storage.get(0).startsWith("jsonb does not meet every target."), storage.get(0));
        assertTrue(storage.get(0).contains("misses the storage target of 3.00 KiB per product: 4.18 KiB (+39 %)"),
                storage.get(0));
        assertTrue(storage.get(1).startsWith("normalized meets every target."), storage.get(1));
        assertEquals("normalized is the only design that meets every target.", storage.get(2));
    }

    @Test
    void aP99WhoseIntervalStraddlesTheTargetIsUndecided() throws IOException {
        List<String> paragraphs = recommend(Map.of("service_p99_ms", "16"), false, true);
        assertTrue(paragraphs.get(0).contains("May or may not meet the P99 target of 16.0 ms"), paragraphs.get(0));
        assertTrue(paragraphs.get(0).contains("straddles it; a longer run would tell"), paragraphs.get(0));
    }

    @Test
    void aBadTargetInResultsGivesNoRecommendationAndSaysWhy() throws IOException {
        List<String> paragraphs = recommend(Map.of("price_vcpu_hour", "$4"), false, false);
        assertEquals(1, paragraphs.size());
        assertTrue(paragraphs.get(0).startsWith("No recommendation: results.json: 'price_vcpu_hour' = '$4' is not"
                + " valid"), paragraphs.get(0));
    }

    /** The fixture with {@code config} added to its configuration, and a P99 interval of 14 to 19 ms if asked. */
    private List<String> recommend(Map<String, String> config, boolean defaultSources, boolean interval)
            throws IOException {
        JsonNode root = ResultsFile.read(ReportFixture.copyRun(temp));
        ObjectNode run = (ObjectNode) root.get("run");
        config.forEach(((ObjectNode) run.get("config"))::put);
        if (defaultSources) {
            config.keySet().forEach(key -> ((ObjectNode) run.get("config_sources")).put(key, "default"));
        }
        if (interval) {
            ObjectNode storage = (ObjectNode) root.get("designs").get(0).get("storage_level");
            ObjectNode p99 = storage.putObject("intervals").putObject("p99_ms");
            p99.put("value", storage.get("p99_ms").asDouble()).put("low", 14.0).put("high", 19.0)
                    .put("confidence", 0.95).put("reads", 2000).put("reads_beyond", 20);
        }
        Path file = temp.resolve("changed.json");
        Files.writeString(file, ResultsFile.mapper().writeValueAsString(root));
        RunResults results = ResultsFile.load(file);
        return Recommendation.paragraphs(results);
    }
}
