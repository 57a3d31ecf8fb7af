package dev.schemabench.stats;

import java.util.OptionalInt;

/**
 * Where a warm-up may end: the first second from which the per-second median latency stopped moving, that is a
 * window of consecutive seconds whose medians all lie within a tolerance of the window's own median and show no
 * trend ({@link Stationarity} with the same tolerance as its drift limit). A warm-up that reaches its cap without
 * such a window never settled, and the run should say so. Stateless and thread-safe.
 */
public final class SteadyState {

    private SteadyState() {
    }

    /**
     * The index of the first second of the first settled window, or empty when no window of {@code window} seconds
     * has settled.
     *
     * @param perSecondMedians the median latency of each second, in time order, any unit
     * @param window           seconds that must agree, at least {@link Stationarity#MIN_SLICES}
     * @param tolerance        how far, as a fraction, each median may lie from the window's median, for example 0.1
     */
    public static OptionalInt settledAt(double[] perSecondMedians, int window, double tolerance) {
        if (window < Stationarity.MIN_SLICES) {
            throw new IllegalArgumentException("a window needs at least " + Stationarity.MIN_SLICES + " seconds");
        }
        double[] values = new double[window];
        for (int start = 0; start + window <= perSecondMedians.length; start++) {
            System.arraycopy(perSecondMedians, start, values, 0, window);
            double median = Stationarity.median(values.clone());
            boolean within = true;
            for (double value : values) {
                within &= Math.abs(value - median) <= tolerance * Math.abs(median);
            }
            if (within && Stationarity.check(values, 0.05, tolerance).status() == Stationarity.Status.STATIONARY) {
                return OptionalInt.of(start);
            }
        }
        return OptionalInt.empty();
    }
}
