package dev.schemabench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemabench.results.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gate.md and gate-junit.xml must not drift: CI pipelines parse the one and people read the other. The report comes
 * from synthetic runs (a latency regression, a plan change, a budget breach, a missing log, figures not measured).
 * To accept an intended change, run with {@code -Dschemabench.updateGolden=true} and review the diff.
 */
class GateGoldenTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "gate");

    @TempDir
    Path temp;

    private GateReport report;

    @BeforeEach
    void evaluate() throws IOException {
        SyntheticRuns.Run baseline = new SyntheticRuns.Run("20260101-000000-quick");
        baseline.design("jsonb").noiseSeed = 11;
        baseline.design("normalized").noiseSeed = 12;
        SyntheticRuns.Run current = new SyntheticRuns.Run("20260102-000000-quick");
        SyntheticRuns.Design jsonb = current.design("jsonb");
        jsonb.noiseSeed = 21;
        jsonb.medianMs = 1.5;
        jsonb.planShape = List.of("Index Scan (product_similarities_pkey)");
        SyntheticRuns.Design normalized = current.design("normalized");
        normalized.noiseSeed = 22;
        normalized.writeLog = false;
        GateConfig d = GateConfig.defaults();
        GateConfig config = new GateConfig("gate.yaml", d.maxRegression(), d.confidence(), d.resamples(), d.seed(),
                d.minReadsPerInterval(), d.minIntervals(), false, d.planShape(), d.compare(),
                Map.of("*", Map.of(Metric.ALL.get("storage.errors"), 0.0),
                        "normalized", Map.of(Metric.ALL.get("load.stage_ms"), 1000.0)), d.driftReference());
        report = new Gate(Gate.Run.read(SyntheticRuns.write(temp.resolve("base"), baseline)),
                Gate.Run.read(SyntheticRuns.write(temp.resolve("current"), current)), config).evaluate(false);
    }

    @Test
    void markdown() throws IOException {
        golden("gate.md", GateMarkdown.render(report));
    }

    @Test
    void junit() throws IOException {
        golden("gate-junit.xml", GateJunit.render(report));
    }

    private static void golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("schemabench.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name + " drifted from " + file);
    }
}
