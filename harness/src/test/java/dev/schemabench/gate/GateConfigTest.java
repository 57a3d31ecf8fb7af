package dev.schemabench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.internal.Home;
import dev.schemabench.results.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file: the shipped example, units, and one-line errors naming the file and key. */
class GateConfigTest {

    @TempDir
    Path temp;

    private GateConfig load(String yaml) throws IOException {
        return GateConfig.load(Files.writeString(temp.resolve("gate.yaml"), yaml));
    }

    private String error(String yaml) throws IOException {
        Path file = Files.writeString(temp.resolve("gate.yaml"), yaml);
        String message = assertThrows(IllegalArgumentException.class, () -> GateConfig.load(file)).getMessage();
        assertTrue(message.startsWith(file.toString() + ": "), message);
        assertTrue(!message.contains("\n"), message);
        return message;
    }

    @Test
    void theShippedExampleStatesTheBuiltInDefaults() {
        GateConfig shipped = GateConfig.load(Home.directory().resolve("gate.yaml"));
        GateConfig defaults = GateConfig.defaults();
        assertEquals(defaults.compare(), shipped.compare());
        assertEquals(defaults.maxRegression(), shipped.maxRegression());
        assertEquals(defaults.confidence(), shipped.confidence());
        assertEquals(defaults.resamples(), shipped.resamples());
        assertEquals(defaults.seed(), shipped.seed());
        assertEquals(defaults.minReadsPerInterval(), shipped.minReadsPerInterval());
        assertEquals(defaults.minIntervals(), shipped.minIntervals());
        assertEquals(defaults.failWithoutNoiseData(), shipped.failWithoutNoiseData());
        assertEquals(defaults.planShape(), shipped.planShape());
        assertEquals(defaults.phaseNoise(), shipped.phaseNoise());
        assertEquals(defaults.driftReference(), shipped.driftReference());
        assertEquals(250.0, shipped.budget("jsonb", Metric.ALL.get("storage.p99_ms")));
        assertEquals(2e9, shipped.budget("jsonb", Metric.ALL.get("footprint.total_bytes")));
        assertEquals(120_000.0, shipped.budget("normalized", Metric.ALL.get("load.stage_ms")));
    }

    @Test
    void unitsAndThresholdsParse() throws IOException {
        GateConfig config = load("""
                max_regression: 7.5%
                compare:
                  storage.p99_ms: 40%
                  footprint.total_bytes:
                budgets:
                  "*":
                    storage.p99_ms: 1.5 s
                    storage.throughput_ops_s: 450/s
                  jsonb:
                    storage.p99_ms: 250us
                    footprint.total_bytes: 2 MiB
                """);
        assertEquals(0.075, config.maxRegression(), 1e-12);
        assertEquals(0.40, config.threshold(Metric.ALL.get("storage.p99_ms")), 1e-12);
        assertEquals(0.075, config.threshold(Metric.ALL.get("footprint.total_bytes")), 1e-12);
        assertEquals(2, config.compare().size(), "a compare section is the whole list");
        assertEquals(0.25, config.budget("jsonb", Metric.ALL.get("storage.p99_ms")), 1e-12);
        assertEquals(1500.0, config.budget("normalized", Metric.ALL.get("storage.p99_ms")), 1e-12);
        assertEquals(450.0, config.budget("jsonb", Metric.ALL.get("storage.throughput_ops_s")), 1e-12);
        assertEquals(2 * 1024 * 1024.0, config.budget("jsonb", Metric.ALL.get("footprint.total_bytes")), 1e-12);
        GateConfig overridden = config.withMaxRegression(0.05);
        assertEquals(0.05, overridden.threshold(Metric.ALL.get("storage.p99_ms")), 1e-12,
                "--max-regression replaces every threshold");
    }

    @Test
    void phaseNoiseParsesPerIntervalMetricAndReplacesTheDefaults() throws IOException {
        GateConfig config = load("""
                phase_noise:
                  service.p99_ms: 12.5%
                  storage.p50_ms: 0%
                """);
        assertEquals(0.125, config.phaseNoise(Metric.ALL.get("service.p99_ms")), 1e-12);
        assertEquals(0, config.phaseNoise(Metric.ALL.get("service.p50_ms")), "the section is the whole list");
        assertEquals(0, config.phaseNoise(Metric.ALL.get("storage.p50_ms")));
        assertTrue(GateConfig.defaults().phaseNoise(Metric.ALL.get("service.p50_ms")) > 0);
        assertEquals(0, GateConfig.defaults().phaseNoise(Metric.ALL.get("storage.p50_ms")),
                "the storage level interleaves its designs");
        assertTrue(error("phase_noise:\n  footprint.total_bytes: 5%\n").contains(
                "key 'phase_noise.footprint.total_bytes': phase noise applies to metrics with a noise model"));
        assertTrue(error("phase_noise:\n  service.p99_ms: 150%\n").contains("from 0% to 100%"));
        assertTrue(error("phase_noise:\n  service.p99_ms: 0.1\n").contains("a percentage such as 10%"));
        assertTrue(error("phase_noise: 10%\n").contains("key 'phase_noise': a mapping"));
    }

    @Test
    void anEmptyFileIsTheDefaults() throws IOException {
        assertEquals(GateConfig.defaults().compare(), load("# nothing\n").compare());
    }

    @Test
    void badFilesNameTheFileAndTheKey() throws IOException {
        assertTrue(error("max_regresion: 10%\n").contains("key 'max_regresion': unknown key"));
        assertTrue(error("max_regression: 10\n").contains("key 'max_regression': a percentage such as 10%"));
        assertTrue(error("confidence: 40%\n").contains("key 'confidence'"));
        assertTrue(error("compare:\n  storage.p98_ms: 10%\n").contains("key 'compare.storage.p98_ms': unknown"
                + " metric"));
        assertTrue(error("budgets:\n  cassandra:\n    storage.p99_ms: 1 ms\n").contains("key 'budgets.cassandra':"
                + " unknown design"));
        assertTrue(error("budgets:\n  jsonb:\n    storage.p99_ms: 1 parsec\n").contains(
                "key 'budgets.jsonb.storage.p99_ms': a duration such as 100 ms"));
        assertTrue(error("budgets:\n  jsonb:\n    footprint.total_bytes: 2 ms\n").contains("a size such as 64 MB"));
        assertTrue(error("plan_shape: maybe\n").contains("key 'plan_shape': fail, report or ignore"));
        assertTrue(error("bootstrap_resamples: 10\n").contains("key 'bootstrap_resamples'"));
        assertTrue(error("fail_without_noise_data: 1\n").contains("true or false"));
        assertTrue(error("max_regression: [\n").contains("not valid YAML"));
        assertTrue(error("- a\n- b\n").contains("(top level)"));
        assertTrue(error("plan_shape: fail\nplan_shape: report\n").contains("not valid YAML"));
    }

    @Test
    void aMissingFileIsOneLine() {
        Path file = temp.resolve("absent.yaml");
        assertEquals(file + ": no such file",
                assertThrows(IllegalArgumentException.class, () -> GateConfig.load(file)).getMessage());
    }
}
