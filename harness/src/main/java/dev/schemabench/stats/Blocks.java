package dev.schemabench.stats;

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
 * Time blocks from what a run records: the one-second interval histograms of an .hlog file (nanoseconds, tagged with
 * the design's name), cut into the measurement slices, and paired between two designs so that paired blocks read the
 * same keys. Stateless and
 * thread-safe; the histograms it returns are new ones.
 */
public final class Blocks {

    /**
     * Two designs' blocks, position {@code i} of one measured beside position {@code i} of the other (the same slice,
     * the same stretch of its reads, so the same keys in the same order). Immutable.
     *
     * @param baseline    the baseline design's blocks
     * @param candidate   the candidate design's blocks, as many
     * @param sliceBlocks how many of those blocks each slice holds, in slice order (they sum to the series' size)
     */
    public record Paired(BlockSeries baseline, BlockSeries candidate, int[] sliceBlocks) {
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
     * Cuts one design's time-ordered intervals into {@code slices} slices of (about) equal reads: each cut falls at
     * the interval boundary whose running count of reads is nearest to {@code k * reads / slices}. Every slice runs
     * the same number of reads and the driver closes an interval at the end of each slice, so with no failed reads
     * the cuts are exact. Time gaps do not work for this: designs alternate A B B A, so two slices of a design often
     * follow each other, and on a busy machine the gap between them is no larger than gaps inside a slice.
     *
     * @throws IllegalArgumentException when there are fewer intervals than slices
     */
    public static List<List<Histogram>> slicesByReads(List<Histogram> intervals, int slices) {
        if (slices < 1 || intervals.size() < slices) {
            throw new IllegalArgumentException(intervals.size() + " intervals cannot form " + slices + " slices");
        }
        long[] runningReads = new long[intervals.size() + 1];
        for (int i = 0; i < intervals.size(); i++) {
            runningReads[i + 1] = runningReads[i] + intervals.get(i).getTotalCount();
        }
        long total = runningReads[intervals.size()];
        List<List<Histogram>> cut = new ArrayList<>(slices);
        int from = 0;
        for (int k = 1; k <= slices; k++) {
            int to = intervals.size();
            if (k < slices) {
                double target = (double) total * k / slices;
                // leave at least one interval for this slice and for each slice after it
                int lowest = from + 1;
                int highest = intervals.size() - (slices - k);
                to = lowest;
                for (int boundary = lowest; boundary <= highest; boundary++) {
                    if (Math.abs(runningReads[boundary] - target) < Math.abs(runningReads[to] - target)) {
                        to = boundary;
                    }
                }
            }
            cut.add(new ArrayList<>(intervals.subList(from, to)));
            from = to;
        }
        return cut;
    }

    /**
     * Pairs two designs' slices (slice {@code i} of each read the same keys in the same order, one after the other)
     * into blocks that cover the same reads: within a slice, intervals of each side are merged until both sides'
     * running counts of reads meet within {@code toleranceReads}, and a block closes there; the slice's remainder
     * is its last block. So block {@code b} of one design read (about) the same keys as block {@code b} of the
     * other, even where one side's driver closed an interval late. Each block spans its intervals' time stamps.
     *
     * @param toleranceReads how far apart the two sides' running counts may be at a block boundary, for example 2 %
     *                       of a slice's reads
     * @throws IllegalArgumentException when the designs have different numbers of slices or a slice is empty
     */
    public static Paired pair(List<List<Histogram>> baselineSlices, List<List<Histogram>> candidateSlices,
                              long toleranceReads) {
        if (baselineSlices.size() != candidateSlices.size()) {
            throw new IllegalArgumentException("the designs have " + baselineSlices.size() + " and "
                    + candidateSlices.size() + " slices; pairing needs as many");
        }
        List<Histogram> baseline = new ArrayList<>();
        List<Histogram> candidate = new ArrayList<>();
        int[] sliceBlocks = new int[baselineSlices.size()];
        for (int slice = 0; slice < baselineSlices.size(); slice++) {
            int before = baseline.size();
            List<Histogram> base = baselineSlices.get(slice);
            List<Histogram> other = candidateSlices.get(slice);
            if (base.isEmpty() || other.isEmpty()) {
                throw new IllegalArgumentException("slice " + (slice + 1) + " is empty for one of the designs");
            }
            int baseFrom = 0;
            int otherFrom = 0;
            int baseNext = 0;
            int otherNext = 0;
            long baseReads = 0;
            long otherReads = 0;
            while (baseNext < base.size() && otherNext < other.size()) {
                if (baseReads <= otherReads) {
                    baseReads += base.get(baseNext++).getTotalCount();
                } else {
                    otherReads += other.get(otherNext++).getTotalCount();
                }
                boolean bothAdvanced = baseNext > baseFrom && otherNext > otherFrom;
                boolean bothLeft = baseNext < base.size() && otherNext < other.size();
                if (bothAdvanced && bothLeft && Math.abs(baseReads - otherReads) <= toleranceReads) {
                    baseline.add(merge(base, baseFrom, baseNext));
                    candidate.add(merge(other, otherFrom, otherNext));
                    baseFrom = baseNext;
                    otherFrom = otherNext;
                }
            }
            baseline.add(merge(base, baseFrom, base.size()));
            candidate.add(merge(other, otherFrom, other.size()));
            sliceBlocks[slice] = baseline.size() - before;
        }
        return new Paired(BlockSeries.of(baseline), BlockSeries.of(candidate), sliceBlocks);
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
