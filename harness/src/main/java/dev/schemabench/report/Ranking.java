package dev.schemabench.report;

import dev.schemabench.gate.GateConfig;
import dev.schemabench.results.Metric;
import dev.schemabench.stats.Comparisons;
import dev.schemabench.results.RunResults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verdict table of one run: every design's figure per column ({@link #COLUMNS}), the best value per column among
 * the measured designs, and each figure's ratio to the best. Skipped and failed designs keep their row (with their
 * reason) but never compete for "best". Immutable after construction.
 */
final class Ranking {

    /** The verdict table's columns, in order, from the one metric catalogue. */
    static final List<Metric> COLUMNS = List.of(Metric.STORAGE_P50, Metric.STORAGE_P99, Metric.STORAGE_P999,
            Metric.STORAGE_THROUGHPUT, Metric.SERVICE_P50, Metric.SERVICE_P99, Metric.SERVICE_P999,
            Metric.SERVICE_THROUGHPUT, Metric.TOTAL_BYTES, Metric.INDEX_BYTES, Metric.BYTES_PER_PRODUCT,
            Metric.REFRESH_STAGE, Metric.REFRESH_ACTIVATE, Metric.REFRESH_ROLLBACK, Metric.REFRESH_BAD_READS);

    /**
     * The summary's columns, a subset of {@link #COLUMNS} that fits a pull-request comment with the design's name (at
     * most eight in all): the tail and median a reader compares first, the size, and the weekly refresh.
     */
    static final List<Metric> SUMMARY_COLUMNS = List.of(Metric.STORAGE_P50, Metric.STORAGE_P99, Metric.SERVICE_P99,
            Metric.TOTAL_BYTES, Metric.REFRESH_STAGE, Metric.REFRESH_ACTIVATE, Metric.REFRESH_BAD_READS);

    /** Differences under 5 % are not called, as in the gate and the comparison of two runs. */
    static final double PRACTICAL_THRESHOLD = Comparisons.DEFAULT_THRESHOLD;

    private static final double Z95 = 1.959964;

    /**
     * The ratio from which two single timings of different designs are called different: two draws with the
     * service level's phase noise σ differ by more than exp(1.96 · √2 · σ) about one time in twenty (about 1.52).
     */
    static final double SINGLE_TIMING_RATIO = Math.exp(Z95 * Math.sqrt(2) * GateConfig.DEFAULT_SERVICE_PHASE_NOISE);

    /**
     * One cell.
     *
     * @param text   the formatted figure, or the absent mark
     * @param value  the raw figure, or null
     * @param best   true when this is the best value of its column (at least two measured designs had one) and no
     *               other design is {@link #tiedWithBest tied} with it
     * @param ratio  the figure divided by the best, e.g. {@code ×2.31}, or {@code ~×1.07} when the run cannot tell
     *               the two apart (a tie); null for the best, absent figures, and metrics without ratios
     */
    record Cell(String text, Double value, boolean best, String ratio) {
    }

    private final List<RunResults.Design> designs;
    private final Map<Metric, Double> best = new LinkedHashMap<>();

    Ranking(RunResults results) {
        designs = List.copyOf(results.designs());
        for (Metric metric : COLUMNS) {
            Double bestValue = null;
            int candidates = 0;
            for (RunResults.Design design : designs) {
                Double value = design.measured() ? metric.valueIn(design) : null;
                if (value == null) {
                    continue;
                }
                candidates++;
                if (bestValue == null || (metric.lowerIsBetter() ? value < bestValue : value > bestValue)) {
                    bestValue = value;
                }
            }
            if (candidates >= 2) {
                best.put(metric, bestValue);
            }
        }
    }

    List<RunResults.Design> designs() {
        return designs;
    }

    /** The best value of a column, or null when fewer than two measured designs have one. */
    Double best(Metric metric) {
        return best.get(metric);
    }

    /** The design holding the best value of a column, or null. */
    RunResults.Design bestDesign(Metric metric) {
        Double bestValue = best(metric);
        if (bestValue == null) {
            return null;
        }
        for (RunResults.Design design : designs) {
            if (design.measured() && bestValue.equals(metric.valueIn(design))) {
                return design;
            }
        }
        return null;
    }

