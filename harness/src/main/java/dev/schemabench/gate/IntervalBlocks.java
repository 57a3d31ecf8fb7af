package dev.schemabench.gate;

import dev.schemabench.stats.BlockSeries;
import dev.schemabench.stats.Blocks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One design's time blocks for the gate, from an HdrHistogram interval log (values in nanoseconds): consecutive
 * intervals merged until each block holds at least {@code minReads} reads, so that the count of blocks says how much
 * independent evidence a run holds (the short remainder of a slice is not a block of its own). The figures
 * themselves come from all blocks pooled ({@link dev.schemabench.stats.RatioBootstrap}), so merging does not change
 * them. Stateless and thread-safe.
 */
final class IntervalBlocks {

    private IntervalBlocks() {
    }

    /**
     * Reads {@code file}, keeping intervals tagged {@code tag} and untagged ones.
     *
     * @throws IOException when the file cannot be read, is not an HdrHistogram log, or holds no reads
     */
    static BlockSeries read(Path file, String tag, long minReads) throws IOException {
        List<Histogram> intervals = new ArrayList<>(Blocks.readLog(file, tag));
        if (tag != null) {
            intervals.addAll(Blocks.readLog(file, null));
        }
        intervals.sort((a, b) -> Long.compare(a.getStartTimeStamp(), b.getStartTimeStamp()));
        BlockSeries series = of(intervals, minReads);
        if (series == null) {
            throw new IOException(file + ": no reads" + (tag == null ? "" : " tagged " + tag));
        }
        return series;
    }

    /**
     * Merges {@code intervals} (in time order) into blocks of at least {@code minReads} reads; a remainder too small
     * for a block joins the last block. Each block's length is the sum of its intervals' lengths (at least 1 ms
     * each). Null when no interval holds a read.
     */
    static BlockSeries of(List<Histogram> intervals, long minReads) {
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
        if (blocks.isEmpty()) {
            return null;
        }
        double[] seconds = lengthsMs.stream().mapToDouble(millis -> millis / 1000.0).toArray();
        return BlockSeries.of(blocks, seconds);
    }
}
