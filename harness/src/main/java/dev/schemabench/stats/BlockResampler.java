package dev.schemabench.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The circular moving-block bootstrap over time blocks, on a bucket grid shared by one or more series. A resample of
 * a series with {@code n} blocks is {@code n} blocks taken as runs of {@code blockLength} consecutive blocks, each run
 * from a random start, wrapping at the end; its latencies are the sum of those blocks' buckets. Runs are summed once
 * up front, so a resample adds about {@code n / blockLength} sparse bucket lists into one dense count array.
 *
 * <p>Not thread-safe: it owns scratch arrays. Create one per computation.
 */
final class BlockResampler {

    private final long[] grid;
    private final int blockLength;
    private final Side[] sides;
    private final long[] scratch;
    /** Sums of {@code scratch} over chunks of {@link #CHUNK} grid cells, so a percentile skips most cells. */
    private final long[] chunkCounts;
    private long pendingReads;
    private double pendingSeconds;

    private static final int CHUNK_BITS = 6;
    private static final int CHUNK = 1 << CHUNK_BITS;

    /** The summed buckets of one series' blocks and runs, as indices into the grid. */
    private static final class Side {
        final int blocks;
        final int[][] blockIndex;
        final long[][] blockCounts;
        final long[] blockReads;
        final double[] blockSeconds;
        int[][] runIndex;
        long[][] runCounts;
        long[] runReads;
        double[] runSeconds;

        Side(int blocks) {
            this.blocks = blocks;
            this.blockIndex = new int[blocks][];
            this.blockCounts = new long[blocks][];
            this.blockReads = new long[blocks];
            this.blockSeconds = new double[blocks];
        }
    }

    /**
     * @param series      the series to resample; a paired resampling needs them of equal size
     * @param blockLength consecutive blocks per run, at least 1
     */
    BlockResampler(List<BlockSeries> series, int blockLength) {
        this.grid = grid(series);
        this.blockLength = blockLength;
        this.scratch = new long[grid.length];
        this.chunkCounts = new long[(grid.length + CHUNK - 1) / CHUNK];
        this.sides = new Side[series.size()];
        for (int s = 0; s < sides.length; s++) {
            sides[s] = side(series.get(s));
        }
    }

