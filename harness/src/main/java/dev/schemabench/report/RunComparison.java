package dev.schemabench.report;

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
 * <p>A change smaller than {@value #NOISE_PERCENT} % is called "about the same": single runs on a shared machine
 * carry at least that much noise. Deciding whether a change is a regression is the gate's job, with its own rules.
 */
final class RunComparison {

    /** Relative changes below this (in percent) are reported as about the same. */
    static final double NOISE_PERCENT = 5.0;

    /** How a change reads, by the metric's direction and the noise margin; not a gate verdict. */
    enum Reading {
        BETTER, WORSE, SAME, ABSENT
    }

    /**
     * One metric of one design in both runs.
     *
     * @param metric   the verdict column
     * @param before   the first run's figure, or null
     * @param after    the second run's figure, or null
     * @param reading  better, worse, about the same, or absent (one side has no figure)
     */
    record Difference(Metric metric, Double before, Double after, Reading reading) {

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
        for (String name : names) {
            RunResults.Design first = beforeDesigns.get(name);
            RunResults.Design second = afterDesigns.get(name);
            List<Difference> differences = new ArrayList<>();
            for (Metric metric : Ranking.COLUMNS) {
                Double a = first == null || !first.measured() ? null : metric.valueIn(first);
                Double b = second == null || !second.measured() ? null : metric.valueIn(second);
                differences.add(new Difference(metric, a, b, reading(metric, a, b)));
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
