package dev.schemabench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.results.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's rules on synthetic runs: noise, plan shape, budgets, missing data, fingerprints. */
class GateTest {

    @TempDir
    Path temp;

    private SyntheticRuns.Run baseline() {
        SyntheticRuns.Run run = new SyntheticRuns.Run("base");
        run.design("jsonb").noiseSeed = 11;
        run.design("normalized").noiseSeed = 12;
        return run;
    }

    private SyntheticRuns.Run current() {
        SyntheticRuns.Run run = new SyntheticRuns.Run("current");
        run.design("jsonb").noiseSeed = 21;
        run.design("normalized").noiseSeed = 22;
        return run;
    }

    private GateReport gate(SyntheticRuns.Run baseline, SyntheticRuns.Run current, GateConfig config,
                            boolean allowFingerprintChange) throws IOException {
        Path base = SyntheticRuns.write(temp.resolve(baseline.id + "-" + System.nanoTime()), baseline);
        Path now = SyntheticRuns.write(temp.resolve(current.id + "-" + System.nanoTime()), current);
        return new Gate(Gate.Run.read(base), Gate.Run.read(now), config).evaluate(allowFingerprintChange);
    }

    private static Verdict verdict(GateReport report, String design, String check) {
        return report.verdicts().stream().filter(v -> v.design().equals(design) && v.check().equals(check))
                .findFirst().orElseThrow(() -> new AssertionError("no verdict " + design + " " + check));
    }

    @Test
    void twoRunsOfTheSameDistributionPass() throws IOException {
        GateReport report = gate(baseline(), current(), GateConfig.defaults(), false);
        assertTrue(report.passed(), String.join("\n", report.verdicts().stream().map(Verdict::line).toList()));
        Verdict p99 = verdict(report, "jsonb", "storage.p99_ms");
        assertEquals(Verdict.Status.PASS, p99.status());
        assertTrue(p99.detail().contains("P99 pooled over 20 vs 20 blocks")
                && p99.detail().contains("against the change of normalized"), p99.detail());
        assertEquals(Verdict.Status.NOT_MEASURED, verdict(report, "jsonb", "service.p99_ms").status());
        assertEquals(Verdict.Status.NOT_MEASURED, verdict(report, "jsonb", "jmh.point_read_mean_ms").status());
    }

    @Test
    void aClearLatencyShiftIsARegressionOfThatDesignOnly() throws IOException {
        SyntheticRuns.Run current = current();
        current.designs.get(0).medianMs = 1.6;
        GateReport report = gate(baseline(), current, GateConfig.defaults(), false);
        assertFalse(report.passed());
        assertEquals(Verdict.Status.REGRESSION, verdict(report, "jsonb", "storage.p50_ms").status());
        assertEquals(Verdict.Status.REGRESSION, verdict(report, "jsonb", "storage.p99_ms").status());
        assertEquals(Verdict.Status.PASS, verdict(report, "normalized", "storage.p99_ms").status());
        assertEquals(Verdict.Status.PASS, verdict(report, "jsonb", "storage.throughput_ops_s").status());
    }

    private static GateConfig withDriftReference(GateConfig.DriftReference reference) {
        return withDriftReference(reference, GateConfig.defaults().resamples());
    }

    private static GateConfig withDriftReference(GateConfig.DriftReference reference, int resamples) {
        GateConfig d = GateConfig.defaults();
        return new GateConfig("test", d.maxRegression(), d.confidence(), resamples, d.seed(),
                d.minReadsPerInterval(), d.minIntervals(), d.failWithoutNoiseData(), d.planShape(), d.compare(),
                d.budgets(), reference);
    }

    /** Both runs with each second's latency scaled by its own random factor, as on a shared machine. */
    private static void busySeconds(SyntheticRuns.Run... runs) {
        for (SyntheticRuns.Run run : runs) {
            run.designs.forEach(design -> design.secondSpread = 0.1);
        }
    }

