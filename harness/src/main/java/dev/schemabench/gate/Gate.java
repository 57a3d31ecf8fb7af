package dev.schemabench.gate;

import dev.schemabench.results.Metric;
import dev.schemabench.results.PlanSummary;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import dev.schemabench.stats.BlockSeries;
import dev.schemabench.stats.BootstrapSettings;
import dev.schemabench.stats.Comparison;
import dev.schemabench.stats.Comparisons;
import dev.schemabench.stats.Figure;
import dev.schemabench.stats.RatioBootstrap;
import dev.schemabench.stats.RatioTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The performance-regression gate: compares a current run with a baseline run, design by design, and checks
 * budgets. Reads saved results only (results.json and the interval logs next to it). A latency or throughput metric
 * regresses when its change, taken against the other designs' change in the same two runs (so that a machine slower
 * during one whole run cancels), is worse than its threshold and significant after Holm–Bonferroni across every
 * metric and design of the gate, and the design's own change is significantly worse too (the statistics of
 * {@code dev.schemabench.stats}); a read plan that changed shape fails; a budget breach fails whatever the baseline
 * says. Not thread-safe; one evaluation per instance.
 */
public final class Gate {

    /**
     * A results file and the folder its artifacts are relative to.
     *
     * @param results the run's results
     * @param folder  the folder results.json was read from, absolute
     */
    public record Run(RunResults results, Path folder) {

        /**
         * Reads and checks {@code file}.
         *
         * @throws IllegalArgumentException with one line when the file is missing, corrupt, of an unknown version
         *                                  or lacks the run or designs
         */
        public static Run read(Path file) {
            RunResults results = ResultsFile.load(file);
            Path folder = file.toAbsolutePath().getParent();
            return new Run(results, folder);
        }

        String id() {
            return results.run().id() == null ? "?" : results.run().id();
        }

        RunResults.Design design(String name) {
            return results.design(name);
        }
    }

    private final Run baseline;
    private final Run current;
    private final GateConfig config;
    private final Map<String, Object> seriesCache = new HashMap<>();
    private final Set<String> names = new LinkedHashSet<>();
    /** Per design and interval-based metric: an {@link IntervalDecision}, or why there is no noise data. */
    private final Map<String, Object> intervalDecisions = new HashMap<>();

    public Gate(Run baseline, Run current, GateConfig config) {
        this.baseline = baseline;
        this.current = current;
        this.config = config;
    }

    /**
     * Decides.
     *
     * @param allowFingerprintChange compare runs whose fingerprints differ (the difference is noted in the report)
     * @throws IllegalArgumentException when the fingerprints differ and that is not allowed
     */
    public GateReport evaluate(boolean allowFingerprintChange) {
        List<String> notes = new ArrayList<>();
        List<String> differences = Fingerprint.differences(baseline.results(), current.results());
        if (!differences.isEmpty()) {
            if (!allowFingerprintChange) {
                throw new IllegalArgumentException("the runs are not comparable: " + String.join(", ", differences)
                        + " (--allow-fingerprint-change compares them anyway)");
            }
            notes.add("fingerprint differs (" + String.join(", ", differences)
                    + "): compared anyway because of --allow-fingerprint-change");
        }
        flaggedMeasurements(notes, "baseline", baseline);
        flaggedMeasurements(notes, "current", current);
        current.results().designs().forEach(design -> names.add(nameOf(design)));
        baseline.results().designs().forEach(design -> names.add(nameOf(design)));
        decideIntervalMetrics(names);
        List<Verdict> verdicts = new ArrayList<>();
        for (String name : names) {
            design(name, verdicts);
        }
        return new GateReport(baseline.id(), current.id(), config.source(), List.copyOf(notes), List.copyOf(verdicts));
    }

