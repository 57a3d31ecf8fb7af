package dev.schemabench.suite;

import dev.schemabench.gate.GateConfig;
import dev.schemabench.results.Metric;
import dev.schemabench.results.RunResults;
import dev.schemabench.stats.BlockSeries;
import dev.schemabench.stats.Blocks;
import dev.schemabench.stats.BootstrapSettings;
import dev.schemabench.stats.Comparison;
import dev.schemabench.stats.Comparisons;
import dev.schemabench.stats.Figure;
import dev.schemabench.stats.RatioBootstrap;
import dev.schemabench.stats.RatioTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's own verdict on which differences between designs are real (docs/statistics.md): for each latency
 * figure with interval logs, every measured design against the best one, by the ratio of the two figures with its
 * block-bootstrap interval. At the storage level the designs alternate in slices over the same keys, so their blocks
 * are paired slice by slice ({@link Blocks#pair}) and machine drift cancels, and resampled a slice at a time; at the
 * service level, where designs run one after another, the two series are independent and each carries the gate's
 * phase noise. Holm's correction runs across every comparison of the run, so an A/A run does not name a winner by
 * luck, and a difference is called only when significant and beyond the 5 % practical threshold. Stateless.
 */
final class DesignComparisons {

    /** The figures compared, with the level they belong to. */
    private static final List<Metric> METRICS = List.of(Metric.STORAGE_P50, Metric.STORAGE_P99, Metric.SERVICE_P50,
            Metric.SERVICE_P99);
    /** Fewer blocks per design than this give no test (as the intervals, docs/statistics.md). */
    private static final int MIN_BLOCKS = MeasuredIntervals.MIN_BLOCKS;

    private DesignComparisons() {
    }

    private record Pending(String design, Metric metric, String against, RatioTest test) {
    }

    /**
     * The verdicts of every measured design that has a figure to compare against a better one, by design name and
     * metric id; the interval logs are read from {@code directory}, the run folder their artifacts are relative to.
     */
    static Map<String, Map<String, RunResults.DesignVerdict>> of(Path directory, List<RunResults.Design> designs) {
        List<Pending> family = new ArrayList<>();
        for (Metric metric : METRICS) {
            List<RunResults.Design> measured = designs.stream().filter(RunResults.Design::measured)
                    .filter(design -> metric.valueIn(design) != null).toList();
            if (measured.size() < 2) {
                continue;
            }
            RunResults.Design best = measured.stream().min(Comparator.comparingDouble(metric::valueIn)).orElseThrow();
            for (RunResults.Design design : measured) {
                if (design == best) {
                    continue;
                }
                RatioTest test = test(directory, metric, best, design);
                if (test != null) {
                    family.add(new Pending(design.name(), metric, best.name(), test));
                }
            }
        }
        Map<String, Map<String, RunResults.DesignVerdict>> verdicts = new LinkedHashMap<>();
        if (family.isEmpty()) {
            return verdicts;
        }
        List<Comparison> decided = Comparisons.decide(family.stream().map(Pending::test).toList());
        for (int i = 0; i < family.size(); i++) {
            Pending pending = family.get(i);
            Comparison comparison = decided.get(i);
            verdicts.computeIfAbsent(pending.design(), name -> new LinkedHashMap<>()).put(pending.metric().id(),
                    new RunResults.DesignVerdict(pending.against(), comparison.call().name().toLowerCase(Locale.ROOT),
                            finite(comparison.ratio()), finite(comparison.low()), finite(comparison.high()),
                            finite(comparison.confidence()), finite(comparison.pValue()),
                            finite(comparison.adjustedP()), comparison.verdict()));
        }
        return verdicts;
    }

    /** Sets {@code comparisons} on the designs {@link #of} gives verdicts for. */
    static void compute(Path directory, Map<String, DesignResults> results) {
        of(directory, results.values().stream().map(DesignResults::build).toList())
                .forEach((name, verdicts) -> results.get(name).comparisons =
                        java.util.Collections.unmodifiableMap(verdicts));
    }

    /**
     * The ratio test of {@code design} against {@code best} on {@code metric}, or null when the logs cannot give one.
     * Storage-level blocks are paired slice by slice and resampled a slice at a time
     * ({@link RatioBootstrap#pairedBySlice}). A file that does not say how many slices it ran is compared
     * unpaired (its designs still alternated, so without phase noise).
     */
    private static RatioTest test(Path directory, Metric metric, RunResults.Design best, RunResults.Design design) {
        Figure figure = metric.equals(Metric.STORAGE_P50) || metric.equals(Metric.SERVICE_P50) ? Figure.P50
                : Figure.P99;
        try {
            List<org.HdrHistogram.Histogram> bestIntervals = intervals(directory, metric, best);
            List<org.HdrHistogram.Histogram> intervals = intervals(directory, metric, design);
            if (bestIntervals.size() < MIN_BLOCKS || intervals.size() < MIN_BLOCKS) {
                return null;
            }
            int slices = metric.group().equals(Metric.STORAGE_LEVEL)
                    ? Math.min(best.storageLevel().slices(), design.storageLevel().slices()) : 0;
            if (slices > 0) {
                long perSlice = Math.max(1, design.storageLevel().ops() / Math.max(1, slices));
                Blocks.Paired paired = Blocks.pair(Blocks.slicesByReads(bestIntervals, slices),
                        Blocks.slicesByReads(intervals, slices), Math.max(1, perSlice / 50));
                return RatioBootstrap.pairedBySlice(paired, List.of(figure), BootstrapSettings.DEFAULT).get(0);
            }
            BootstrapSettings settings = metric.group().equals(Metric.STORAGE_LEVEL) ? BootstrapSettings.DEFAULT
                    : BootstrapSettings.DEFAULT.withPhaseNoise(GateConfig.DEFAULT_SERVICE_PHASE_NOISE);
            return RatioBootstrap.independent(BlockSeries.of(bestIntervals), BlockSeries.of(intervals),
                    List.of(figure), settings).get(0);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<org.HdrHistogram.Histogram> intervals(Path directory, Metric metric, RunResults.Design design)
            throws IOException {
        String relative = design.artifacts() == null ? null : design.artifacts().get(metric.noise().intervalLog());
        if (relative == null) {
            return List.of();
        }
        Path file = directory.resolve(relative);
        List<org.HdrHistogram.Histogram> intervals = new ArrayList<>(Blocks.readLog(file, design.name()));
        intervals.addAll(Blocks.readLog(file, null));
        intervals.removeIf(interval -> interval.getTotalCount() == 0);
        intervals.sort(Comparator.comparingLong(org.HdrHistogram.Histogram::getStartTimeStamp));
        return intervals;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? Math.round(value * 10_000) / 10_000.0 : null;
    }
}
