package dev.schemabench.gate;

import dev.schemabench.results.Metric;
import dev.schemabench.results.PlanSummary;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
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
 * budgets. Reads saved results only (results.json and the interval logs next to it). A metric regresses when it is
 * worse than the baseline by more than its threshold and the bootstrap confidence interval of the change lies above
 * zero; a read plan that changed shape fails; a budget breach fails whatever the baseline says. Not thread-safe;
 * one evaluation per instance.
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
        Set<String> names = new LinkedHashSet<>();
        current.results().designs().forEach(design -> names.add(nameOf(design)));
        baseline.results().designs().forEach(design -> names.add(nameOf(design)));
        List<Verdict> verdicts = new ArrayList<>();
        for (String name : names) {
            design(name, verdicts);
        }
        return new GateReport(baseline.id(), current.id(), config.source(), List.copyOf(notes), List.copyOf(verdicts));
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
                Object baseSeries = series(baseline, name, baselineDesign, noise.intervalLog());
                Object currentSeries = series(current, name, currentDesign, noise.intervalLog());
                String missing = baseSeries instanceof String reason ? "baseline: " + reason
                        : currentSeries instanceof String reason ? "current run: " + reason : null;
                if (missing != null) {
                    return withoutNoiseData(metric, before, after, missing);
                }
                double[] base = ((IntervalSeries) baseSeries).values(noise.source());
                double[] now = ((IntervalSeries) currentSeries).values(noise.source());
                if (base.length < config.minIntervals() || now.length < config.minIntervals()) {
                    return withoutNoiseData(metric, before, after, "too few intervals (" + base.length + " and "
                            + now.length + ", need " + config.minIntervals() + ")");
                }
                long seed = config.seed() + (name + ":" + metric.id()).hashCode();
                Bootstrap.Result result = Bootstrap.medianChange(base, now, metric.worseSign(), config.resamples(),
                        config.confidence(), seed);
                Verdict.Status status = Verdict.Status.PASS;
                if (result.change() > threshold && result.low() > 0) {
                    status = Verdict.Status.REGRESSION;
                } else if (result.change() < -threshold && result.high() < 0) {
                    status = Verdict.Status.IMPROVED;
                }
                String statistic = switch (noise.source()) {
                    case INTERVAL_P50 -> "P50";
                    case INTERVAL_P99 -> "P99";
                    default -> "throughput";
                };
                return new Outcome(status, String.format(Locale.ROOT,
                        "median interval %s %s -> %s (%d vs %d intervals): %s, %s CI of the change [%s, %s]; %s",
                        statistic, Verdict.format(result.baselineMedian(), metric.unit()),
                        Verdict.format(result.currentMedian(), metric.unit()), base.length, now.length,
                        Verdict.worse(result.change()), confidenceText(), Verdict.percent(result.low()),
                        Verdict.percent(result.high()), limit));
            }
            case JMH_ERROR -> {
                Double baseError = noise.error().apply(baselineDesign);
                Double currentError = noise.error().apply(currentDesign);
                if (baseError == null || currentError == null) {
                    return withoutNoiseData(metric, before, after, "no JMH error");
                }
                double change = relative(metric, before, after);
                double errorOfDifference = Math.hypot(baseError, currentError);
                double worse = metric.worseSign() * (after - before);
                Verdict.Status status = change > threshold && worse > errorOfDifference ? Verdict.Status.REGRESSION
                        : change < -threshold && -worse > errorOfDifference ? Verdict.Status.IMPROVED
                        : Verdict.Status.PASS;
                return new Outcome(status, Verdict.worse(change) + ", JMH error of the difference +/- "
                        + Verdict.format(errorOfDifference, metric.unit()) + "; " + limit);
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

    private String confidenceText() {
        double percent = config.confidence() * 100;
        return (percent == Math.rint(percent) ? String.format(Locale.ROOT, "%.0f", percent)
                : String.format(Locale.ROOT, "%.1f", percent)) + "%";
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
                return IntervalSeries.read(file, name, config.minReadsPerInterval());
            } catch (java.nio.file.NoSuchFileException e) {
                return "cannot read " + relative + ": no such file";
            } catch (IOException e) {
                return "cannot read " + relative + ": " + (e.getMessage() == null ? e.toString()
                        : e.getMessage().replace(file.toString() + ": ", ""));
            }
        });
    }
}
