package dev.schemabench.report;

import dev.schemabench.gate.Fingerprint;
import dev.schemabench.results.Metric;
import dev.schemabench.results.RunResults;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Three or more runs (or two, asked for) side by side: per verdict metric, one row per design and one column per
 * run, each figure with its 95 % interval where the run recorded one. No run is called better than another here: a
 * series of runs shows a trend, and the gate or a two-run comparison tests a change. Runs whose fingerprints differ
 * (data, seed, server, schema files) are refused unless the caller allows it; then each difference is listed.
 */
final class SideBySide {

    private final List<LoadedRun> runs;
    private final List<String> designs;
    private final List<String> differences = new ArrayList<>();

    /**
     * @param allowFingerprintChange render runs whose fingerprints differ (their differences are listed)
     * @throws IllegalArgumentException naming the runs and the differing fields when they are not comparable and
     *                                  that is not allowed
     */
    SideBySide(List<LoadedRun> runs, boolean allowFingerprintChange) {
        this.runs = List.copyOf(runs);
        LoadedRun first = runs.get(0);
        for (LoadedRun run : runs.subList(1, runs.size())) {
            List<String> differing = Fingerprint.differences(first.results(), run.results());
            if (!differing.isEmpty()) {
                if (!allowFingerprintChange) {
                    throw new IllegalArgumentException("runs " + first.id() + " and " + run.id()
                            + " are not comparable: " + String.join(", ", differing)
                            + " (--allow-fingerprint-change renders them anyway)");
                }
                differences.add(run.id() + " differs from " + first.id() + ": " + String.join(", ", differing));
            }
        }
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(run -> run.results().designs().forEach(design -> names.add(Findings.name(design))));
        this.designs = List.copyOf(names);
    }

    List<LoadedRun> runs() {
        return runs;
    }

    /** Every design in any of the runs, in the order first seen. */
    List<String> designs() {
        return designs;
    }

    /** The fingerprint differences rendered anyway, one line per run that differs from the first. */
    List<String> differences() {
        return differences;
    }

    /** The verdict metrics any run has a figure for. */
    List<Metric> metrics() {
        return Ranking.COLUMNS.stream().filter(metric -> runs.stream().anyMatch(run -> run.results().designs()
                .stream().anyMatch(design -> design.measured() && metric.valueIn(design) != null))).toList();
    }

    /** One cell: the design's figure in that run with " ± x %" where it has an interval, or why there is none. */
    String cell(LoadedRun run, String designName, Metric metric) {
        RunResults.Design design = run.results().designs().stream()
                .filter(each -> Findings.name(each).equals(designName)).findFirst().orElse(null);
        if (design == null) {
            return "not in this run";
        }
        if (!design.measured()) {
            return Text.or(design.status(), "not measured");
        }
        if (metric.valueIn(design) == null) {
            return Text.ABSENT;
        }
        String figure = MetricText.format(metric, design);
        RunResults.FigureInterval interval = metric.intervalIn(design);
        Double half = interval == null ? null : interval.relativeHalfWidth();
        return half == null ? figure : figure + String.format(Locale.ROOT, " ± %.0f %%", half * 100);
    }
}
