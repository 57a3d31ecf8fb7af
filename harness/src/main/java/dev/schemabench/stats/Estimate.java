package dev.schemabench.stats;

/**
 * One figure of one design with its uncertainty, or the reason it has no number. Immutable values.
 */
public sealed interface Estimate permits Estimate.Measured, Estimate.NotEnoughReads {

    /** The figure estimated. */
    Figure figure();

    /** Successful reads in all blocks together. */
    long reads();

    /**
     * A figure with its bootstrap confidence interval.
     *
     * @param figure      the figure
     * @param value       the figure over all blocks together, in {@link Figure#unit()} (milliseconds or reads per
     *                    second); for a percentile it is what {@code Histogram.getValueAtPercentile} gives on the
     *                    merged blocks
     * @param low         lower bound of the interval, same unit
     * @param high        upper bound, same unit
     * @param confidence  level of the interval, for example 0.95
     * @param reads       successful reads the figure rests on
     * @param readsBeyond reads ranked above the percentile ({@code reads} for throughput)
     */
    record Measured(Figure figure, double value, double low, double high, double confidence, long reads,
                    long readsBeyond) implements Estimate {

        /** Half the interval's width relative to the value, for "± x %"; infinite for a value of 0. */
        public double relativeHalfWidth() {
            return value == 0 ? Double.POSITIVE_INFINITY : (high - low) / 2 / Math.abs(value);
        }
    }

    /**
     * A percentile that too few reads rank above to be told apart from the maximum: reported as this value, not as a
     * number.
     *
     * @param figure      the percentile
     * @param reads       successful reads in all blocks together
     * @param readsBeyond reads ranked above the percentile
     * @param needed      reads beyond it that a number needs ({@link BootstrapSettings#minReadsBeyond()})
     */
    record NotEnoughReads(Figure figure, long reads, long readsBeyond, long needed) implements Estimate {

        /** For example "not enough reads: 5 above P99.9 of 5,120 (10 needed)". */
        public String reason() {
            return String.format(java.util.Locale.ROOT, "not enough reads: %,d above %s of %,d (%,d needed)",
                    readsBeyond, figure.label(), reads, needed);
        }
    }
}
