package dev.schemabench.gate;

import dev.schemabench.results.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Per-interval figures of one design's latency, from an HdrHistogram interval log (values in nanoseconds). Short
 * intervals (the remainder at the end of a slice) hold few reads, and the 99th percentile of a few reads is their
 * maximum; so consecutive intervals are merged into blocks of at least {@code minReads} reads before percentiles are
 * taken. Immutable.
 *
 * @param p50Ms   median latency of each block, milliseconds
 * @param p99Ms   99th percentile of each block, milliseconds
 * @param rateOps reads per second of each block (reads divided by the blocks' interval lengths)
 * @param reads   reads in all blocks together
 */
public record IntervalSeries(double[] p50Ms, double[] p99Ms, double[] rateOps, long reads) {

    /** Blocks in the series. */
    public int size() {
        return p50Ms.length;
    }

    /** The block values {@code source} compares, or null when the source is not interval-based. */
    public double[] values(Metric.Noise.Source source) {
        return switch (source) {
            case INTERVAL_P50 -> p50Ms;
            case INTERVAL_P99 -> p99Ms;
            case INTERVAL_RATE -> rateOps;
            default -> null;
        };
    }

    /**
     * Reads {@code file}, keeping intervals tagged {@code tag} (and untagged ones).
     *
     * @throws IOException when the file cannot be read or is not an HdrHistogram log
     */
    public static IntervalSeries read(Path file, String tag, long minReads) throws IOException {
        List<Histogram> intervals = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram next;
            while ((next = nextInterval(reader, file)) != null) {
                if (!(next instanceof Histogram histogram)) {
                    throw new IOException(file + ": holds a " + next.getClass().getSimpleName()
                            + ", not integer latency histograms");
                }
                if (next.getTag() == null || next.getTag().equals(tag)) {
                    intervals.add(histogram);
                }
            }
        }
        return of(intervals, minReads);
    }

    private static EncodableHistogram nextInterval(HistogramLogReader reader, Path file) throws IOException {
        try {
            return reader.nextIntervalHistogram();
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a readable HdrHistogram log (" + e.getMessage() + ")", e);
        }
    }

    /** Merges {@code intervals} (in time order, nanosecond values) into blocks of at least {@code minReads}. */
    public static IntervalSeries of(List<Histogram> intervals, long minReads) {
        List<Histogram> blocks = new ArrayList<>();
        List<Long> lengthsMs = new ArrayList<>();
        Histogram open = null;
        long openLength = 0;
        for (Histogram interval : intervals) {
            if (interval.getTotalCount() == 0) {
                continue;
            }
            if (open == null) {
                open = new Histogram(interval.getNumberOfSignificantValueDigits());
                openLength = 0;
            }
            open.add(interval);
            openLength += Math.max(1, interval.getEndTimeStamp() - interval.getStartTimeStamp());
            if (open.getTotalCount() >= minReads) {
                blocks.add(open);
                lengthsMs.add(openLength);
                open = null;
            }
        }
        if (open != null) {
            if (blocks.isEmpty()) {
                blocks.add(open);
                lengthsMs.add(openLength);
            } else {
                int last = blocks.size() - 1;
                blocks.get(last).add(open);
                lengthsMs.set(last, lengthsMs.get(last) + openLength);
            }
        }
        double[] p50 = new double[blocks.size()];
        double[] p99 = new double[blocks.size()];
        double[] rate = new double[blocks.size()];
        long reads = 0;
        for (int i = 0; i < blocks.size(); i++) {
            Histogram block = blocks.get(i);
            p50[i] = block.getValueAtPercentile(50) / 1e6;
            p99[i] = block.getValueAtPercentile(99) / 1e6;
            rate[i] = block.getTotalCount() / (lengthsMs.get(i) / 1000.0);
            reads += block.getTotalCount();
        }
        return new IntervalSeries(p50, p99, rate, reads);
    }
}
