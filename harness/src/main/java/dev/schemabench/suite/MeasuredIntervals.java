package dev.schemabench.suite;

import dev.schemabench.results.RunResults;
import dev.schemabench.stats.BlockSeries;
import dev.schemabench.stats.BootstrapSettings;
import dev.schemabench.stats.Estimate;
import dev.schemabench.stats.Figure;
import dev.schemabench.stats.Intervals;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * The confidence intervals of one level's latency figures, from the interval histogram log the stage wrote
 * ({@link Intervals}: a block bootstrap over the one-second intervals with a fixed seed). Stateless and thread-safe.
 */
final class MeasuredIntervals {

    private static final List<Figure> FIGURES = List.of(Figure.P50, Figure.P95, Figure.P99, Figure.P999,
            Figure.THROUGHPUT);

    /** One-second intervals an interval needs at least, as the gate's {@code min_intervals}. */
    static final int MIN_BLOCKS = 10;

    private MeasuredIntervals() {
    }

    /**
     * The intervals from {@code file}'s intervals tagged {@code tag} (every interval when {@code tag} is null), or
     * null when the file cannot be read or holds no read: the figures are then published without intervals, as
     * before, rather than failing a measurement that succeeded.
     */
    static RunResults.LatencyIntervals fromLog(Path file, String tag) {
        List<Histogram> intervals = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            for (EncodableHistogram next = reader.nextIntervalHistogram(); next != null;
                 next = reader.nextIntervalHistogram()) {
                if (next instanceof Histogram histogram && (tag == null || tag.equals(next.getTag()))
                        && next.getEndTimeStamp() > next.getStartTimeStamp()) {
                    intervals.add(histogram);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return of(intervals);
    }

    /**
     * The intervals from one-second histograms in time order; null when they hold no read. Fewer than
     * {@link #MIN_BLOCKS} intervals give no interval at all (each figure says why): a bootstrap over a handful of
     * blocks gives intervals far narrower than the truth, down to none at all over two.
     */
    static RunResults.LatencyIntervals of(List<Histogram> intervals) {
        if (intervals.isEmpty() || intervals.stream().mapToLong(Histogram::getTotalCount).sum() == 0) {
            return null;
        }
        BootstrapSettings settings = BootstrapSettings.DEFAULT;
        if (intervals.size() < MIN_BLOCKS) {
            return tooFewBlocks(intervals, settings);
        }
        List<Estimate> estimates = Intervals.of(BlockSeries.of(intervals), FIGURES, settings);
        String method = String.format(Locale.ROOT, "circular moving-block bootstrap over %d one-second intervals,"
                + " %d resamples, seed %d, %.0f %% percentile intervals; a percentile needs %d reads above it",
                intervals.size(), settings.resamples(), settings.seed(), settings.confidence() * 100,
                settings.minReadsBeyond());
        return new RunResults.LatencyIntervals(figure(estimates.get(0)), figure(estimates.get(1)),
                figure(estimates.get(2)), figure(estimates.get(3)), figure(estimates.get(4)), intervals.size(),
                method);
    }

    private static RunResults.LatencyIntervals tooFewBlocks(List<Histogram> intervals, BootstrapSettings settings) {
        Histogram all = new Histogram(3);
        intervals.forEach(all::add);
        String reason = String.format(Locale.ROOT, "not enough time: %d one-second intervals (%d needed)",
                intervals.size(), MIN_BLOCKS);
        List<RunResults.FigureInterval> figures = new ArrayList<>();
        for (Figure figure : FIGURES) {
            long beyond = figure.isPercentile() ? all.getTotalCount()
                    - all.getCountBetweenValues(0, all.getValueAtPercentile(figure.percentile())) : all.getTotalCount();
            figures.add(new RunResults.FigureInterval(null, null, null, settings.confidence(), all.getTotalCount(),
                    beyond, reason));
        }
        return new RunResults.LatencyIntervals(figures.get(0), figures.get(1), figures.get(2), figures.get(3),
                figures.get(4), intervals.size(), reason);
    }

    private static RunResults.FigureInterval figure(Estimate estimate) {
        double confidence = BootstrapSettings.DEFAULT.confidence();
        if (estimate instanceof Estimate.Measured measured) {
            return new RunResults.FigureInterval(round(measured.value()), round(measured.low()),
                    round(measured.high()), measured.confidence(), measured.reads(), measured.readsBeyond(), null);
        }
        Estimate.NotEnoughReads few = (Estimate.NotEnoughReads) estimate;
        return new RunResults.FigureInterval(null, null, null, confidence, few.reads(), few.readsBeyond(),
                few.reason());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
