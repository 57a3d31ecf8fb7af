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

    private static Histogram interval(long startMillis, long endMillis, long... values) {
        Histogram histogram = new Histogram(3);
        for (long value : values) {
            histogram.recordValue(value);
        }
        histogram.setStartTimeStamp(startMillis);
        histogram.setEndTimeStamp(endMillis);
        return histogram;
    }

    @Test
    void aGapBetweenIntervalsStartsANewSlice() {
        List<Histogram> intervals = List.of(interval(0, 1000, 1), interval(1000, 2000, 2), interval(2000, 2300, 3),
                interval(4300, 5300, 4), interval(5301, 5500, 5));

        List<List<Histogram>> slices = Blocks.slicesAtGaps(intervals, 500);

        assertEquals(List.of(3, 2), slices.stream().map(List::size).toList());
    }

    @Test
    void aKnownNumberOfSlicesIsCutAtTheLargestGaps() {
        // a stall inside the first slice left a 600 ms hole; the other design's slices took 2 s
        List<Histogram> intervals = List.of(interval(0, 1000, 1), interval(1600, 2000, 2), interval(4000, 5000, 3),
                interval(5000, 5500, 4), interval(7500, 8500, 5));

        List<List<Histogram>> slices = Blocks.slicesAtLargestGaps(intervals, 3);

        assertEquals(List.of(2, 2, 1), slices.stream().map(List::size).toList());
        assertEquals(List.of(5), Blocks.slicesAtLargestGaps(intervals, 1).stream().map(List::size).toList());
        assertThrows(IllegalArgumentException.class, () -> Blocks.slicesAtLargestGaps(intervals, 6));
    }

    @Test
    void slicesArePairedIntervalByIntervalWithTheExtraOnesInTheLastPair() {
        List<List<Histogram>> baseline = List.of(List.of(interval(0, 1000, 1), interval(1000, 2000, 2),
                interval(2000, 2100, 3)));
        List<List<Histogram>> candidate = List.of(List.of(interval(2200, 3200, 10), interval(3200, 4200, 20)));

        Blocks.Paired paired = Blocks.pair(baseline, candidate);

        assertEquals(2, paired.baseline().size());
        assertEquals(2, paired.candidate().size());
        assertEquals(1, paired.baseline().reads(0));
        assertEquals(2, paired.baseline().reads(1), "the short third interval joins the second");
        assertEquals(1.1, paired.baseline().seconds(1), 1e-12);
        assertEquals(1.0, paired.candidate().seconds(1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Blocks.pair(baseline, List.of()));
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
                Histogram histogram = interval(i * 1000L, i * 1000L + 1000, 1000 * (i + 1));
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