    @Test
    void theSameCodeOnAMachineSlowerDuringTheWholeCurrentRunPassesAsARunWideShift() throws IOException {
        SyntheticRuns.Run baseline = baseline();
        SyntheticRuns.Run current = current();
        busySeconds(baseline, current);
        current.designs.forEach(design -> design.factor = 1.4);
        GateReport report = gate(baseline, current, GateConfig.defaults(), false);
        assertTrue(report.passed(), String.join("\n", report.verdicts().stream().map(Verdict::line).toList()));
        Verdict p99 = verdict(report, "jsonb", "storage.p99_ms");
        assertEquals(Verdict.Status.PASS, p99.status());
        assertTrue(p99.detail().contains("run-wide shift"), p99.detail());

        GateReport alone = gate(baseline, current, withDriftReference(GateConfig.DriftReference.NONE), false);
        assertEquals(Verdict.Status.REGRESSION, verdict(alone, "jsonb", "storage.p99_ms").status(),
                "without a reference the slower machine is a regression");
    }

    @Test
    void aDesignAThirdSlowerAtP99FailsAlsoOnASlowerMachineAndTheOtherDesignPasses() throws IOException {
        for (double machine : new double[] {1.0, 1.25, 0.8}) {
            SyntheticRuns.Run baseline = baseline();
            SyntheticRuns.Run current = current();
            busySeconds(baseline, current);
            current.designs.forEach(design -> design.factor = machine);
            current.designs.get(0).factor = machine * 1.4;
            GateReport report = gate(baseline, current, GateConfig.defaults(), false);
            Verdict p99 = verdict(report, "jsonb", "storage.p99_ms");
            assertEquals(Verdict.Status.REGRESSION, p99.status(), "machine x" + machine + ": " + p99.line());
            assertFalse(report.passed());
            Verdict other = verdict(report, "normalized", "storage.p99_ms");
            assertFalse(other.status().failing(), "machine x" + machine + ": " + other.line());
            assertFalse(other.status() == Verdict.Status.IMPROVED && machine >= 1, other.line());
        }
    }

    private static GateConfig withPhaseNoise(String metric, double noise) {
        GateConfig d = GateConfig.defaults();
        return new GateConfig("test", d.maxRegression(), d.confidence(), d.resamples(), d.seed(),
                d.minReadsPerInterval(), d.minIntervals(), d.failWithoutNoiseData(), d.planShape(), d.compare(),
                d.budgets(), d.driftReference(), Map.of(Metric.ALL.get(metric), noise));
    }

    @Test
    void phaseNoiseKeepsAOneDesignPhaseShiftWithinItsNoiseFromFailingButNotALargeOne() throws IOException {
        SyntheticRuns.Run baseline = baseline();
        SyntheticRuns.Run current = current();
        current.designs.get(0).factor = 1.35;
        GateReport blind = gate(baseline, current, GateConfig.defaults(), false);
        assertEquals(Verdict.Status.REGRESSION, verdict(blind, "jsonb", "storage.p50_ms").status(),
                "without phase noise the blocks alone call a 35 % shift");

        GateReport noisy = gate(baseline, current, withPhaseNoise("storage.p50_ms", 0.15), false);
        Verdict p50 = verdict(noisy, "jsonb", "storage.p50_ms");
        assertEquals(Verdict.Status.PASS, p50.status(), p50.line());
        assertTrue(p50.detail().contains("with phase noise ±15.0% per phase"), p50.detail());
        assertEquals(Verdict.Status.REGRESSION, verdict(noisy, "jsonb", "storage.p99_ms").status(),
                "phase noise is per metric");

        current.designs.get(0).factor = 2.5;
        GateReport large = gate(baseline, current, withPhaseNoise("storage.p50_ms", 0.15), false);
        assertEquals(Verdict.Status.REGRESSION, verdict(large, "jsonb", "storage.p50_ms").status(),
                verdict(large, "jsonb", "storage.p50_ms").line());
    }

    @Test
    void runsOfTheSameCodeRarelyFailUnderHolm() throws IOException {
        int failed = 0;
        int trials = 20;
        for (int trial = 0; trial < trials; trial++) {
            SyntheticRuns.Run baseline = baseline();
            SyntheticRuns.Run current = current();
            busySeconds(baseline, current);
            for (int d = 0; d < 2; d++) {
                baseline.designs.get(d).noiseSeed = 1000 + trial * 10 + d;
                current.designs.get(d).noiseSeed = 5000 + trial * 10 + d;
            }
            GateConfig fewerResamples = withDriftReference(GateConfig.DriftReference.OTHER_DESIGNS, 500);
            if (!gate(baseline, current, fewerResamples, false).passed()) {
                failed++;
            }
        }
        assertTrue(failed <= 2, failed + " of " + trials + " pairs of the same code failed");
    }

