package dev.schemabench.report;

import dev.schemabench.results.Metric;
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

    /**
     * One cell.
     *
     * @param text   the formatted figure, or the absent mark
     * @param value  the raw figure, or null
     * @param best   true when this is the best value of its column (at least two measured designs had one) and no
     *               other design's recorded interval overlaps it
     * @param ratio  the figure divided by the best, e.g. {@code ×2.31}, or {@code ~×1.07} when the two recorded
     *               intervals overlap (a tie); null for the best, absent figures, and metrics without ratios
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
            return new Cell(text, value, !tiedWithAnother(metric), null);
        }
        String ratio = MetricText.hasRatios(metric) && bestValue != 0
                ? (overlapsBest(design, metric) ? "~×" : "×") + String.format(Locale.ROOT, "%.2f", value / bestValue)
                : null;
        return new Cell(text, value, false, ratio);
    }

    /**
     * Whether {@code design}'s recorded interval of {@code metric} overlaps the best design's: the run does not tell
     * them apart (a conservative test; see docs/statistics.md). False when either has no interval.
     */
    boolean overlapsBest(RunResults.Design design, Metric metric) {
        RunResults.Design bestDesign = bestDesign(metric);
        if (bestDesign == null || bestDesign == design) {
            return false;
        }
        RunResults.FigureInterval bestInterval = metric.intervalIn(bestDesign);
        RunResults.FigureInterval interval = metric.intervalIn(design);
        return bestInterval != null && interval != null && bestInterval.value() != null && interval.value() != null
                && interval.low() <= bestInterval.high() && bestInterval.low() <= interval.high();
    }

    /**
     * Whether no design should be marked best: another measured design's interval overlaps the best one's, or the
     * best figure rests on too few reads for an interval (a P99.9 of a short run).
     */
    private boolean tiedWithAnother(Metric metric) {
        RunResults.Design bestDesign = bestDesign(metric);
        RunResults.FigureInterval bestInterval = bestDesign == null ? null : metric.intervalIn(bestDesign);
        if (bestInterval != null && bestInterval.value() == null) {
            return true;
        }
        return designs.stream().anyMatch(design -> design.measured() && overlapsBest(design, metric));
    }
}
