package dev.schemabench.stats;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Whether the load generator kept its schedule: the lag between each read's intended send time (from the arrival
 * rate) and the time it was actually sent. Latency is measured from the intended time, so a late send does not hide
 * latency; but sends that bunch up after a stall change the load the design saw, and figures measured that way are
 * flagged. Stateless and thread-safe.
 */
public final class ScheduleLag {

    /**
     * What counts as off schedule. Immutable.
     *
     * @param lateNanos    a send later than this after its intended time is late, nanoseconds
     * @param maxLateShare the share of late sends (0 to 1) above which the schedule was not kept
     */
    public record Tolerance(long lateNanos, double maxLateShare) {

        /** Late beyond 1 ms, at most 1 % of sends late. */
        public static final Tolerance DEFAULT = new Tolerance(1_000_000, 0.01);

        public Tolerance {
            if (lateNanos < 0 || !(maxLateShare >= 0 && maxLateShare <= 1)) {
                throw new IllegalArgumentException("a tolerance needs lateNanos >= 0 and a share in [0, 1]");
            }
        }
    }

    /**
     * The outcome. Immutable.
     *
     * @param sends        sends examined
     * @param p50LagMs     median lag, milliseconds
     * @param p99LagMs     99th percentile of the lag, milliseconds
     * @param maxLagMs     largest lag, milliseconds
     * @param lateSends    sends later than the tolerance
     * @param lateShare    {@code lateSends / sends}; 0 without sends
     * @param keptSchedule whether {@code lateShare} is within the tolerance
     */
    public record Result(long sends, double p50LagMs, double p99LagMs, double maxLagMs, long lateSends,
                         double lateShare, boolean keptSchedule) {

        /** For example "kept its schedule: 0.2 % of 60,000 sends over 1 ms late, P99 lag 0.41 ms". */
        public String describe(Tolerance tolerance) {
            return String.format(Locale.ROOT, "%s: %.1f %% of %,d sends over %s ms late, P99 lag %.2f ms, max %.2f ms",
                    keptSchedule ? "kept its schedule" : "fell behind its schedule", lateShare * 100, sends,
                    Comparison.trim(tolerance.lateNanos() / 1e6), p99LagMs, maxLagMs);
        }
    }

    private ScheduleLag() {
    }

    /**
     * Checks sends given as parallel arrays of intended and actual send times (nanoseconds on one clock, for example
     * {@code System.nanoTime()}). A send before its intended time counts as a lag of 0.
     *
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public static Result check(long[] intendedNanos, long[] actualNanos, Tolerance tolerance) {
        if (intendedNanos.length != actualNanos.length) {
            throw new IllegalArgumentException(intendedNanos.length + " intended times but " + actualNanos.length
                    + " actual ones");
        }
        Histogram lags = new Histogram(3);
        for (int i = 0; i < intendedNanos.length; i++) {
            lags.recordValue(Math.max(0, actualNanos[i] - intendedNanos[i]));
        }
        return check(lags, tolerance);
    }

    /** Checks sends whose lags (nanoseconds) a driver recorded into {@code lagNanos}; the histogram is not changed. */
    public static Result check(Histogram lagNanos, Tolerance tolerance) {
        long sends = lagNanos.getTotalCount();
        if (sends == 0) {
            return new Result(0, 0, 0, 0, 0, 0, true);
        }
        long late = sends - lagNanos.getCountBetweenValues(0, tolerance.lateNanos());
        double share = (double) late / sends;
        return new Result(sends, lagNanos.getValueAtPercentile(50) / 1e6, lagNanos.getValueAtPercentile(99) / 1e6,
                lagNanos.getMaxValue() / 1e6, late, share, share <= tolerance.maxLateShare());
    }
}