    @Test
    void aFasterRunIsAnImprovementAndPasses() throws IOException {
        SyntheticRuns.Run current = current();
        current.designs.get(0).medianMs = 0.5;
        GateReport report = gate(baseline(), current, GateConfig.defaults(), false);
        assertTrue(report.passed());
        assertEquals(Verdict.Status.IMPROVED, verdict(report, "jsonb", "storage.p50_ms").status());
    }

    @Test
    void noisyRunsWhoseMediansDifferByMoreThanTheThresholdStillPass() throws IOException {
        SyntheticRuns.Run baseline = baseline();
        SyntheticRuns.Run current = current();
        baseline.designs.forEach(design -> {
            design.readsPerInterval = 200;
            design.spread = 1.2;
            design.intervals = 12;
        });
        current.designs.forEach(design -> {
            design.readsPerInterval = 200;
            design.spread = 1.2;
            design.intervals = 12;
        });
        current.designs.get(0).medianMs = 1.08;
        GateReport report = gate(baseline, current, GateConfig.defaults().withMaxRegression(0.02), false);
        Verdict p99 = verdict(report, "jsonb", "storage.p99_ms");
        assertEquals(Verdict.Status.PASS, p99.status(), p99.line());
    }

    @Test
    void aChangedPlanShapeFailsWithBothShapesEvenWhenLatencyDidNotMove() throws IOException {
        SyntheticRuns.Run current = current();
        current.designs.get(0).planShape = List.of("Index Scan (product_similarities_pkey)");
        GateReport report = gate(baseline(), current, GateConfig.defaults(), false);
        Verdict plan = verdict(report, "jsonb", Verdict.PLAN_SHAPE);
        assertEquals(Verdict.Status.PLAN_CHANGED, plan.status());
        assertTrue(plan.detail().contains("[Index Scan (product_similarities_active_idx)]")
                && plan.detail().contains("[Index Scan (product_similarities_pkey)]"), plan.detail());
        assertEquals(Verdict.Status.PASS, verdict(report, "jsonb", "storage.p99_ms").status());
        assertFalse(report.passed());
    }

    @Test
    void aBudgetBreachFailsWhateverTheBaselineSays() throws IOException {
        GateConfig defaults = GateConfig.defaults();
        GateConfig config = new GateConfig("test", defaults.maxRegression(), defaults.confidence(),
                defaults.resamples(), defaults.seed(), defaults.minReadsPerInterval(), defaults.minIntervals(),
                false, defaults.planShape(), defaults.compare(),
                Map.of("*", Map.of(Metric.ALL.get("storage.p99_ms"), 1.0),
                        "normalized", Map.of(Metric.ALL.get("storage.p99_ms"), 100.0,
                                Metric.ALL.get("load.stage_ms"), 1000.0)), defaults.driftReference());
        GateReport report = gate(baseline(), current(), config, false);
        Verdict jsonb = verdict(report, "jsonb", "storage.p99_ms");
        assertEquals(Verdict.Status.OVER_BUDGET, jsonb.status(), jsonb.line());
        assertTrue(jsonb.detail().contains("OVER BUDGET <= 1.000 ms"), jsonb.detail());
        assertEquals(Verdict.Status.PASS, verdict(report, "normalized", "storage.p99_ms").status(),
                "a design's own budget wins over \"*\"");
        assertEquals(Verdict.Status.OVER_BUDGET, verdict(report, "normalized", "load.stage_ms").status());
    }

    @Test
    void missingIntervalLogsFallBackToALabelledComparisonThatDoesNotFail() throws IOException {
        SyntheticRuns.Run current = current();
        current.designs.get(0).writeLog = false;
        current.designs.get(0).medianMs = 3;
        GateReport report = gate(baseline(), current, GateConfig.defaults(), false);
        Verdict p99 = verdict(report, "jsonb", "storage.p99_ms");
        assertEquals(Verdict.Status.NO_NOISE_DATA, p99.status());
        assertTrue(p99.detail().contains("no noise data: current run: cannot read histograms/storage-jsonb.hlog:"
                + " no such file"), p99.detail());
    }

