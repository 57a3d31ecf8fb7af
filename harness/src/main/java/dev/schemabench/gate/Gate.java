package dev.schemabench.gate;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** A results file and the folder its artifacts are relative to. */
    public record Run(JsonNode results, Path folder) {

        /**
         * Reads and checks {@code file}.
         *
         * @throws IllegalArgumentException with one line when the file is missing, corrupt, of an unknown version
         *                                  or lacks the run or designs
         */
        public static Run read(Path file) {
            JsonNode results = ResultsFile.read(file);
            if (!results.path("run").isObject() || !results.path("designs").isArray()) {
                throw new IllegalArgumentException(file + ": not a SchemaBench results file (no run or designs)");
            }
            Path folder = file.toAbsolutePath().getParent();
            return new Run(results, folder);
        }

        String id() {
            return results.path("run").path("id").asText("?");
        }

        JsonNode design(String name) {
            for (JsonNode design : results.get("designs")) {
                if (name.equals(design.path("name").asText())) {
                    return design;
                }
            }
            return null;
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
        current.results().get("designs").forEach(design -> names.add(design.path("name").asText()));
        baseline.results().get("designs").forEach(design -> names.add(design.path("name").asText()));
        List<Verdict> verdicts = new ArrayList<>();
        for (String name : names) {
            design(name, verdicts);
        }
        return new GateReport(baseline.id(), current.id(), config.source(), List.copyOf(notes), List.copyOf(verdicts));
    }

    private void design(String name, List<Verdict> verdicts) {
        JsonNode before = baseline.design(name);
        JsonNode after = current.design(name);
        if (after == null) {
            verdicts.add(new Verdict(name, Verdict.STATUS, Verdict.Status.NOT_MEASURED, null, null, "",
                    "not in the current run"));
            return;
        }
        String status = after.path("status").asText();
        if (RunResults.FAILED.equals(status)) {
            verdicts.add(new Verdict(name, Verdict.STATUS, Verdict.Status.FAILED, null, null, "",
                    "failed in the current run: " + after.path("reason").asText("no reason given")));
            return;
        }
        if (!RunResults.MEASURED.equals(status)) {
            verdicts.add(new Verdict(name, Verdict.STATUS, Verdict.Status.NOT_MEASURED, null, null, "",
                    status + " in the current run: " + after.path("reason").asText("no reason given")));
            return;
        }
        String noBaseline = null;
        if (before == null) {
            noBaseline = "not in the baseline";
        } else if (!RunResults.MEASURED.equals(before.path("status").asText())) {
            noBaseline = before.path("status").asText() + " in the baseline";
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

    private Verdict planShape(String name, JsonNode before, JsonNode after, String noBaseline) {
        List<String> currentShape = shape(after);
        if (noBaseline != null) {
            return new Verdict(name, Verdict.PLAN_SHAPE, Verdict.Status.NOT_MEASURED, null, null, "",
                    noBaseline);
        }
        List<String> baselineShape = shape(before);
        if (baselineShape == null || currentShape == null) {
            return new Verdict(name, Verdict.PLAN_SHAPE, Verdict.Status.NOT_MEASURED, null, null, "",
                    "no read plan in the " + (baselineShape == null ? "baseline" : "current run"));
        }
        if (baselineShape.equals(currentShape)) {
            return new Verdict(name, Verdict.PLAN_SHAPE, Verdict.Status.PASS, null, null, "",
                    "unchanged: " + shapeText(currentShape));
        }
        Verdict.Status status = config.planShape() == GateConfig.PlanShapeRule.FAIL ? Verdict.Status.PLAN_CHANGED
                : Verdict.Status.PASS;
        return new Verdict(name, Verdict.PLAN_SHAPE, status, null, null, "",
                "baseline " + shapeText(baselineShape) + " -> current " + shapeText(currentShape)
                        + (status.failing() ? "" : " (plan_shape: report)"));
    }

    private static List<String> shape(JsonNode design) {
        JsonNode shape = design.path("plan_summary").path("shape");
        if (!shape.isArray()) {
            PlanSummary summary = PlanSummary.of(design.get("plan"));
            return summary == null ? null : summary.shape();
        }
        List<String> nodes = new ArrayList<>();
        shape.forEach(node -> nodes.add(node.asText()));
        return nodes;
    }

    static String shapeText(List<String> shape) {
        return "[" + String.join(" > ", shape) + "]";
    }

    private Verdict metric(String name, Metric metric, boolean compared, Double budget, JsonNode before,
                           JsonNode after, String noBaseline) {
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
        return new Verdict(name, metric.key(), status, baselineValue, currentValue, metric.unit(),
                String.join("; ", details));
    }

    /** A comparison's outcome. */
    private record Outcome(Verdict.Status status, String detail) {
    }

    private Outcome compare(String name, Metric metric, double before, double after, JsonNode baselineDesign,
                            JsonNode currentDesign) {
        double threshold = config.threshold(metric);
        String limit = "threshold " + Verdict.percent(threshold);
        switch (metric.noise()) {
            case INTERVAL_P50, INTERVAL_P99, INTERVAL_RATE -> {
                Object baseSeries = series(baseline, name, baselineDesign, metric.logArtifact());
                Object currentSeries = series(current, name, currentDesign, metric.logArtifact());
                String missing = baseSeries instanceof String reason ? "baseline: " + reason
                        : currentSeries instanceof String reason ? "current run: " + reason : null;
                if (missing != null) {
                    return withoutNoiseData(metric, before, after, missing);
                }
                double[] base = ((IntervalSeries) baseSeries).values(metric.noise());
                double[] now = ((IntervalSeries) currentSeries).values(metric.noise());
                if (base.length < config.minIntervals() || now.length < config.minIntervals()) {
                    return withoutNoiseData(metric, before, after, "too few intervals (" + base.length + " and "
                            + now.length + ", need " + config.minIntervals() + ")");
                }
                long seed = config.seed() + (name + ":" + metric.key()).hashCode();
                Bootstrap.Result result = Bootstrap.medianChange(base, now, metric.worseSign(), config.resamples(),
                        config.confidence(), seed);
                Verdict.Status status = Verdict.Status.PASS;
                if (result.change() > threshold && result.low() > 0) {
                    status = Verdict.Status.REGRESSION;
                } else if (result.change() < -threshold && result.high() < 0) {
                    status = Verdict.Status.IMPROVED;
                }
                String statistic = switch (metric.noise()) {
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
                Double baseError = metric.jmhErrorIn(baselineDesign);
                Double currentError = metric.jmhErrorIn(currentDesign);
                if (baseError == null || currentError == null) {
                    return withoutNoiseData(metric, before, after, "no JMH error");
                }
                double change = relative(metric, before, after);
                double noise = Math.hypot(baseError, currentError);
                double worse = metric.worseSign() * (after - before);
                Verdict.Status status = change > threshold && worse > noise ? Verdict.Status.REGRESSION
                        : change < -threshold && -worse > noise ? Verdict.Status.IMPROVED : Verdict.Status.PASS;
                return new Outcome(status, Verdict.worse(change) + ", JMH error of the difference +/- "
                        + Verdict.format(noise, metric.unit()) + "; " + limit);
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
    private Object series(Run run, String name, JsonNode design, String artifact) {
        String key = System.identityHashCode(run) + ":" + name + ":" + artifact;
        return seriesCache.computeIfAbsent(key, ignored -> {
            JsonNode relative = design.path("artifacts").get(artifact);
            if (relative == null || !relative.isTextual()) {
                return "no " + artifact + " in artifacts";
            }
            Path file = run.folder().resolve(relative.asText());
            try {
                return IntervalSeries.read(file, name, config.minReadsPerInterval());
            } catch (java.nio.file.NoSuchFileException e) {
                return "cannot read " + relative.asText() + ": no such file";
            } catch (IOException e) {
                return "cannot read " + relative.asText() + ": " + (e.getMessage() == null ? e.toString()
                        : e.getMessage().replace(file.toString() + ": ", ""));
            }
        });
    }
}
