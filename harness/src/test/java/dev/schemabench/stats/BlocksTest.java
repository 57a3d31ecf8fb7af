package dev.schemabench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlocksTest {

    /** An interval of {@code reads} reads of 1 ms each. */
    private static Histogram interval(long startMillis, long endMillis, long reads) {
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(1_000_000, reads);
        histogram.setStartTimeStamp(startMillis);
        histogram.setEndTimeStamp(endMillis);
        return histogram;
    }

    @Test
    void slicesAreCutWhereTheRunningCountOfReadsReachesEachSlicesShare() {
        // the pattern of a quick run on a busy machine: 2,000 reads per slice, intervals closed late (2 s, 998
        // reads), and slices 2 and 3 back to back (designs alternate A B B A) with a gap of 134 ms between them,
        // more than the 240 ms inside slice 1 would suggest
        List<Histogram> intervals = List.of(interval(0, 2042, 998), interval(2282, 3375, 640),
                interval(3438, 4037, 362), interval(12943, 13963, 1000), interval(13964, 14977, 1000),
                interval(15111, 16122, 1000), interval(16145, 17152, 1000));

        List<List<Histogram>> slices = Blocks.slicesByReads(intervals, 3);

        assertEquals(List.of(3, 2, 2), slices.stream().map(List::size).toList());
        assertEquals(List.of(7), Blocks.slicesByReads(intervals, 1).stream().map(List::size).toList());
        assertThrows(IllegalArgumentException.class, () -> Blocks.slicesByReads(intervals, 8));
    }

    @Test
    void pairedBlocksCoverTheSameReadsOnBothSides() {
        // slice 1: the baseline's driver closed its first interval late; slice 2: one interval each
        List<List<Histogram>> baseline = List.of(
                List.of(interval(0, 2000, 998), interval(2000, 3000, 640), interval(3000, 3500, 362)),
                List.of(interval(9000, 10000, 500)));
        List<List<Histogram>> candidate = List.of(
                List.of(interval(4000, 5000, 500), interval(5000, 6000, 495), interval(6000, 7000, 557),
                        interval(7000, 7500, 448)),
                List.of(interval(11000, 12000, 500)));

        Blocks.Paired paired = Blocks.pair(baseline, candidate, 40);

        assertEquals(3, paired.baseline().size());
        assertEquals(3, paired.candidate().size());
        assertEquals(List.of(998L, 1002L, 500L), reads(paired.baseline()));
        assertEquals(List.of(995L, 1005L, 500L), reads(paired.candidate()), "two intervals meet the first one");
        assertEquals(2.0, paired.baseline().seconds(0), 1e-12);
        assertEquals(1.5, paired.baseline().seconds(1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Blocks.pair(baseline, List.of(), 40));
    }

    private static List<Long> reads(BlockSeries series) {
        List<Long> reads = new ArrayList<>();
        for (int block = 0; block < series.size(); block++) {
            reads.add(series.reads(block));
        }
        return reads;
    }

    @Test
    void readsTheIntervalsOfOneTagFromALog(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("storage.hlog");
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.setBaseTime(0);
            writer.outputLegend();
            List<Histogram> written = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Histogram histogram = new Histogram(3);
                histogram.recordValue(1000 * (i + 1));
                histogram.setStartTimeStamp(i * 1000L);
                histogram.setEndTimeStamp(i * 1000L + 1000);
                histogram.setTag(i == 1 ? "normalized" : "jsonb");
                writer.outputIntervalHistogram(histogram);
                written.add(histogram);
            }
        }

        List<Histogram> jsonb = Blocks.readLog(file, "jsonb");

        assertEquals(2, jsonb.size());
        assertEquals(3000, jsonb.get(1).getMaxValue(), 3);
        assertEquals(2000, jsonb.get(1).getStartTimeStamp());
        assertEquals(1.0, BlockSeries.of(jsonb).seconds(1), 1e-9);
    }
}