    /** A note for each design whose storage- or service-level measurement a check flagged: its verdicts rest on it. */
    private static void flaggedMeasurements(List<String> notes, String which, Run run) {
        for (RunResults.Design design : run.results().designs()) {
            RunResults.Latency storage = design.storageLevel();
            if (storage != null && storage.flagged()) {
                notes.add(which + " run " + run.id() + ": " + nameOf(design) + "'s storage-level figures are flagged ("
                        + String.join("; ", storage.checks().flags()) + "); its storage verdicts rest on them");
            }
            RunResults.Latency service = design.serviceLevel();
            if (service != null && service.flagged()) {
                notes.add(which + " run " + run.id() + ": " + nameOf(design) + "'s service-level figures are flagged ("
                        + String.join("; ", service.checks().flags()) + "); its service verdicts rest on them");
            }
        }
    }

    /** A design's name; the empty name of a nameless design, as the file has it. */
    private static String nameOf(RunResults.Design design) {
        return design.name() == null ? "" : design.name();
    }

    private void design(String name, List<Verdict> verdicts) {
        RunResults.Design before = baseline.design(name);
        RunResults.Design after = current.design(name);
        if (after == null) {
            verdicts.add(new Verdict(name, Verdict.STATUS, Verdict.Status.NOT_MEASURED, null, null, null,
                    "not in the current run"));
            return;
        }
        String status = after.status() == null ? "" : after.status();
        String reason = after.reason() == null ? "no reason given" : after.reason();
        if (RunResults.FAILED.equals(status)) {
            verdicts.add(new Verdict(name, Verdict.STATUS, Verdict.Status.FAILED, null, null, null,
                    "failed in the current run: " + reason));
            return;
        }
        if (!after.measured()) {
            verdicts.add(new Verdict(name, Verdict.STATUS, Verdict.Status.NOT_MEASURED, null, null, null,
                    status + " in the current run: " + reason));
            return;
        }
        String noBaseline = null;
        if (before == null) {
            noBaseline = "not in the baseline";
        } else if (!before.measured()) {
            noBaseline = (before.status() == null ? "" : before.status()) + " in the baseline";
        }
        if (config.planShape() != GateConfig.PlanShapeRule.IGNORE) {
            verdicts.add(planShape(name, noBaseline == null ? before : null, after, noBaseline));
        }
        for (Metric metric : Metric.ALL.values()) {
            boolean compared = config.compare().containsKey(metric);
            Double budget = config.budget(name, metric);
            if (compared || budget != null) {
                verdicts.add(metric(name, metric, compared, budget, noBaseline == null ? before : null, after,
                        noBaseline));
            }
        }
    }

    /** Said of a change the other designs made alike. */
    static final String RUN_WIDE_SHIFT = "not told apart from the other designs' change: a run-wide shift (a slower"
            + " or faster machine, or a change common to all designs), not gated";

    private static String key(String design, Metric metric) {
        return design + "\u0000" + metric.id();
    }