    @Test
    void withFailWithoutNoiseDataAMissingLogIsGatedOnTheThresholdAlone() throws IOException {
        SyntheticRuns.Run current = current();
        current.designs.get(0).writeLog = false;
        current.designs.get(0).medianMs = 3;
        GateConfig d = GateConfig.defaults();
        GateConfig config = new GateConfig("test", d.maxRegression(), d.confidence(), d.resamples(), d.seed(),
                d.minReadsPerInterval(), d.minIntervals(), true, d.planShape(), d.compare(), d.budgets(),
                d.driftReference());
        Verdict p99 = verdict(gate(baseline(), current, config, false), "jsonb", "storage.p99_ms");
        assertEquals(Verdict.Status.REGRESSION, p99.status());
        assertTrue(p99.detail().contains("threshold only, NOT noise-aware"), p99.detail());
    }

    @Test
    void jmhMeansAreComparedAgainstJmhsOwnErrorAndTheOtherDesignsChange() throws IOException {
        SyntheticRuns.Run baseline = baseline();
        SyntheticRuns.Run current = current();
        baseline.designs.get(0).extra = node -> jmh(node, 0.100, 0.004);
        current.designs.get(0).extra = node -> jmh(node, 0.130, 0.004);
        baseline.designs.get(1).extra = node -> jmh(node, 0.100, 0.004);
        current.designs.get(1).extra = node -> jmh(node, 0.100, 0.004);
        GateConfig withoutPhaseNoise = withPhaseNoise("storage.p50_ms", 0);
        GateReport report = gate(baseline, current, withoutPhaseNoise, false);
        Verdict jsonb = verdict(report, "jsonb", "jmh.point_read_mean_ms");
        assertEquals(Verdict.Status.REGRESSION, jsonb.status(), jsonb.line());
        assertTrue(jsonb.detail().contains("against the change of normalized: 30.0% worse"), jsonb.detail());
        assertEquals(Verdict.Status.PASS, verdict(report, "normalized", "jmh.point_read_mean_ms").status());

        Verdict withinPhaseNoise = verdict(gate(baseline, current, GateConfig.defaults(), false), "jsonb",
                "jmh.point_read_mean_ms");
        assertEquals(Verdict.Status.PASS, withinPhaseNoise.status(), "JMH takes designs in turn: "
                + withinPhaseNoise.line());
        assertTrue(withinPhaseNoise.detail().contains("with phase noise ±5.0% per phase"), withinPhaseNoise.line());
        current.designs.get(0).extra = node -> jmh(node, 0.180, 0.004);
        Verdict beyondPhaseNoise = verdict(gate(baseline, current, GateConfig.defaults(), false), "jsonb",
                "jmh.point_read_mean_ms");
        assertEquals(Verdict.Status.REGRESSION, beyondPhaseNoise.status(), beyondPhaseNoise.line());

        baseline.designs.get(0).extra = node -> jmh(node, 0.100, 0.004);
        current.designs.get(0).extra = node -> jmh(node, 0.100, 0.004);
        baseline.designs.get(1).extra = node -> jmh(node, 0.100, 0.030);
        current.designs.get(1).extra = node -> jmh(node, 0.130, 0.030);
        Verdict noisy = verdict(gate(baseline, current, withoutPhaseNoise, false), "normalized",
                "jmh.point_read_mean_ms");
        assertEquals(Verdict.Status.PASS, noisy.status(), "30 % worse but within the errors of the two means");
    }

    @Test
    void jmhMeansThatMovedAlikeForEveryDesignAreARunWideShift() throws IOException {
        SyntheticRuns.Run baseline = baseline();
        SyntheticRuns.Run current = current();
        baseline.designs.forEach(design -> design.extra = node -> jmh(node, 0.100, 0.004));
        current.designs.forEach(design -> design.extra = node -> jmh(node, 0.130, 0.004));
        Verdict shifted = verdict(gate(baseline, current, GateConfig.defaults(), false), "jsonb",
                "jmh.point_read_mean_ms");
        assertEquals(Verdict.Status.PASS, shifted.status(), shifted.line());
        assertTrue(shifted.detail().contains(Gate.RUN_WIDE_SHIFT), shifted.detail());
        Verdict alone = verdict(gate(baseline, current, withDriftReference(GateConfig.DriftReference.NONE), false),
                "jsonb", "jmh.point_read_mean_ms");
        assertEquals(Verdict.Status.REGRESSION, alone.status(), alone.line());
    }

