package dev.schemabench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.internal.Home;
import dev.schemabench.results.Metric;
import dev.schemabench.results.RunResults;
import dev.schemabench.suite.CacheOptions;
import dev.schemabench.suite.CompareConfig;
import dev.schemabench.suite.CompareSuite;
import dev.schemabench.suite.ProfileFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The A/A check a user runs to validate a machine, {@code --designs jsonb,jsonb}: two independent copies of one design
 * must come out tied on every storage-level latency figure; and in the same kind of run, a copy whose reads wait a
 * fixed delay must be called slower. Wide intervals that never call anything are as wrong as narrow ones that call
 * noise. Two quick-length runs (16 s per design: 12 one-second blocks, enough for an interval): in the long suite.
 */
@Tag("long")
class AaCheckIT {

    private static final List<Metric> LATENCY = List.of(Metric.STORAGE_P50, Metric.STORAGE_P99, Metric.STORAGE_P999);

    @TempDir
    Path temp;

    @Test
    void twoCopiesOfOneDesignAreTiedOnEveryLatencyFigure() throws Exception {
        RunResults results = run("aa");
        assertEquals(List.of("jsonb", "jsonb#2"), results.designs().stream().map(RunResults.Design::name).toList());
        Ranking ranking = new Ranking(results);
        for (Metric metric : LATENCY) {
            for (RunResults.Design design : results.designs()) {
                assertTrue(design.measured(), design::reason);
                assertNotNull(metric.valueIn(design), metric.id());
                assertFalse(ranking.cell(design, metric).best(), () -> metric.id() + ": " + design.name()
                        + " called best in an A/A run: " + figures(results, metric));
            }
        }
        String summary = Files.readString(temp.resolve("aa").resolve(MarkdownSummary.NAME));
        assertTrue(summary.contains("no design is lowest in this run"), summary);
        String html = Files.readString(temp.resolve("aa").resolve(HtmlRenderer.NAME));
        assertTrue(html.contains("storage-jsonb%232.hlog"), "links to the copy's files are escaped");
    }

    @Test
    void aCopyWhoseReadsWaitAFixedDelayIsCalledSlower() throws Exception {
        DesignRegistry.Decoration slowed = DesignRegistry.decorate("jsonb", design -> design.name().equals("jsonb#2")
                ? new DelayedReads(design, Duration.ofMillis(1)) : design);
        RunResults results;
        try {
            results = run("slowed");
        } finally {
            slowed.undo();
        }
        Ranking ranking = new Ranking(results);
        RunResults.Design original = results.designs().get(0);
        RunResults.Design copy = results.designs().get(1);
        assertTrue(ranking.cell(original, Metric.STORAGE_P50).best(), () -> figures(results, Metric.STORAGE_P50));
        String ratio = ranking.cell(copy, Metric.STORAGE_P50).ratio();
        assertTrue(ratio != null && ratio.startsWith("×"), () -> ratio + ": " + figures(results, Metric.STORAGE_P50));
    }

    private RunResults run(String name) throws Exception {
        CompareConfig.Builder builder = new CompareConfig.Builder();
        ProfileFile.apply("quick", builder);
        builder.set(CompareConfig.PRODUCTS, "2000", "test").set(CompareConfig.DURATION, "16s", "test")
                .set(CompareConfig.WARMUP, "2s", "test").set(CompareConfig.RATE, "300", "test")
                .set(CompareConfig.DESIGNS, "jsonb,jsonb", "test")
                .set(CompareConfig.SERVICE_LEVEL, "off", "test").set(CompareConfig.JMH_ITERATIONS, "0", "test")
                .set(CompareConfig.CALIBRATION_RATE, "0", "test").set(CompareConfig.CALIBRATION_BULK, "off", "test")
                .set(CompareConfig.HTTP_OVERHEAD_DURATION, "0", "test").set(CompareConfig.UPDATE_RATE, "0", "test")
                .set(CacheOptions.CACHE, "off", "test");
        Path out = Files.createDirectories(temp.resolve(name));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS)) {
            CompareSuite suite = new CompareSuite(builder.build(), () -> postgres, Home.schemas());
            try {
                RunResults results = suite.run(out, name).results();
                ReportWriter.write(out.resolve("results.json"));
                return results;
            } finally {
                suite.close();
            }
        }
    }

    private static String figures(RunResults results, Metric metric) {
        StringBuilder text = new StringBuilder();
        for (RunResults.Design design : results.designs()) {
            RunResults.FigureInterval interval = metric.intervalIn(design);
            text.append(design.name()).append(' ').append(metric.valueIn(design)).append(" ms, interval ")
                    .append(interval == null ? "none" : interval.low() + " to " + interval.high()).append("; ");
        }
        return text.toString();
    }
}
