package dev.schemabench.stats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Time blocks from what a run records: the one-second interval histograms of an .hlog file (nanoseconds, tagged with
 * the design's name), cut into the measurement slices, and paired slice by slice between two designs. Stateless and
 * thread-safe; the histograms it returns are new ones.
 */
public final class Blocks {

    /**
     * Two designs' blocks, position {@code i} of one measured beside position {@code i} of the other (the same slice,
     * the same second of it, so the same keys in the same order). Immutable.
     *
     * @param baseline  the baseline design's blocks
     * @param candidate the candidate design's blocks, as many
     */
    public record Paired(BlockSeries baseline, BlockSeries candidate) {
    }

    private Blocks() {
    }

    /**
     * The intervals of {@code file} tagged {@code tag} (and untagged ones when {@code tag} is null), in file order,
     * with their time stamps in milliseconds.
     *
     * @throws IOException when the file cannot be read or is not an HdrHistogram log of integer histograms
     */
    public static List<Histogram> readLog(Path file, String tag) throws IOException {
        List<Histogram> intervals = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            while (true) {
                EncodableHistogram next;
                try {
                    next = reader.nextIntervalHistogram();
                } catch (RuntimeException e) {
                    throw new IOException(file + ": not a readable HdrHistogram log (" + e.getMessage() + ")", e);
                }
                if (next == null) {
                    return intervals;
                }
                if (!(next instanceof Histogram histogram)) {
                    throw new IOException(file + ": holds a " + next.getClass().getSimpleName()
                            + ", not integer latency histograms");
                }
                if (tag == null ? next.getTag() == null : tag.equals(next.getTag())) {
                    intervals.add(histogram);
                }
            }
        }
    }

    /**
     * Cuts one design's time-ordered intervals into slices: a new slice starts where an interval begins more than
     * {@code minGapMillis} after the previous one ended (within a slice the driver starts each interval where the
     * last one ended; between two slices of a design the other designs ran).
     */
    public static List<List<Histogram>> slicesAtGaps(List<Histogram> intervals, long minGapMillis) {
        List<List<Histogram>> slices = new ArrayList<>();
        List<Histogram> open = null;
        long lastEnd = Long.MIN_VALUE;
        for (Histogram interval : intervals) {
            if (open == null || interval.getStartTimeStamp() - lastEnd > minGapMillis) {
                open = new ArrayList<>();
                slices.add(open);
            }
            open.add(interval);
            lastEnd = interval.getEndTimeStamp();
        }
        return slices;
    }

    /**
     * Cuts one design's time-ordered intervals into {@code slices} slices at the {@code slices - 1} largest gaps
     * between one interval's end and the next one's start: robust where a stall left a second without reads (and so
     * without an interval) inside a slice, as long as the other designs' slices took longer than the stall.
     *
     * @throws IllegalArgumentException when there are fewer intervals than slices
     */
    public static List<List<Histogram>> slicesAtLargestGaps(List<Histogram> intervals, int slices) {
        if (slices < 1 || intervals.size() < slices) {
            throw new IllegalArgumentException(intervals.size() + " intervals cannot form " + slices + " slices");
        }
        Integer[] byGap = new Integer[intervals.size() - 1];
        for (int i = 0; i < byGap.length; i++) {
            byGap[i] = i + 1;
        }
        Arrays.sort(byGap, Comparator.comparingLong((Integer next) ->
                intervals.get(next).getStartTimeStamp() - intervals.get(next - 1).getEndTimeStamp()).reversed()
                .thenComparing(next -> next));
        int[] starts = new int[slices];
        for (int i = 1; i < slices; i++) {
            starts[i] = byGap[i - 1];
        }
        Arrays.sort(starts);
        List<List<Histogram>> cut = new ArrayList<>(slices);
        for (int i = 0; i < slices; i++) {
            int end = i + 1 < slices ? starts[i + 1] : intervals.size();
            cut.add(new ArrayList<>(intervals.subList(starts[i], end)));
        }
        return cut;
    }

    /**
     * Pairs two designs' slices (slice {@code i} of each measured on the same keys, one after the other) interval by
     * interval: the {@code j}-th interval of one with the {@code j}-th of the other; where one slice has more
     * intervals than the other, the extra ones join the slice's last pair. Each block spans its intervals' time
     * stamps, from the first start to the last end.
     *
     * @throws IllegalArgumentException when the designs have different numbers of slices or a slice is empty
     */
    public static Paired pair(List<List<Histogram>> baselineSlices, List<List<Histogram>> candidateSlices) {
        if (baselineSlices.size() != candidateSlices.size()) {
            throw new IllegalArgumentException("the designs have " + baselineSlices.size() + " and "
                    + candidateSlices.size() + " slices; pairing needs as many");
        }
        List<Histogram> baseline = new ArrayList<>();
        List<Histogram> candidate = new ArrayList<>();
        for (int slice = 0; slice < baselineSlices.size(); slice++) {
            List<Histogram> base = baselineSlices.get(slice);
            List<Histogram> other = candidateSlices.get(slice);
            if (base.isEmpty() || other.isEmpty()) {
                throw new IllegalArgumentException("slice " + (slice + 1) + " is empty for one of the designs");
            }
            int pairs = Math.min(base.size(), other.size());
            for (int j = 0; j < pairs; j++) {
                boolean last = j == pairs - 1;
                baseline.add(merge(base, j, last ? base.size() : j + 1));
                candidate.add(merge(other, j, last ? other.size() : j + 1));
            }
        }
        return new Paired(BlockSeries.of(baseline), BlockSeries.of(candidate));
    }

    /** A new histogram of {@code intervals[from .. to)}, spanning their time stamps. */
    private static Histogram merge(List<Histogram> intervals, int from, int to) {
        Histogram first = intervals.get(from);
        Histogram merged = new Histogram(first.getNumberOfSignificantValueDigits());
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            Histogram interval = intervals.get(i);
            merged.add(interval);
            start = Math.min(start, interval.getStartTimeStamp());
            end = Math.max(end, interval.getEndTimeStamp());
        }
        merged.setStartTimeStamp(start);
        merged.setEndTimeStamp(end);
        return merged;
    }
}