    Cell cell(RunResults.Design design, Metric metric) {
        Double value = metric.valueIn(design);
        String text = MetricText.format(metric, design);
        Double bestValue = best(metric);
        if (value == null || bestValue == null || !design.measured()) {
            return new Cell(text, value, false, null);
        }
        if (value.equals(bestValue)) {
            return bestDesign(metric) == design ? new Cell(text, value, !tiedWithAnother(metric), null)
                    : new Cell(text, value, false, MetricText.hasRatios(metric) ? "~×1.00" : null);
        }
        String ratio = MetricText.hasRatios(metric) && bestValue != 0
                ? (tiedWithBest(design, metric) ? "~×" : "×") + String.format(Locale.ROOT, "%.2f", value / bestValue)
                : null;
        return new Cell(text, value, false, ratio);
    }

    /**
     * Whether this run cannot tell {@code design}'s figure of {@code metric} from the best one's (see
     * docs/statistics.md): within the practical threshold of it; or, where the run recorded its own verdict on the
     * pair ({@link RunResults.DesignVerdict}: the paired or independent ratio test, Holm-corrected across the run),
     * that verdict is not decisive; or, with recorded intervals, the two overlap once each is widened by the noise
     * between phases a level takes design after design (so a difference is called only when both tests call it: an
     * A/A run here had its paired test call a copy faster on P99 while one copy's interval spanned 0.74 to 5.3 ms);
     * or, for a single timing, short of {@link #SINGLE_TIMING_RATIO}. False for the best design itself and when
     * there is no best.
     */
    boolean tiedWithBest(RunResults.Design design, Metric metric) {
        RunResults.Design bestDesign = bestDesign(metric);
        Double value = metric.valueIn(design);
        if (bestDesign == null || bestDesign == design || value == null || !design.measured()) {
            return false;
        }
        double bestValue = metric.valueIn(bestDesign);
        double ratio = metric.lowerIsBetter() ? value / bestValue : bestValue / value;
        if (!(ratio > 1 + PRACTICAL_THRESHOLD)) {
            return true;
        }
        RunResults.DesignVerdict verdict = design.comparisons() == null ? null
                : design.comparisons().get(metric.id());
        if (verdict != null && Findings.name(bestDesign).equals(verdict.against()) && !verdict.decisive()) {
            return true;
        }
        RunResults.FigureInterval bestInterval = metric.intervalIn(bestDesign);
        RunResults.FigureInterval interval = metric.intervalIn(design);
        if (bestInterval != null && interval != null && bestInterval.value() != null && interval.value() != null) {
            double widen = Math.exp(Z95 * phaseNoise(metric));
            return interval.low() / widen <= bestInterval.high() * widen
                    && bestInterval.low() / widen <= interval.high() * widen;
        }
        return singleTiming(metric) && ratio < SINGLE_TIMING_RATIO;
    }

    /** The noise between phases of a level that takes designs one after another (as the gate models it). */
    static double phaseNoise(Metric metric) {
        return switch (metric.group()) {
            case Metric.SERVICE_LEVEL -> GateConfig.DEFAULT_SERVICE_PHASE_NOISE;
            case Metric.JMH -> GateConfig.DEFAULT_JMH_PHASE_NOISE;
            default -> 0;
        };
    }

    /** A time measured once per design (the first load's and the weekly refresh's steps): no interval, not exact. */
    private static boolean singleTiming(Metric metric) {
        return metric.unit() == Metric.Unit.MILLISECONDS
                && (metric.group().equals(Metric.REFRESH) || metric.group().equals(Metric.FIRST_BATCH));
    }

    /**
     * Whether no design should be marked best: another measured design is tied with it ({@link #tiedWithBest}), or
     * the best figure rests on too few reads for an interval (a P99.9 of a short run).
     */
    private boolean tiedWithAnother(Metric metric) {
        RunResults.Design bestDesign = bestDesign(metric);
        RunResults.FigureInterval bestInterval = bestDesign == null ? null : metric.intervalIn(bestDesign);
        if (bestInterval != null && bestInterval.value() == null) {
            return true;
        }
        return designs.stream().anyMatch(design -> tiedWithBest(design, metric));
    }
}
