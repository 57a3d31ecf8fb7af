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
     * One cell.
     *
     * @param text   the formatted figure, or the absent mark
     * @param value  the raw figure, or null
     * @param best   true when this is the best value of its column (at least two measured designs had one)
     * @param ratio  the figure divided by the best, e.g. {@code ×2.31}; null for the best, absent figures, and
     *               metrics without ratios
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
            return new Cell(text, value, true, null);
        }
        String ratio = MetricText.hasRatios(metric) && bestValue != 0
                ? "×" + String.format(Locale.ROOT, "%.2f", value / bestValue) : null;
        return new Cell(text, value, false, ratio);
    }
}
