package dev.schemabench.suite;

import dev.schemabench.results.RunResults;
import dev.schemabench.stats.Blocks;
import dev.schemabench.stats.ScheduleLag;
import dev.schemabench.stats.Stationarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The measurement checks of one design's service-level window (docs/statistics.md), from the files Gatling's
 * {@code SimilarProducts} wrote: whether latency stayed stationary across the window, cut into slices of equal reads,
 * and whether the load generator kept the open model's schedule. The warm-up is Gatling's fixed one, recorded as
 * {@code fixed}. Stateless.
 */
final class ServiceLevelChecks {

    /** The window is cut into this many slices of equal reads for the trend test, fewer when it is short. */
    static final int SLICES = 10;

    private ServiceLevelChecks() {
    }

    /**
     * The checks of a window whose one-second latency intervals are in {@code latencyLog} and whose send lags are in
     * {@code sendLagLog} (absent for a scenario jar that does not write it: the schedule is then not checked).
     */
    static RunResults.MeasurementChecks of(Path latencyLog, Path sendLagLog, double ratePerSecond, Duration warmup)
            throws IOException {
        List<Histogram> intervals = new ArrayList<>(Blocks.readLog(latencyLog, null));
        intervals.removeIf(interval -> interval.getTotalCount() == 0);
        intervals.sort(Comparator.comparingLong(Histogram::getStartTimeStamp));
        int slices = Math.min(SLICES, intervals.size() / 2);
        double[] medians = new double[Math.max(0, slices)];
        if (slices >= 1) {
            List<List<Histogram>> cut = Blocks.slicesByReads(intervals, slices);
            for (int i = 0; i < slices; i++) {
                Histogram merged = new Histogram(3);
                cut.get(i).forEach(merged::add);
                medians[i] = merged.getValueAtPercentile(50);
            }
        }
        Stationarity.Result trend = Stationarity.check(medians, StorageLevelStage.TREND_ALPHA,
                StorageLevelStage.MAX_DRIFT);
        List<String> flags = new ArrayList<>();
        if (trend.status() == Stationarity.Status.DRIFTING) {
            flags.add("latency " + trend.describe());
        }
        ScheduleLag.Tolerance tolerance = StorageLevelStage.lagTolerance(ratePerSecond);
        ScheduleLag.Result lag = null;
        if (Files.isRegularFile(sendLagLog)) {
            Histogram lags = new Histogram(3);
            Blocks.readLog(sendLagLog, null).forEach(lags::add);
            lag = ScheduleLag.check(lags, tolerance);
            if (!lag.keptSchedule()) {
                flags.add("the load generator (Gatling) " + lag.describe(tolerance));
            }
        }
        boolean measuredTrend = trend.status() != Stationarity.Status.TOO_FEW_SLICES;
        double warmupS = warmup.toMillis() / 1000.0;
        return new RunResults.MeasurementChecks(warmupS, warmupS, "fixed",
                trend.status().name().toLowerCase(Locale.ROOT),
                measuredTrend ? PerDesignStage.round(trend.drift()) : null,
                measuredTrend ? PerDesignStage.round(trend.pValue()) : null, lag == null ? 0 : lag.sends(),
                PerDesignStage.round(tolerance.lateNanos() / 1e6),
                lag == null ? 0 : PerDesignStage.round(lag.p99LagMs()),
                lag == null ? 0 : PerDesignStage.round(lag.maxLagMs()),
                lag == null ? 0 : PerDesignStage.round(lag.lateShare()), lag == null || lag.keptSchedule(),
                List.copyOf(flags));
    }

    /** One line for the run's log, for example "stationary: +2.0 % ...; schedule kept (0.0 % late)". */
    static String describe(RunResults.MeasurementChecks checks) {
        String trend = checks.drift() == null ? "too few slices to check stationarity"
                : String.format(Locale.ROOT, "%s (%+.1f %%, p=%.3f)", checks.stationarity(), checks.drift() * 100,
                checks.trendPValue());
        return trend + "; schedule " + (checks.keptSchedule() ? "kept" : "not kept") + String.format(Locale.ROOT,
                " (%.1f %% of %d sends over %.1f ms late)", checks.lateShare() * 100, checks.sends(),
                checks.lateThresholdMs());
    }
}