    private static long[] grid(List<BlockSeries> series) {
        int total = 0;
        for (BlockSeries one : series) {
            for (int block = 0; block < one.size(); block++) {
                total += one.values(block).length;
            }
        }
        long[] all = new long[total];
        int at = 0;
        for (BlockSeries one : series) {
            for (int block = 0; block < one.size(); block++) {
                long[] values = one.values(block);
                System.arraycopy(values, 0, all, at, values.length);
                at += values.length;
            }
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[distinct++] = all[i];
            }
        }
        return Arrays.copyOf(all, distinct);
    }

    private Side side(BlockSeries series) {
        Side side = new Side(series.size());
        for (int block = 0; block < series.size(); block++) {
            long[] values = series.values(block);
            int[] index = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                index[i] = Arrays.binarySearch(grid, values[i]);
            }
            side.blockIndex[block] = index;
            side.blockCounts[block] = series.counts(block);
            side.blockReads[block] = series.reads(block);
            side.blockSeconds[block] = series.seconds(block);
        }
        int runLength = Math.min(blockLength, side.blocks);
        if (runLength == 1) {
            side.runIndex = side.blockIndex;
            side.runCounts = side.blockCounts;
            side.runReads = side.blockReads;
            side.runSeconds = side.blockSeconds;
            return side;
        }
        side.runIndex = new int[side.blocks][];
        side.runCounts = new long[side.blocks][];
        side.runReads = new long[side.blocks];
        side.runSeconds = new double[side.blocks];
        int[] touched = new int[grid.length];
        for (int start = 0; start < side.blocks; start++) {
            int touchedCount = 0;
            for (int j = 0; j < runLength; j++) {
                int block = (start + j) % side.blocks;
                int[] index = side.blockIndex[block];
                long[] counts = side.blockCounts[block];
                for (int i = 0; i < index.length; i++) {
                    if (scratch[index[i]] == 0) {
                        touched[touchedCount++] = index[i];
                    }
                    scratch[index[i]] += counts[i];
                }
                side.runReads[start] += side.blockReads[block];
                side.runSeconds[start] += side.blockSeconds[block];
            }
            int[] runIndex = Arrays.copyOf(touched, touchedCount);
            long[] runCounts = new long[touchedCount];
            for (int i = 0; i < touchedCount; i++) {
                runCounts[i] = scratch[runIndex[i]];
                scratch[runIndex[i]] = 0;
            }
            side.runIndex[start] = runIndex;
            side.runCounts[start] = runCounts;
        }
        return side;
    }

    /** Blocks of series {@code side}. */
    int blocks(int side) {
        return sides[side].blocks;
    }

    /** Consecutive blocks per run for series {@code side}. */
    int runLength(int side) {
        return Math.min(blockLength, sides[side].blocks);
    }

    /** Random run starts for one resample of series {@code side}: {@code ceil(blocks / runLength)} of them. */
    int[] newStarts(int side) {
        int runLength = runLength(side);
        return new int[(sides[side].blocks + runLength - 1) / runLength];
    }

    /** Fills {@code starts} with random starts for series {@code side}. */
    void draw(int side, SplittableRandom random, int[] starts) {
        int blocks = sides[side].blocks;
        for (int i = 0; i < starts.length; i++) {
            starts[i] = random.nextInt(blocks);
        }
    }

    /**
     * Sums the runs at {@code starts} of series {@code side} into the grid's counts (the last run cut short so that
     * exactly as many blocks are taken as the series has) and writes the figures of that resample into
     * {@code out}: the percentiles' values in nanoseconds, in the order of {@code percentiles} (ascending), then
     * the throughput in reads per second when {@code out} has one more slot.
     */
    void resample(int side, int[] starts, double[] percentiles, double[] out) {
        Side data = sides[side];
        clear();
        int runLength = runLength(side);
        long reads = 0;
        double seconds = 0;
        int taken = 0;
        for (int start : starts) {
            int remaining = data.blocks - taken;
            if (remaining >= runLength) {
                add(data.runIndex[start], data.runCounts[start]);
                reads += data.runReads[start];
                seconds += data.runSeconds[start];
                taken += runLength;
            } else {
                for (int j = 0; j < remaining; j++) {
                    int block = (start + j) % data.blocks;
                    add(data.blockIndex[block], data.blockCounts[block]);
                    reads += data.blockReads[block];
                    seconds += data.blockSeconds[block];
                }
                taken += remaining;
            }
        }
        figures(reads, seconds, percentiles, out);
    }

    /** Starts a resample built block by block with {@link #addBlocks}, read with {@link #finish}. */
    void begin() {
        clear();
        pendingReads = 0;
        pendingSeconds = 0;
    }

    /** Adds blocks {@code blocks[0 .. count)} of series {@code side} to the resample {@link #begin} started. */
    void addBlocks(int side, int[] blocks, int count) {
        Side data = sides[side];
        for (int i = 0; i < count; i++) {
            int block = blocks[i];
            add(data.blockIndex[block], data.blockCounts[block]);
            pendingReads += data.blockReads[block];
            pendingSeconds += data.blockSeconds[block];
        }
    }

    /** Writes the figures of the blocks added since {@link #begin}, laid out as {@link #resample} does. */
    void finish(double[] percentiles, double[] out) {
        figures(pendingReads, pendingSeconds, percentiles, out);
    }

    /** The figures of all blocks of series {@code side} together, laid out as {@link #resample} does. */
    void whole(int side, double[] percentiles, double[] out) {
        Side data = sides[side];
        clear();
        long reads = 0;
        double seconds = 0;
        for (int block = 0; block < data.blocks; block++) {
            add(data.blockIndex[block], data.blockCounts[block]);
            reads += data.blockReads[block];
            seconds += data.blockSeconds[block];
        }
        figures(reads, seconds, percentiles, out);
    }

    private void clear() {
        Arrays.fill(scratch, 0);
        Arrays.fill(chunkCounts, 0);
    }

    private void add(int[] index, long[] counts) {
        for (int i = 0; i < index.length; i++) {
            scratch[index[i]] += counts[i];
            chunkCounts[index[i] >>> CHUNK_BITS] += counts[i];
        }
    }

    /**
     * Writes the value at each percentile into {@code out} as {@code Histogram.getValueAtPercentile} computes it
     * (the first bucket whose cumulative count reaches {@link #countAtPercentile}), then the throughput when
     * {@code out} has one more slot; NaN percentiles for no reads.
     *
     * @param percentiles ascending
     */
    private void figures(long reads, double seconds, double[] percentiles, double[] out) {
        if (reads == 0) {
            Arrays.fill(out, 0, percentiles.length, Double.NaN);
        } else {
            int chunk = 0;
            long beforeChunk = 0;
            for (int next = 0; next < percentiles.length; next++) {
                long target = countAtPercentile(percentiles[next], reads);
                while (beforeChunk + chunkCounts[chunk] < target) {
                    beforeChunk += chunkCounts[chunk++];
                }
                int cell = chunk << CHUNK_BITS;
                long cumulative = beforeChunk + scratch[cell];
                while (cumulative < target) {
                    cumulative += scratch[++cell];
                }
                out[next] = grid[cell];
            }
        }
        if (out.length > percentiles.length) {
            out[percentiles.length] = reads / seconds;
        }
    }

    /** The rank of a percentile among {@code total} reads, as HdrHistogram computes it. */
    static long countAtPercentile(double percentile, long total) {
        double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0), 100.0);
        return Math.max(1, (long) Math.ceil(requested * total / 100.0));
    }

    /** Reads ranked above a percentile among {@code total} reads. */
    static long readsBeyond(double percentile, long total) {
        return total - Math.min(total, countAtPercentile(percentile, total));
    }

    /** Linear interpolation between order statistics of sorted {@code values} (type 7, as R and NumPy default). */
    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