    private static void jmh(com.fasterxml.jackson.databind.node.ObjectNode design, double mean, double error) {
        com.fasterxml.jackson.databind.node.ObjectNode read = design.putObject("jmh").putObject("point_read");
        read.put("benchmark", "pointRead");
        read.put("mean_ms", mean);
        read.put("error_ms", error);
    }

    @Test
    void aDesignThatFailedInTheCurrentRunFailsTheGate() throws IOException {
        SyntheticRuns.Run current = current();
        current.designs.get(1).status = "failed";
        current.designs.get(1).reason = "answers differ from the generated data";
        GateReport report = gate(baseline(), current, GateConfig.defaults(), false);
        Verdict status = verdict(report, "normalized", Verdict.STATUS);
        assertEquals(Verdict.Status.FAILED, status.status());
        assertTrue(status.detail().contains("answers differ"));
    }

    @Test
    void aSkippedDesignIsNotMeasured() throws IOException {
        SyntheticRuns.Run current = current();
        current.designs.get(1).status = "skipped";
        current.designs.get(1).reason = "no MongoDB";
        GateReport report = gate(baseline(), current, GateConfig.defaults(), false);
        assertTrue(report.passed());
        assertEquals(Verdict.Status.NOT_MEASURED, verdict(report, "normalized", Verdict.STATUS).status());
    }

    @Test
    void differentDataOrProfileMakeRunsIncomparableUnlessAllowed() throws IOException {
        SyntheticRuns.Run current = current();
        current.seed = 43;
        current.profile = "standard";
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> gate(baseline(), current, GateConfig.defaults(), false));
        assertTrue(error.getMessage().contains("data seed 42 vs 43") && error.getMessage().contains(
                "profile quick vs standard") && error.getMessage().contains("--allow-fingerprint-change"),
                error.getMessage());
        GateReport report = gate(baseline(), current, GateConfig.defaults(), true);
        assertTrue(report.notes().get(0).contains("compared anyway because of --allow-fingerprint-change"));
    }

    @Test
    void theFootprintIsAnExactFigure() throws IOException {
        SyntheticRuns.Run current = current();
        current.designs.get(0).totalBytes = 12_828_672L * 2;
        Verdict footprint = verdict(gate(baseline(), current, GateConfig.defaults(), false), "jsonb",
                "footprint.total_bytes");
        assertEquals(Verdict.Status.REGRESSION, footprint.status());
        assertTrue(footprint.detail().startsWith("100.0% worse (exact figure"), footprint.detail());
    }

    @Test
    void aResultsFileRecordedByTheCurrentReleaseStillGates() throws IOException {
        Path recorded = Path.of(System.getProperty("schemabench.home", ".."))
                .resolve("harness/src/test/resources/report/run").toAbsolutePath().normalize();
        Path baseline = copy(recorded, temp.resolve("recorded-baseline"));
        Path current = copy(recorded, temp.resolve("recorded-current"));
        Path currentResults = current.resolve("results.json");
        Files.writeString(currentResults, Files.readString(currentResults)
                .replace("\"total_bytes\": 8151040", "\"total_bytes\": 16302080"));
        GateReport report = new Gate(Gate.Run.read(baseline.resolve("results.json")), Gate.Run.read(currentResults),
                GateConfig.defaults()).evaluate(false);
        Verdict plan = verdict(report, "jsonb", Verdict.PLAN_SHAPE);
        assertEquals(Verdict.Status.PASS, plan.status());
        assertEquals("unchanged: [Index Scan (product_similarities_active_idx)]", plan.detail());
        Verdict p99 = verdict(report, "jsonb", "storage.p99_ms");
        assertEquals(16.703, p99.current());
        assertTrue(p99.detail().contains("too few intervals (4 and 4, need 10)"), "the interval logs were read: "
                + p99.detail());
        assertEquals(Verdict.Status.REGRESSION, verdict(report, "normalized", "footprint.total_bytes").status());
        assertEquals(Verdict.Status.PASS, verdict(report, "jsonb", "footprint.total_bytes").status());
        assertEquals(Verdict.Status.FAILED, verdict(report, "jsonb_compact", Verdict.STATUS).status());
        assertEquals(Verdict.Status.NOT_MEASURED, verdict(report, "mongo", Verdict.STATUS).status());
    }

    private static Path copy(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }
}
