package dev.schemabench.gate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A percentile bootstrap of the relative change of the median between two independent series (per-interval figures
 * of a baseline run and a current run). Adjacent intervals share machine state (a busy neighbour, a checkpoint), so
 * each series is resampled in circular blocks of consecutive values (block length the cube root of its length,
 * rounded up) rather than value by value, which would understate the noise. Deterministic: the same inputs and seed
 * give the same interval. Stateless and thread-safe.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /**
     * The outcome, as relative changes signed so that positive is worse.
     *
     * @param baselineMedian median of the baseline values
     * @param currentMedian  median of the current values
     * @param change         relative change of the medians, positive when worse
     * @param low            lower bound of the confidence interval of {@code change}
     * @param high           upper bound
     */
    public record Result(double baselineMedian, double currentMedian, double change, double low, double high) {
    }

    /**
     * Resamples each side with replacement {@code resamples} times and takes the {@code (1 - confidence) / 2} and
     * {@code (1 + confidence) / 2} quantiles of the relative change of medians.
     *
     * @param worseSign  {@code +1} when larger values are worse (latency), {@code -1} when smaller are (throughput)
     * @param confidence for example 0.95
     */
    public static Result medianChange(double[] baseline, double[] current, int worseSign, int resamples,
                                      double confidence, long seed) {
        if (baseline.length == 0 || current.length == 0) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        double baseMedian = median(baseline.clone());
        double currentMedian = median(current.clone());
        double change = relative(baseMedian, currentMedian, worseSign);
        SplittableRandom random = new SplittableRandom(seed);
        double[] changes = new double[resamples];
        double[] baseDraw = new double[baseline.length];
        double[] currentDraw = new double[current.length];
        for (int r = 0; r < resamples; r++) {
            draw(baseline, baseDraw, random);
            draw(current, currentDraw, random);
            changes[r] = relative(median(baseDraw), median(currentDraw), worseSign);
        }
        Arrays.sort(changes);
        double alpha = (1 - confidence) / 2;
        return new Result(baseMedian, currentMedian, change, quantile(changes, alpha), quantile(changes, 1 - alpha));
    }

    /** Fills {@code into} with circular blocks of consecutive values of {@code from}, each from a random start. */
    private static void draw(double[] from, double[] into, SplittableRandom random) {
        int block = blockLength(from.length);
        int i = 0;
        while (i < into.length) {
            int start = random.nextInt(from.length);
            for (int j = 0; j < block && i < into.length; j++, i++) {
                into[i] = from[(start + j) % from.length];
            }
        }
    }

    /** Consecutive values resampled together: the cube root of the series length, rounded up. */
    static int blockLength(int length) {
        return Math.max(1, (int) Math.ceil(Math.cbrt(length)));
    }

    private static double relative(double baseline, double current, int worseSign) {
        if (baseline == 0) {
            return current == 0 ? 0 : worseSign * Math.signum(current) * Double.POSITIVE_INFINITY;
        }
        return worseSign * (current - baseline) / Math.abs(baseline);
    }

    /** The median; sorts {@code values} in place. */
    static double median(double[] values) {
        Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** Linear interpolation between order statistics of sorted {@code values} (type 7, as R and NumPy default). */
    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        double fraction = position - below;
        if (Double.isInfinite(sorted[below]) || Double.isInfinite(sorted[above])) {
            return fraction < 0.5 ? sorted[below] : sorted[above];
        }
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
