package dev.schemabench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's cache section, rendered from a results.json that has cache figures and from one that has none. */
class CacheSectionTest {

    private static final Path GOLDEN = Path.of(System.getProperty("schemabench.home", ".."))
            .resolve("harness/src/test/resources/report/run/results.json").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    private RunResults withCache() throws IOException {
        JsonNode root = ResultsFile.read(GOLDEN);
        ObjectNode cache = ((ObjectNode) root.get("designs").get(0)).putObject("cache");
        cache.put("rate_ops_s", 500).put("uncached_p50_ms", 0.8).put("uncached_p99_ms", 4.0)
                .put("uncached_reads", 3000);
        ArrayNode cells = cache.putArray("cells");
        ObjectNode versioned = cells.addObject().put("kind", "caffeine").put("policy", "versioned")
                .put("size_percent", 5).put("hit_ratio", 0.7).put("p50_ms", 0.1).put("p99_ms", 2.5)
                .put("database_reads_saved", 2100).put("storm_p99_ms", 6.0).put("stale_reads", 3)
                .put("stale_after_elsewhere", 3);
        ArrayNode timeline = versioned.putArray("timeline");
        timeline.addObject().put("start_s", 1).put("end_s", 2).put("phase", "steady").put("p99_ms", 2.5);
        timeline.addObject().put("start_s", 2).put("end_s", 3).put("phase", "storm").put("p99_ms", 6.0);
        cells.addObject().put("kind", "caffeine").put("policy", "ttl").put("size_percent", 5).put("hit_ratio", 0.72)
                .put("p50_ms", 0.1).put("p99_ms", 2.4).put("stale_reads", 400).put("stale_after_elsewhere", 150);
        ArrayNode sweep = cache.putArray("sweep");
        sweep.addObject().put("kind", "caffeine").put("size_percent", 1).put("hit_ratio", 0.4).put("p99_ms", 3.5);
        sweep.addObject().put("kind", "caffeine").put("size_percent", 20).put("hit_ratio", 0.9).put("p99_ms", 1.5);
        cache.putObject("failure").put("p99_before_ms", 1).put("p99_degraded_ms", 4).put("p99_after_ms", 1.2)
                .put("degraded_reads", 900).put("failed_reads", 0).put("store_errors", 12).put("recovery_s", 0.25);
        Path file = temp.resolve("results.json");
        Files.writeString(file, ResultsFile.mapper().writeValueAsString(root));
        return ResultsFile.load(file);
    }

    @Test
    void aRunWithCacheFiguresGetsTablesChartsAndAFinding() throws IOException {
        RunResults results = withCache();
        String html = CacheSection.html(results);
        assertTrue(html.startsWith("<section id=\"cache\">"), html);
        assertTrue(html.contains("caffeine / ttl"), html);
        assertTrue(html.contains("400 (150 after an activation elsewhere)"), html);
        assertTrue(html.contains("<svg") && html.contains("cache-sweep-") && html.contains("cache-storm-"), html);
        assertTrue(html.contains("900 reads fell through to the database, 0 failed"), html);
        String finding = CacheSection.findings(results).get(0);
        assertTrue(finding.contains("caffeine / ttl at 5.0 % of products answered 72.0 % of reads"), finding);
        assertTrue(finding.contains("stale reads: caffeine / versioned 3, caffeine / ttl 400"), finding);
        assertTrue(CacheSection.markdown(results).startsWith("\n### Cache\n"));
        LoadedRun run = new LoadedRun(temp.resolve("results.json"), results, java.util.Map.of(), java.util.Map.of());
        assertTrue(new HtmlRenderer().render(new ReportInput(java.util.List.of(run), temp))
                .contains("<section id=\"cache\">"));
    }

    @Test
    void aRunWithoutCacheFiguresHasNoSection() throws IOException {
        RunResults results = ResultsFile.load(GOLDEN);
        assertEquals("", CacheSection.html(results));
        assertEquals("", CacheSection.markdown(results));
    }
}
