package dev.schemabench.stats;

import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One design's reads as consecutive time blocks (typically the one-second interval histograms of the run's .hlog
 * files, or the intervals of paired slices), each block its latencies and its length in seconds. Latencies are in
 * nanoseconds, as the harness records them; each block keeps only its non-empty HdrHistogram buckets (the bucket's
 * highest equivalent value and its count), so resampling adds buckets of whole blocks and never touches single reads.
 *
 * <p>Immutable and thread-safe; the histograms it was built from are copied, not kept.
 */
public final class BlockSeries {

    private final long[][] values;
    private final long[][] counts;
    private final long[] blockReads;
    private final double[] seconds;
    private final long reads;

    private BlockSeries(long[][] values, long[][] counts, double[] seconds) {
        this.values = values;
        this.counts = counts;
        this.seconds = seconds;
        this.blockReads = new long[counts.length];
        long total = 0;
        for (int block = 0; block < counts.length; block++) {
            for (long count : counts[block]) {
                blockReads[block] += count;
            }
            total += blockReads[block];
        }
        this.reads = total;
    }

    /**
     * Blocks from histograms in time order, each block's length taken from its start and end time stamps
     * (milliseconds, as {@code HistogramLogReader} sets them).
     *
     * @throws IllegalArgumentException when there is no block or a block has no positive length
     */
    public static BlockSeries of(List<Histogram> blocks) {
        double[] seconds = new double[blocks.size()];
        for (int i = 0; i < seconds.length; i++) {
            Histogram block = blocks.get(i);
            long millis = block.getEndTimeStamp() - block.getStartTimeStamp();
            if (millis <= 0) {
                throw new IllegalArgumentException("block " + i + " has no time stamps that give it a length; pass"
                        + " the lengths explicitly");
            }
            seconds[i] = millis / 1000.0;
        }
        return of(blocks, seconds);
    }

    /**
     * Blocks from histograms in time order with explicit lengths.
     *
     * @param seconds each block's length in seconds, positive
     * @throws IllegalArgumentException when there is no block, the counts differ, or a length is not positive
     */
    public static BlockSeries of(List<Histogram> blocks, double[] seconds) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a series needs at least one block");
        }
        if (blocks.size() != seconds.length) {
            throw new IllegalArgumentException(blocks.size() + " blocks but " + seconds.length + " lengths");
        }
        long[][] values = new long[blocks.size()][];
        long[][] counts = new long[blocks.size()][];
        for (int i = 0; i < blocks.size(); i++) {
            if (!(seconds[i] > 0)) {
                throw new IllegalArgumentException("block " + i + " has length " + seconds[i] + " s");
            }
            Histogram block = blocks.get(i);
            long[] blockValues = new long[16];
            long[] blockCounts = new long[16];
            int size = 0;
            for (HistogramIterationValue bucket : block.recordedValues()) {
                if (size == blockValues.length) {
                    blockValues = Arrays.copyOf(blockValues, size * 2);
                    blockCounts = Arrays.copyOf(blockCounts, size * 2);
                }
                blockValues[size] = bucket.getValueIteratedTo();
                blockCounts[size] = bucket.getCountAtValueIteratedTo();
                size++;
            }
            values[i] = Arrays.copyOf(blockValues, size);
            counts[i] = Arrays.copyOf(blockCounts, size);
        }
        return new BlockSeries(values, counts, seconds.clone());
    }

    /** Time blocks in the series. */
    public int size() {
        return seconds.length;
    }

    /** Successful reads in all blocks. */
    public long reads() {
        return reads;
    }

    /** Successful reads in block {@code block}. */
    public long reads(int block) {
        return blockReads[block];
    }

    /** Length of block {@code block} in seconds. */
    public double seconds(int block) {
        return seconds[block];
    }

    /** Length of all blocks together, seconds. */
    public double seconds() {
        double total = 0;
        for (double length : seconds) {
            total += length;
        }
        return total;
    }

    /** Bucket values (nanoseconds, ascending) of block {@code block}; callers must not change the array. */
    long[] values(int block) {
        return values[block];
    }

    /** Bucket counts of block {@code block}, parallel to {@link #values(int)}; callers must not change the array. */
    long[] counts(int block) {
        return counts[block];
    }
}
