package dev.schemabench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.results.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs: the differences per metric, their reading, and what changed in the fingerprint. */
class RunComparisonTest {

    @TempDir
    Path temp;

    @Test
    void readsChangesByTheMetricsDirectionAndFindsTheChangedSchemaFile() throws IOException {
        Path before = ReportFixture.copyRun(Files.createDirectories(temp.resolve("before")));
        Path after = ReportFixture.copyRun(Files.createDirectories(temp.resolve("after")));
        String text = Files.readString(after)
                .replace("\"total_bytes\": 8151040", "\"total_bytes\": 6000000")
                .replace("3c5adbeda227db18580fb9af380b4a43c0c3274d74a74dcc73f5cb5b295c3b3d", "0000");
        Files.writeString(after, text);
        RunComparison comparison = new RunComparison(LoadedRun.load(before), LoadedRun.load(after));
        RunComparison.DesignComparison normalized = comparison.designs().stream()
                .filter(design -> design.name().equals("normalized")).findFirst().orElseThrow();
        RunComparison.Difference total = normalized.differences().stream()
                .filter(difference -> difference.metric().equals(Metric.TOTAL_BYTES)).findFirst().orElseThrow();
        assertEquals(RunComparison.Reading.BETTER, total.reading());
        assertEquals("-26.4 %", total.percent());
        RunComparison.Difference p99 = normalized.differences().stream()
                .filter(difference -> difference.metric().equals(Metric.STORAGE_P99)).findFirst().orElseThrow();
        assertEquals(RunComparison.Reading.SAME, p99.reading());
        assertFalse(p99.tested(), "the fixture's 4 intervals are too few for the gate's test: " + p99.basis());
        assertTrue(p99.basis().contains("too few intervals"), p99.basis());
        assertEquals("about the same", p99.label());
        RunComparison.Difference service = normalized.differences().stream()
                .filter(difference -> difference.metric().equals(Metric.SERVICE_P99)).findFirst().orElseThrow();
        assertEquals(RunComparison.Reading.ABSENT, service.reading(), "absent is not zero");
        assertEquals(1, comparison.changed().size(), comparison.changed().toString());
        assertEquals("environment.schema_files.normalized.indexes.sql", comparison.changed().get(0).key());
    }

    @Test
    void theGatesTestCallsARealSlowdownAndLeavesTheOtherDesignIndistinguishable() throws IOException {
        dev.schemabench.gate.SyntheticRuns.Run base = new dev.schemabench.gate.SyntheticRuns.Run("base");
        base.design("jsonb").noiseSeed = 1;
        base.design("normalized").noiseSeed = 2;
        dev.schemabench.gate.SyntheticRuns.Run slow = new dev.schemabench.gate.SyntheticRuns.Run("slow");
        slow.design("jsonb").noiseSeed = 3;
        slow.design("normalized").noiseSeed = 4;
        slow.designs.get(0).medianMs = 2;
        Path before = dev.schemabench.gate.SyntheticRuns.write(temp.resolve("base"), base);
        Path after = dev.schemabench.gate.SyntheticRuns.write(temp.resolve("slow"), slow);
        RunComparison comparison = new RunComparison(LoadedRun.load(before), LoadedRun.load(after));
        RunComparison.Difference jsonb = difference(comparison, "jsonb", Metric.STORAGE_P50);
        assertEquals(RunComparison.Reading.WORSE, jsonb.reading(), jsonb.basis());
        assertTrue(jsonb.tested(), jsonb.basis());
        RunComparison.Difference normalized = difference(comparison, "normalized", Metric.STORAGE_P50);
        assertEquals(RunComparison.Reading.SAME, normalized.reading(), normalized.basis());
        assertTrue(normalized.tested(), normalized.basis());
        assertEquals("indistinguishable", normalized.label());
    }

    private static RunComparison.Difference difference(RunComparison comparison, String design, Metric metric) {
        return comparison.designs().stream().filter(each -> each.name().equals(design)).findFirst().orElseThrow()
                .differences().stream().filter(each -> each.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void theReadingFollowsTheMetricsDirectionAndIgnoresNoise() {
        Metric latency = Metric.STORAGE_P99;
        Metric throughput = Metric.STORAGE_THROUGHPUT;
        assertEquals(RunComparison.Reading.WORSE, RunComparison.reading(latency, 10.0, 12.0));
        assertEquals(RunComparison.Reading.BETTER, RunComparison.reading(throughput, 10.0, 12.0));
        assertEquals(RunComparison.Reading.SAME, RunComparison.reading(latency, 10.0, 10.4));
        assertEquals(RunComparison.Reading.ABSENT, RunComparison.reading(latency, null, 10.4));
    }

    @Test
    void aMissingHistogramLogIsANoteAndTheSummaryPercentilesStand() throws IOException {
        Path results = ReportFixture.copyRun(temp);
        Files.delete(temp.resolve("histograms/storage-normalized.hlog"));
        LoadedRun run = LoadedRun.load(results);
        assertNull(run.distribution("normalized", "storage"));
        assertTrue(run.notes("normalized").get(0).contains("missing"), run.notes("normalized").toString());
        String html = new HtmlRenderer().render(new ReportInput(java.util.List.of(run), temp));
        assertTrue(html.contains("normalized: no storage-level histogram log in the run folder"), "note shown");
        assertTrue(html.contains("normalized (summary percentiles only)"), "summary points drawn");
    }

    @Test
    void theReportLoadsNothingAndIsDeterministic() throws IOException {
        Path results = ReportFixture.copyRun(temp);
        ReportInput input = new ReportInput(java.util.List.of(LoadedRun.load(results)), temp);
        String html = new HtmlRenderer().render(input);
        assertEquals(html, new HtmlRenderer().render(new ReportInput(java.util.List.of(LoadedRun.load(results)),
                temp)));
        assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""));
        assertTrue(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("href=\"http")
                && !html.contains("url("), "no script, no external load");
    }
}
