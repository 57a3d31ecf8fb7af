package dev.schemabench.stats;

import java.util.List;

/**
 * A figure of one design's reads that the statistics qualify with an interval: a latency percentile (milliseconds,
 * lower is better) or the throughput (successful reads per second, higher is better).
 */
public enum Figure {
    /** The median latency. */
    P50("P50", 50, "ms"),
    /** The 95th percentile of latency. */
    P95("P95", 95, "ms"),
    /** The 99th percentile of latency. */
    P99("P99", 99, "ms"),
    /** The 99.9th percentile of latency. */
    P999("P99.9", 99.9, "ms"),
    /** Successful reads per second of measured time. */
    THROUGHPUT("throughput", Double.NaN, "reads/s");

    private final String label;
    private final double percentile;
    private final String unit;

    Figure(String label, double percentile, String unit) {
        this.label = label;
        this.percentile = percentile;
        this.unit = unit;
    }

    /** The latency percentiles, ascending. */
    public static final List<Figure> PERCENTILES = List.of(P50, P95, P99, P999);

    /** How a reader names it: {@code P99.9}, {@code throughput}. */
    public String label() {
        return label;
    }

    /** The percentile (0 to 100) of a latency figure; NaN for {@link #THROUGHPUT}. */
    public double percentile() {
        return percentile;
    }

    /** Whether the figure is a latency percentile. */
    public boolean isPercentile() {
        return !Double.isNaN(percentile);
    }

    /** {@code ms} for latency, {@code reads/s} for throughput. */
    public String unit() {
        return unit;
    }

    /** Whether a smaller value is the better one (latency); false for throughput. */
    public boolean lowerIsBetter() {
        return isPercentile();
    }
}
