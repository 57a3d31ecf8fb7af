package dev.schemabench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.results.Metric;
import dev.schemabench.results.RunResults;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The top findings and the verdict table name a lowest P99 only when the recorded intervals do not overlap. */
class FindingsIntervalsTest {

    private static RunResults.Design design(String name, double p99, double low, double high) {
        RunResults.FigureInterval interval = new RunResults.FigureInterval(p99, low, high, 0.95, 8000, 80, null);
        RunResults.Latency latency = new RunResults.Latency(1, 2, p99, p99 * 2, p99 * 3, 1, 8000, 0, 500, 500, 1000,
                4).withIntervals(new RunResults.LatencyIntervals(null, null, interval, null, null, 16, "test"));
        return new RunResults.Design(name, null, RunResults.MEASURED, null, latency, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    private static String storageP99(RunResults.Design... designs) {
        List<String> findings = Findings.of(new RunResults(RunResults.SCHEMA_VERSION, null, List.of(designs)));
        return findings.stream().filter(line -> line.toLowerCase(java.util.Locale.ROOT).contains("storage-level p99")).findFirst().orElseThrow();
    }

    @Test
    void overlappingIntervalsAreATieNotAWinner() {
        String finding = storageP99(design("jsonb", 8.91, 7.9, 10.2), design("normalized", 8.33, 7.1, 9.6));
        assertTrue(finding.startsWith("Storage-level P99: no design is lowest in this run (~): normalized 8.33 ms"),
                finding);
        assertTrue(finding.contains("jsonb 8.91 ms, 95 % CI"), finding);
        assertTrue(!finding.contains("Lowest"), finding);

        RunResults run = new RunResults(RunResults.SCHEMA_VERSION, null, List.of(design("jsonb", 8.91, 7.9, 10.2),
                design("normalized", 8.33, 7.1, 9.6)));
        Ranking ranking = new Ranking(run);
        assertTrue(!ranking.cell(run.design("normalized"), Metric.STORAGE_P99).best(), "no bold on a tie");
        assertEquals("~×1.07", ranking.cell(run.design("jsonb"), Metric.STORAGE_P99).ratio());
    }

    @Test
    void separateIntervalsNameTheLowestWithItsInterval() {
        String finding = storageP99(design("jsonb", 12.0, 11.0, 13.5), design("normalized", 8.33, 7.9, 8.8));
        assertTrue(finding.startsWith("Lowest storage-level P99: normalized at 8.33 ms, 95 % CI 7.90 to 8.80"),
                finding);
        assertTrue(finding.contains("jsonb ×1.44 (12.0 ms, 95 % CI 11.0 to 13.5)"), finding);

        RunResults run = new RunResults(RunResults.SCHEMA_VERSION, null, List.of(design("jsonb", 12.0, 11.0, 13.5),
                design("normalized", 8.33, 7.9, 8.8)));
        Ranking ranking = new Ranking(run);
        assertTrue(ranking.cell(run.design("normalized"), Metric.STORAGE_P99).best(), "bold on a clear winner");
        assertEquals("×1.44", ranking.cell(run.design("jsonb"), Metric.STORAGE_P99).ratio());
    }
}
