package dev.schemabench.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-interval percentiles from synthetic histograms with known answers. */
class IntervalSeriesTest {

    @TempDir
    Path temp;

    /** {@code count} reads of 1, 2, ... count microseconds, over {@code lengthMs}. */
    private static Histogram ramp(int count, long startMs, long lengthMs, String tag) {
        Histogram histogram = new Histogram(3);
        for (int i = 1; i <= count; i++) {
            histogram.recordValue(i * 1000L);
        }
        histogram.setStartTimeStamp(startMs);
        histogram.setEndTimeStamp(startMs + lengthMs);
        histogram.setTag(tag);
        return histogram;
    }

    @Test
    void percentilesAndRateOfOneIntervalAreKnown() {
        IntervalSeries series = IntervalSeries.of(List.of(ramp(1000, 0, 1000, null)), 200);
        assertEquals(1, series.size());
        assertEquals(0.500, series.p50Ms()[0], 0.001, "1..1000 us: median 500 us");
        assertEquals(0.990, series.p99Ms()[0], 0.001, "99th percentile 990 us");
        assertEquals(1000.0, series.rateOps()[0], 1e-9);
        assertEquals(1000, series.reads());
    }

    @Test
    void shortIntervalsAreMergedUntilABlockHoldsEnoughReads() {
        List<Histogram> intervals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            intervals.add(ramp(100, i * 1000L, 500, null));
        }
        IntervalSeries series = IntervalSeries.of(intervals, 200);
        assertEquals(2, series.size(), "100+100, then 100+100 with the last 100 merged in");
        assertEquals(200.0, series.rateOps()[0], 1e-9, "200 reads in 2 x 500 ms");
        assertEquals(200.0, series.rateOps()[1], 1e-9, "300 reads in 3 x 500 ms");
        assertEquals(500, series.reads());
        assertEquals(0.099, series.p99Ms()[0], 0.001);
    }

    @Test
    void readsALogKeepingOnlyItsTag() throws IOException {
        List<Histogram> intervals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            intervals.add(ramp(1000 * (i + 1), 1_700_000_000_000L + i * 1000L, 1000, i % 2 == 0 ? "jsonb" : "other"));
        }
        Path file = temp.resolve("storage.hlog");
        SyntheticRuns.writeLog(file, "jsonb", intervals);
        IntervalSeries series = IntervalSeries.read(file, "jsonb", 200);
        assertEquals(2, series.size());
        assertArrayEquals(new double[] {1000, 3000}, series.rateOps(), 1e-6);
        assertEquals(0.99, series.p99Ms()[0], 0.001);
        assertEquals(2.97, series.p99Ms()[1], 0.003);
    }

    @Test
    void aFileThatIsNotALogIsAnIoError() throws IOException {
        Path file = Files.writeString(temp.resolve("broken.hlog"), "Tag=jsonb,0.1,1.0,2.0,NOT-BASE64!!\n");
        assertThrows(IOException.class, () -> IntervalSeries.read(file, "jsonb", 1));
    }
}