    /**
     * The noise model on every compared interval-based metric of every design, decided as one family: each test is
     * the ratio of pooled figures (current over baseline) from block bootstraps of both runs' interval histograms,
     * taken against the other designs' change when {@link GateConfig.DriftReference#OTHER_DESIGNS} and another design
     * was measured in both runs; Holm–Bonferroni across the family keeps the chance that a run of the same code
     * fails on any of them at {@code 1 - confidence}.
     */
    private void decideIntervalMetrics(Set<String> names) {
        BootstrapSettings defaults = BootstrapSettings.DEFAULT;
        List<String> keys = new ArrayList<>();
        List<RatioTest> family = new ArrayList<>();
        List<Double> thresholds = new ArrayList<>();
        Map<String, RatioTest> own = new HashMap<>();
        Map<String, List<String>> referencesOf = new HashMap<>();
        Map<String, int[]> blocksOf = new HashMap<>();
        Map<String, Double> phaseNoiseOf = new HashMap<>();
        for (Metric metric : config.compare().keySet()) {
            Figure figure = figureOf(metric.noise().source());
            if (figure == null) {
                continue;
            }
            String artifact = metric.noise().intervalLog();
            // The storage level takes its designs in alternating slices; the service level one after another.
            boolean interleaved = Metric.STORAGE_LOG.equals(artifact);
            Map<String, BlockSeries[]> usable = new java.util.LinkedHashMap<>();
            for (String name : names) {
                Object found = seriesPair(name, metric, artifact);
                if (found instanceof String reason) {
                    intervalDecisions.put(key(name, metric), reason);
                } else if (found != null) {
                    usable.put(name, (BlockSeries[]) found);
                }
            }
            for (Map.Entry<String, BlockSeries[]> entry : usable.entrySet()) {
                String name = entry.getKey();
                BlockSeries base = entry.getValue()[0];
                BlockSeries now = entry.getValue()[1];
                BootstrapSettings settings = new BootstrapSettings(config.resamples(), config.confidence(),
                        config.seed() + (name + ":" + metric.id()).hashCode(), 0, defaults.minReadsBeyond(),
                        config.phaseNoise(metric));
                RatioTest alone = RatioBootstrap.independent(base, now, List.of(figure), settings).get(0);
                List<String> references = new ArrayList<>();
                List<BlockSeries> referenceBases = new ArrayList<>();
                List<BlockSeries> referenceNows = new ArrayList<>();
                if (config.driftReference() == GateConfig.DriftReference.OTHER_DESIGNS) {
                    usable.forEach((other, series) -> {
                        if (!other.equals(name)) {
                            references.add(other);
                            referenceBases.add(series[0]);
                            referenceNows.add(series[1]);
                        }
                    });
                }
                RatioTest decisive = references.isEmpty() ? alone : RatioBootstrap.againstReference(base, now,
                        referenceBases, referenceNows, List.of(figure), settings, interleaved).get(0);
                String key = key(name, metric);
                keys.add(key);
                family.add(decisive);
                thresholds.add(config.threshold(metric));
                own.put(key, alone);
                referencesOf.put(key, references);
                blocksOf.put(key, new int[] {base.size(), now.size()});
                phaseNoiseOf.put(key, settings.phaseNoise());
            }
        }
        List<Comparison> decided = Comparisons.decide(family, 1 - config.confidence(),
                thresholds.stream().mapToDouble(Double::doubleValue).toArray());
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            intervalDecisions.put(key, new IntervalDecision(decided.get(i), own.get(key), referencesOf.get(key),
                    blocksOf.get(key)[0], blocksOf.get(key)[1], family.size(), phaseNoiseOf.get(key)));
        }
    }

    /**
     * Both runs' blocks of one design for {@code metric}: the pair, a reason there is no noise data, or null when the
     * metric was not measured in both runs (the verdict says so without the noise model).
     */
    private Object seriesPair(String name, Metric metric, String artifact) {
        RunResults.Design before = baseline.design(name);
        RunResults.Design after = current.design(name);
        if (before == null || after == null || !before.measured() || !after.measured()
                || metric.valueIn(before) == null || metric.valueIn(after) == null) {
            return null;
        }
        Object baseSeries = series(baseline, name, before, artifact);
        Object currentSeries = series(current, name, after, artifact);
        if (baseSeries instanceof String reason) {
            return "baseline: " + reason;
        }
        if (currentSeries instanceof String reason) {
            return "current run: " + reason;
        }
        BlockSeries base = (BlockSeries) baseSeries;
        BlockSeries now = (BlockSeries) currentSeries;
        if (base.size() < config.minIntervals() || now.size() < config.minIntervals()) {
            return "too few intervals (" + base.size() + " and " + now.size() + ", need " + config.minIntervals()
                    + ")";
        }
        return new BlockSeries[] {base, now};
    }

    private static Figure figureOf(Metric.Noise.Source source) {
        return switch (source) {
            case INTERVAL_P50 -> Figure.P50;
            case INTERVAL_P99 -> Figure.P99;
            case INTERVAL_RATE -> Figure.THROUGHPUT;
            default -> null;
        };
    }

    /**
     * The noise model's decision on one design's interval-based metric.
     *
     * @param decisive      the call on the decisive ratio (against the other designs when there are references),
     *                      after Holm across the gate's family
     * @param alone         the design's own change, current over baseline, before any reference
     * @param references    the designs whose change {@code decisive} is taken against; empty for the change alone
     * @param baseBlocks    blocks in the baseline run
     * @param currentBlocks blocks in the current run
     * @param familySize    tests in the Holm family
     * @param phaseNoise    the between-phase noise the intervals carry besides their blocks' (0 for none)
     */
    private record IntervalDecision(Comparison decisive, RatioTest alone, List<String> references, int baseBlocks,
                                    int currentBlocks, int familySize, double phaseNoise) {

        Outcome outcome(double threshold, double confidence) {
            Figure figure = decisive.figure();
            int worseSign = figure.lowerIsBetter() ? 1 : -1;
            double ownLow = alone.low(confidence);
            double ownHigh = alone.high(confidence);
            double ownChange = worseSign * (alone.ratio() - 1);
            boolean ownWorse = worseSign > 0 ? ownLow > 1 : ownHigh < 1;
            boolean ownBetter = worseSign > 0 ? ownHigh < 1 : ownLow > 1;
            StringBuilder detail = new StringBuilder(String.format(Locale.ROOT,
                    "%s pooled over %d vs %d blocks: %s, %s CI of the change [%s, %s]", figure.label(), baseBlocks,
                    currentBlocks, Verdict.worse(ownChange), level(confidence),
                    Verdict.percent(worseBound(alone.ratio(), ownLow, ownHigh, worseSign, true)),
                    Verdict.percent(worseBound(alone.ratio(), ownLow, ownHigh, worseSign, false))));
            double change = worseSign * (decisive.ratio() - 1);
            if (!references.isEmpty()) {
                detail.append(String.format(Locale.ROOT, "; against the change of %s: %s, %s CI [%s, %s]",
                        String.join(", ", references), Verdict.worse(change), level(decisive.confidence()),
                        Verdict.percent(worseBound(decisive.ratio(), decisive.low(), decisive.high(), worseSign,
                                true)),
                        Verdict.percent(worseBound(decisive.ratio(), decisive.low(), decisive.high(), worseSign,
                                false))));
            }
            detail.append(String.format(Locale.ROOT, ", Holm p=%.3f of %d", decisive.adjustedP(), familySize));
            if (phaseNoise > 0) {
                detail.append(String.format(Locale.ROOT, " (with phase noise %s per phase)",
                        Verdict.percent(phaseNoise).replace("+", "±")));
            }
            Verdict.Status status = Verdict.Status.PASS;
            boolean sameDirection = references.isEmpty();
            if (decisive.call() == Comparison.Call.WORSE && (sameDirection || ownWorse)) {
                status = Verdict.Status.REGRESSION;
            } else if (decisive.call() == Comparison.Call.BETTER && (sameDirection || ownBetter)) {
                status = Verdict.Status.IMPROVED;
            } else if (!references.isEmpty() && Math.abs(ownChange) > threshold && (ownWorse || ownBetter)
                    && !decisive.call().decisive()) {
                detail.append("; ").append(RUN_WIDE_SHIFT);
            }
            detail.append("; threshold ").append(Verdict.percent(threshold));
            return new Outcome(status, detail.toString());
        }

        /** A bound of a ratio's interval as a worse-signed change: the lower one first. */
        private static double worseBound(double ratio, double low, double high, int worseSign, boolean lower) {
            return worseSign > 0 ? (lower ? low : high) - 1 : 1 - (lower ? high : low);
        }

        private static String level(double confidence) {
            double percent = confidence * 100;
            return (Math.abs(percent - Math.rint(percent)) < 0.05 ? String.format(Locale.ROOT, "%.0f", percent)
                    : String.format(Locale.ROOT, "%.1f", percent)) + "%";
        }
    }

    private Verdict planShape(String name, RunResults.Design before, RunResults.Design after, String noBaseline) {
        List<String> currentShape = shape(after);
        if (noBaseline != null) {
            return new Verdict(name, Verdict.PLAN_SHAPE, Verdict.Status.NOT_MEASURED, null, null, null,
                    noBaseline);
        }
        List<String> baselineShape = shape(before);
        if (baselineShape == null || currentShape == null) {
            return new Verdict(name, Verdict.PLAN_SHAPE, Verdict.Status.NOT_MEASURED, null, null, null,
                    "no read plan in the " + (baselineShape == null ? "baseline" : "current run"));
        }
        if (baselineShape.equals(currentShape)) {
            return new Verdict(name, Verdict.PLAN_SHAPE, Verdict.Status.PASS, null, null, null,
                    "unchanged: " + shapeText(currentShape));
        }
        Verdict.Status status = config.planShape() == GateConfig.PlanShapeRule.FAIL ? Verdict.Status.PLAN_CHANGED
                : Verdict.Status.PASS;
        return new Verdict(name, Verdict.PLAN_SHAPE, status, null, null, null,
                "baseline " + shapeText(baselineShape) + " -> current " + shapeText(currentShape)
                        + (status.failing() ? "" : " (plan_shape: report)"));
    }

    /** The read plan's shape: the stored summary's, else the one of the stored plan, else null. */
    private static List<String> shape(RunResults.Design design) {
        if (design.planSummary() != null && design.planSummary().shape() != null) {
            return design.planSummary().shape();
        }
        PlanSummary summary = PlanSummary.of(design.plan());
        return summary == null ? null : summary.shape();
    }

    static String shapeText(List<String> shape) {
        return "[" + String.join(" > ", shape) + "]";
    }

    private Verdict metric(String name, Metric metric, boolean compared, Double budget, RunResults.Design before,
                           RunResults.Design after, String noBaseline) {
        Double baselineValue = before == null ? null : metric.valueIn(before);
        Double currentValue = metric.valueIn(after);
        Verdict.Status status;
        List<String> details = new ArrayList<>();
        if (compared) {
            if (baselineValue == null || currentValue == null) {
                status = Verdict.Status.NOT_MEASURED;
                details.add(noBaseline != null ? noBaseline : "not measured in the "
                        + (baselineValue == null && currentValue == null ? "baseline nor the current run"
                        : baselineValue == null ? "baseline" : "current run"));
            } else {
                Outcome outcome = compare(name, metric, baselineValue, currentValue, before, after);
                status = outcome.status();
                details.add(outcome.detail());
            }
        } else {
            status = currentValue == null ? Verdict.Status.NOT_MEASURED : Verdict.Status.PASS;
        }
        if (budget != null) {
            String limit = (metric.direction() == Metric.Direction.LOWER_IS_BETTER ? "<= " : ">= ")
                    + Verdict.format(budget, metric.unit());
            if (currentValue == null) {
                details.add("budget " + limit + ": not measured");
            } else if (metric.worseSign() * (currentValue - budget) > 0) {
                details.add("OVER BUDGET " + limit);
                if (!status.failing()) {
                    status = Verdict.Status.OVER_BUDGET;
                }
            } else {
                details.add("within budget " + limit);
            }
        }
        return new Verdict(name, metric.id(), status, baselineValue, currentValue, metric.unit(),
                String.join("; ", details));
    }

    /** A comparison's outcome. */
    private record Outcome(Verdict.Status status, String detail) {
    }

    private Outcome compare(String name, Metric metric, double before, double after,
                            RunResults.Design baselineDesign, RunResults.Design currentDesign) {
        double threshold = config.threshold(metric);
        String limit = "threshold " + Verdict.percent(threshold);
        Metric.Noise noise = metric.noise();
        switch (noise.source()) {
            case INTERVAL_P50, INTERVAL_P99, INTERVAL_RATE -> {
                Object decided = intervalDecisions.get(key(name, metric));
                if (decided == null || decided instanceof String) {
                    return withoutNoiseData(metric, before, after, decided == null ? "no interval data"
                            : (String) decided);
                }
                IntervalDecision decision = (IntervalDecision) decided;
                if (decision.decisive().call() == Comparison.Call.NOT_ENOUGH_READS) {
                    return withoutNoiseData(metric, before, after, decision.decisive().notEnoughReads().reason());
                }
                return decision.outcome(threshold, config.confidence());
            }
            case JMH_ERROR -> {
                Double baseError = noise.error().apply(baselineDesign);
                Double currentError = noise.error().apply(currentDesign);
                if (baseError == null || currentError == null) {
                    return withoutNoiseData(metric, before, after, "no JMH error");
                }
                double change = relative(metric, before, after);
                double phase = JMH_ERROR_Z * config.phaseNoise(metric);
                double errorOfDifference = Math.hypot(Math.hypot(baseError, currentError),
                        phase * Math.hypot(before, after));
                double worse = metric.worseSign() * (after - before);
                boolean ownWorse = change > threshold && worse > errorOfDifference;
                boolean ownBetter = change < -threshold && -worse > errorOfDifference;
                String detail = Verdict.worse(change) + ", JMH error of the difference +/- "
                        + Verdict.format(errorOfDifference, metric.unit())
                        + (phase > 0 ? " (with phase noise " + Verdict.percent(config.phaseNoise(metric))
                        .replace("+", "±") + " per phase)" : "");
                JmhReference reference = jmhReference(name, metric, before, after, baseError, currentError,
                        phase);
                if (reference == null) {
                    Verdict.Status status = ownWorse ? Verdict.Status.REGRESSION
                            : ownBetter ? Verdict.Status.IMPROVED : Verdict.Status.PASS;
                    return new Outcome(status, detail + "; " + limit);
                }
                double relativeChange = metric.worseSign() * (Math.exp(reference.logChange()) - 1);
                boolean beyondError = Math.abs(reference.logChange()) > reference.logError();
                Verdict.Status status = ownWorse && relativeChange > threshold && beyondError
                        ? Verdict.Status.REGRESSION
                        : ownBetter && relativeChange < -threshold && beyondError ? Verdict.Status.IMPROVED
                        : Verdict.Status.PASS;
                detail += String.format(Locale.ROOT, "; against the change of %s: %s, error +/- %.1f%%",
                        String.join(", ", reference.designs()), Verdict.worse(relativeChange),
                        (Math.exp(reference.logError()) - 1) * 100);
                boolean relativeCalled = Math.abs(relativeChange) > threshold && beyondError;
                if (status == Verdict.Status.PASS && (ownWorse || ownBetter) && !relativeCalled) {
                    detail += "; " + RUN_WIDE_SHIFT;
                }
                return new Outcome(status, detail + "; " + limit);
            }
            case EXACT -> {
                double change = relative(metric, before, after);
                Verdict.Status status = change > threshold ? Verdict.Status.REGRESSION
                        : change < -threshold ? Verdict.Status.IMPROVED : Verdict.Status.PASS;
                return new Outcome(status, Verdict.worse(change) + " (exact figure, no run-to-run noise); "
                        + limit);
            }
            default -> {
                return withoutNoiseData(metric, before, after, "a single measurement");
            }
        }
    }

    /**
     * A design's JMH change against the other designs' JMH changes in the same two runs.
     *
     * @param designs   the reference designs
     * @param logChange log of the design's ratio over the geometric mean of the references' ratios
     * @param logError  its error, JMH's relative errors combined in quadrature (the references' averaged)
     */
    private record JmhReference(List<String> designs, double logChange, double logError) {
    }

    /** Null when the gate takes no reference or no other design has JMH figures with errors in both runs. */
    /** JMH's error is the half-width of a 99.9 % interval: phase noise is scaled to the same level. */
    private static final double JMH_ERROR_Z = 3.2905;

    private JmhReference jmhReference(String name, Metric metric, double before, double after, double baseError,
                                      double currentError, double phase) {
        if (config.driftReference() != GateConfig.DriftReference.OTHER_DESIGNS) {
            return null;
        }
        List<String> designs = new ArrayList<>();
        double referenceLog = 0;
        double referenceVariance = 0;
        for (String other : names) {
            RunResults.Design otherBefore = baseline.design(other);
            RunResults.Design otherAfter = current.design(other);
            if (other.equals(name) || otherBefore == null || otherAfter == null || !otherBefore.measured()
                    || !otherAfter.measured()) {
                continue;
            }
            Double b = metric.valueIn(otherBefore);
            Double a = metric.valueIn(otherAfter);
            Double be = metric.noise().error().apply(otherBefore);
            Double ae = metric.noise().error().apply(otherAfter);
            if (b == null || a == null || be == null || ae == null || b <= 0 || a <= 0) {
                continue;
            }
            designs.add(other);
            referenceLog += Math.log(a / b);
            referenceVariance += Math.pow(be / b, 2) + Math.pow(ae / a, 2);
        }
        if (designs.isEmpty() || before <= 0 || after <= 0) {
            return null;
        }
        int k = designs.size();
        double logChange = Math.log(after / before) - referenceLog / k;
        double variance = Math.pow(baseError / before, 2) + Math.pow(currentError / after, 2)
                + referenceVariance / ((double) k * k) + phase * phase * (2 + 2.0 / k);
        return new JmhReference(designs, logChange, Math.sqrt(variance));
    }

    private Outcome withoutNoiseData(Metric metric, double before, double after, String reason) {
        double change = relative(metric, before, after);
        double threshold = config.threshold(metric);
        if (config.failWithoutNoiseData()) {
            Verdict.Status status = change > threshold ? Verdict.Status.REGRESSION : Verdict.Status.PASS;
            return new Outcome(status, Verdict.worse(change) + "; threshold only, NOT noise-aware (no noise"
                    + " data: " + reason + "); threshold " + Verdict.percent(threshold));
        }
        return new Outcome(Verdict.Status.NO_NOISE_DATA, Verdict.worse(change) + "; not gated (no noise"
                + " data: " + reason + ")");
    }

    private static double relative(Metric metric, double before, double after) {
        if (before == 0) {
            return after == before ? 0 : metric.worseSign() * Math.signum(after - before) * Double.POSITIVE_INFINITY;
        }
        return metric.worseSign() * (after - before) / Math.abs(before);
    }

    /** The design's interval series from {@code artifact}, or a one-line reason why there is none. */
    private Object series(Run run, String name, RunResults.Design design, String artifact) {
        String key = System.identityHashCode(run) + ":" + name + ":" + artifact;
        return seriesCache.computeIfAbsent(key, ignored -> {
            String relative = design.artifacts() == null ? null : design.artifacts().get(artifact);
            if (relative == null) {
                return "no " + artifact + " in artifacts";
            }
            Path file = run.folder().resolve(relative);
            try {
                return IntervalBlocks.read(file, name, config.minReadsPerInterval());
            } catch (java.nio.file.NoSuchFileException e) {
                return "cannot read " + relative + ": no such file";
            } catch (IOException e) {
                return "cannot read " + relative + ": " + (e.getMessage() == null ? e.toString()
                        : e.getMessage().replace(file.toString() + ": ", ""));
            }
        });
    }
}
