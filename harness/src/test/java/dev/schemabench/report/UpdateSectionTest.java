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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The product-update section reads saved results only: figures in a table and in words, or why they are absent. */
class UpdateSectionTest {

    private static final Path FIXTURE = Path.of(System.getProperty("schemabench.home", ".."))
            .resolve("harness/src/test/resources/report/run/results.json").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    private RunResults withUpdates() throws IOException {
        JsonNode root = ResultsFile.read(FIXTURE);
        ObjectNode jsonb = (ObjectNode) root.get("designs").get(0);
        ObjectNode updates = jsonb.putObject("product_updates").put("rate_per_s", 20).put("skew", "reads")
                .put("stream_s", 4);
        ArrayNode strategies = updates.putArray("strategies");
        ObjectNode apply = strategies.addObject().put("strategy", "apply").put("updates", 80)
                .put("unknown_products", 2).put("errors", 0).put("wal_bytes_per_update", 524_288);
        apply.putObject("latency").put("count", 80).put("p50_ms", 3.5).put("p99_ms", 41.25).put("max_ms", 50);
        apply.putObject("fan_out").put("mean", 1240).put("p50", 300).put("p99", 9000).put("max", 9100)
                .put("total", 96_720);
        apply.putObject("reads_without").put("phase", "without_updates").put("ops", 500).put("p99_ms", 1.5);
        apply.putObject("reads_during").put("phase", "during_updates").put("ops", 2000).put("p99_ms", 7.75);
        apply.putObject("freshness").put("reads", 3000).put("stale_reads", 0).put("stale_share", 0);
        apply.putObject("after_stream").put("lists", 900).put("current", 900);
        apply.putArray("timeline").addObject().put("start_s", 0).put("end_s", 1).put("phase", "during_updates")
                .put("count", 500).put("p50_ms", 0.5).put("p99_ms", 7.75).put("max_ms", 9);
        ObjectNode defer = strategies.addObject().put("strategy", "defer").put("updates", 80);
        defer.putObject("freshness").put("reads", 3000).put("stale_reads", 369).put("stale_share", 0.123)
                .put("max_stale_after_commit_ms", 3900).put("stale_products", 41);
        defer.putObject("after_stream").put("lists", 900).put("stale", 900);
        Path file = temp.resolve("results.json");
        Files.writeString(file, ResultsFile.mapper().writeValueAsString(root));
        return ResultsFile.load(file);
    }

    @Test
    void findingsSayWhatAnUpdateCostsAndHowStaleReadersWere() throws IOException {
        RunResults results = withUpdates();
        List<String> findings = UpdateSection.findings(results);
        String name = results.designs().get(0).name();
        assertEquals(2, findings.size(), findings::toString);
        assertTrue(findings.get(0).startsWith("A product update rewrites 1,240 rows or documents on average in "
                + name + " (P99 9,000, max 9,100)"), findings.get(0));
        assertTrue(findings.get(0).contains("512 KiB of WAL per update"), findings.get(0));
        assertTrue(findings.get(1).startsWith("Under defer, 12.3 % of " + name + "'s reads (369 of 3,000)"),
                findings.get(1));
        String html = UpdateSection.html(results);
        assertTrue(html.contains("chart-updates-apply-"), html);
        assertTrue(html.contains("<td>1,240 / 9,000 / 9,100</td>"), html);
        assertTrue(UpdateSection.markdown(results).contains("### Product updates"));
    }

    @Test
    void withoutUpdatesTheSectionSaysSoAndTheSummaryStaysQuiet() throws IOException {
        RunResults results = ResultsFile.load(FIXTURE);
        assertTrue(UpdateSection.html(results).contains("Product updates were not measured in this run"));
        assertEquals("", UpdateSection.markdown(results));
        assertEquals(List.of(), UpdateSection.findings(results));
    }
}
