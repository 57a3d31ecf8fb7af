package dev.schemabench.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether a figure stayed put across the measurement's slices: the Mann–Kendall trend test on the per-slice values
 * (for example each slice's median latency of one design, or the per-slice ratio of two designs), with the size of
 * the drift from the Theil–Sen slope. A figure is called drifting only when the trend is significant and the drift
 * over the whole measurement exceeds a practical limit, so a tiny but steady trend does not flag a run. Stateless and
 * thread-safe.
 */
public final class Stationarity {

    /** Fewer slices than this cannot show a significant trend at the usual levels. */
    public static final int MIN_SLICES = 5;

    /** What the check concluded. */
    public enum Status {
        /** No significant trend larger than the limit. */
        STATIONARY,
        /** A significant trend larger than the limit: figures of this measurement should be flagged. */
        DRIFTING,
        /** Too few slices to tell. */
        TOO_FEW_SLICES
    }

    /**
     * The outcome. Immutable.
     *
     * @param status  the conclusion
     * @param slices  values examined
     * @param kendallS the Mann–Kendall statistic: concordant minus discordant pairs of slices
     * @param pValue  two-sided p-value of "no monotonic trend" (normal approximation with the ties correction); NaN
     *                with too few slices
     * @param drift   Theil–Sen slope times the number of slice steps, over the median of the values: the relative
     *                change from the first slice to the last that the trend accounts for; NaN with too few slices
     */
    public record Result(Status status, int slices, long kendallS, double pValue, double drift) {

        /** For example "drifting: +18.0 % from the first slice to the last (p=0.003, 12 slices)". */
        public String describe() {
            return switch (status) {
                case TOO_FEW_SLICES -> String.format(Locale.ROOT, "too few slices to check (%d, %d needed)", slices,
                        MIN_SLICES);
                case STATIONARY -> String.format(Locale.ROOT, "stationary: %+.1f %% from the first slice to the last"
                        + " (p=%.3f, %d slices)", drift * 100, pValue, slices);
                case DRIFTING -> String.format(Locale.ROOT, "drifting: %+.1f %% from the first slice to the last"
                        + " (p=%.3f, %d slices)", drift * 100, pValue, slices);
            };
        }
    }

    private Stationarity() {
    }

    /**
     * Checks {@code sliceValues}, in time order.
     *
     * @param alpha    significance level of the trend test, for example 0.05
     * @param maxDrift largest relative drift over the measurement still taken as stationary, for example 0.10
     */
    public static Result check(double[] sliceValues, double alpha, double maxDrift) {
        int n = sliceValues.length;
        if (n < MIN_SLICES) {
            return new Result(Status.TOO_FEW_SLICES, n, 0, Double.NaN, Double.NaN);
        }
        long s = 0;
        double[] slopes = new double[n * (n - 1) / 2];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Long.signum(Double.compare(sliceValues[j], sliceValues[i]));
                slopes[at++] = (sliceValues[j] - sliceValues[i]) / (j - i);
            }
        }
        double variance = (n * (n - 1.0) * (2 * n + 5) - tiesTerm(sliceValues)) / 18.0;
        double z = variance <= 0 ? 0 : (s - Long.signum(s)) / Math.sqrt(variance);
        double p = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
        double slope = median(slopes);
        double level = median(sliceValues.clone());
        double drift = level == 0 ? (slope == 0 ? 0 : Double.POSITIVE_INFINITY) : slope * (n - 1) / Math.abs(level);
        Status status = p < alpha && Math.abs(drift) > maxDrift ? Status.DRIFTING : Status.STATIONARY;
        return new Result(status, n, s, p, drift);
    }

    /** The ties correction of the variance: the sum of t(t-1)(2t+5) over groups of equal values. */
    private static double tiesTerm(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double term = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            long t = j - i;
            term += t * (t - 1.0) * (2 * t + 5);
            i = j;
        }
        return term;
    }

    /** The median; sorts {@code values} in place. */
    static double median(double[] values) {
        Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** The standard normal distribution function (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
    static double normalCdf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.sqrt(2));
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429)))) * Math.exp(-x * x / 2);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
