package dev.schemabench.report;

import dev.schemabench.gate.Gate;
import dev.schemabench.gate.GateConfig;
import dev.schemabench.gate.GateReport;
import dev.schemabench.gate.Verdict;
import dev.schemabench.results.Metric;
import dev.schemabench.results.RunResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two runs side by side (typically before and after a schema change): per design and per verdict column, both
 * figures and the difference; and the fingerprint and configuration entries that differ, which usually say what
 * changed (a schema file's hash, the server version, the data size).
 *
 * <p>Each change is read by the gate's own code ({@link Gate}, the default rules with a practical threshold of
 * {@value #NOISE_PERCENT} %): where the runs kept interval data for a metric, a change is called better or worse only
 * when the confidence interval of its ratio, taken against the other designs' change in the same two runs and
 * corrected for multiple comparisons (Holm), excludes 1 and the change exceeds the threshold; otherwise it is
 * indistinguishable. A metric without interval data (sizes, single timings) falls back to the threshold alone and
 * says so. The gate, with the user's rules, decides what fails a build.
 */
final class RunComparison {

    /** The practical threshold, in percent: smaller changes are never called. */
    static final double NOISE_PERCENT = 5.0;

    /** How a change reads: by the gate's test where it applies, else by the threshold alone. */
    enum Reading {
        BETTER, WORSE, SAME, ABSENT
    }

    /**
     * One metric of one design in both runs.
     *
     * @param metric   the verdict column
     * @param before   the first run's figure, or null
     * @param after    the second run's figure, or null
     * @param reading  better, worse, the same (indistinguishable, or within the threshold), or absent
     * @param tested   whether the reading comes from the gate's interval test (else from the threshold alone)
     * @param basis    how the reading was reached, in words (the gate's detail, or the threshold rule)
     */
    record Difference(Metric metric, Double before, Double after, Reading reading, boolean tested, String basis) {

        /** The reading in words: "indistinguishable" for a tested change that was not called. */
        String label() {
            return switch (reading) {
                case BETTER -> "better";
                case WORSE -> "worse";
                case SAME -> tested ? "indistinguishable" : "about the same";
                case ABSENT -> Text.ABSENT;
            };
        }

        /** The signed difference in the metric's unit, or the absent mark. */
        String change() {
            if (before == null || after == null) {
                return Text.ABSENT;
            }
            return MetricText.difference(metric, after - before);
        }

        /** The signed relative change, or the absent mark when there is no base. */
        String percent() {
            if (before == null || after == null) {
                return Text.ABSENT;
            }
            String percent = Text.percentChange(before, after);
            return percent == null ? Text.ABSENT : percent;
        }
    }

    /**
     * One design in both runs.
     *
     * @param name        the design
     * @param before      its results in the first run, or null when absent there
     * @param after       its results in the second run, or null
     * @param differences one per verdict column
     */
    record DesignComparison(String name, RunResults.Design before, RunResults.Design after,
                            List<Difference> differences) {
    }

    /**
     * An entry of the fingerprint or configuration that differs.
     *
     * @param key    the dotted key, e.g. {@code environment.data.seed}
     * @param before the first run's value, or null when absent there
     * @param after  the second run's value, or null
     */
    record Changed(String key, String before, String after) {
    }

    private final LoadedRun before;
    private final LoadedRun after;
    private final List<DesignComparison> designs = new ArrayList<>();
    private final List<Changed> changed = new ArrayList<>();

    RunComparison(LoadedRun before, LoadedRun after) {
        this.before = before;
        this.after = after;
        Map<String, RunResults.Design> beforeDesigns = byName(before.results());
        Map<String, RunResults.Design> afterDesigns = byName(after.results());
        Set<String> names = new LinkedHashSet<>(beforeDesigns.keySet());
        names.addAll(afterDesigns.keySet());
        Map<String, Verdict> tested = gateVerdicts(before, after);
        for (String name : names) {
            RunResults.Design first = beforeDesigns.get(name);
            RunResults.Design second = afterDesigns.get(name);
            List<Difference> differences = new ArrayList<>();
            for (Metric metric : Ranking.COLUMNS) {
                Double a = first == null || !first.measured() ? null : metric.valueIn(first);
                Double b = second == null || !second.measured() ? null : metric.valueIn(second);
                Verdict verdict = tested.get(name + "\u0000" + metric.id());
                Reading byTest = verdict == null || a == null || b == null ? null : switch (verdict.status()) {
                    case PASS -> Reading.SAME;
                    case IMPROVED -> Reading.BETTER;
                    case REGRESSION -> Reading.WORSE;
                    default -> null;
                };
                String untested = a == null || b == null ? null : (verdict == null ? "no interval data"
                        : verdict.status().label() + ": " + verdict.detail()) + "; a change under "
                        + Math.round(NOISE_PERCENT) + " % reads as about the same";
                differences.add(byTest != null ? new Difference(metric, a, b, byTest, true, verdict.detail())
                        : new Difference(metric, a, b, reading(metric, a, b), false, untested));
            }
            designs.add(new DesignComparison(name, first, second, List.copyOf(differences)));
        }
        Map<String, String> beforeEntries = RunEnvironment.comparable(before.results().run());
        Map<String, String> afterEntries = RunEnvironment.comparable(after.results().run());
        Set<String> keys = new LinkedHashSet<>(beforeEntries.keySet());
        keys.addAll(afterEntries.keySet());
        for (String key : keys) {
            String a = beforeEntries.get(key);
            String b = afterEntries.get(key);
            if (a == null ? b != null : !a.equals(b)) {
                changed.add(new Changed(key, a, b));
            }
        }
    }

    /**
     * The gate's verdicts on the two runs, by design and metric, under its default rules with the practical
     * threshold; none when the gate cannot compare them (the comparison then reads every change by the threshold).
     */
    private static Map<String, Verdict> gateVerdicts(LoadedRun before, LoadedRun after) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        try {
            GateReport report = new Gate(new Gate.Run(before.results(), before.runDirectory()),
                    new Gate.Run(after.results(), after.runDirectory()),
                    GateConfig.defaults().withMaxRegression(NOISE_PERCENT / 100)).evaluate(true);
            report.verdicts().forEach(verdict -> verdicts.put(verdict.design() + "\u0000" + verdict.check(), verdict));
        } catch (RuntimeException e) {
            verdicts.clear();
        }
        return verdicts;
    }

    LoadedRun before() {
        return before;
    }

    LoadedRun after() {
        return after;
    }

    List<DesignComparison> designs() {
        return designs;
    }

    /** Fingerprint and configuration entries that differ (the postgres URL and ports excluded: they always do). */
    List<Changed> changed() {
        return changed;
    }

    static Reading reading(Metric metric, Double before, Double after) {
        if (before == null || after == null) {
            return Reading.ABSENT;
        }
        if (before.equals(after)) {
            return Reading.SAME;
        }
        if (before == 0) {
            return metric.lowerIsBetter() == (after < before) ? Reading.BETTER : Reading.WORSE;
        }
        double percent = (after - before) / Math.abs(before) * 100;
        if (Math.abs(percent) < NOISE_PERCENT) {
            return Reading.SAME;
        }
        return metric.lowerIsBetter() == (percent < 0) ? Reading.BETTER : Reading.WORSE;
    }

    private static Map<String, RunResults.Design> byName(RunResults results) {
        Map<String, RunResults.Design> designs = new LinkedHashMap<>();
        results.designs().forEach(design -> designs.put(Findings.name(design), design));
        return designs;
    }
}
