package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.results.RunResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Intervals of a level's figures from generated one-second histograms. */
class MeasuredIntervalsTest {

    /** {@code seconds} one-second histograms of {@code reads} log-normal reads around 1 ms. */
    private static List<Histogram> seconds(int seconds, int reads, long seed) {
        Random random = new Random(seed);
        List<Histogram> intervals = new ArrayList<>();
        for (int second = 0; second < seconds; second++) {
            Histogram interval = new Histogram(3);
            double machine = Math.exp(0.1 * random.nextGaussian());
            for (int read = 0; read < reads; read++) {
                interval.recordValue(Math.round(1e6 * machine * Math.exp(0.4 * random.nextGaussian())));
            }
            interval.setStartTimeStamp(1_000L * second);
            interval.setEndTimeStamp(1_000L * (second + 1));
            intervals.add(interval);
        }
        return intervals;
    }

    @Test
    void everyFigureHasAnIntervalAroundItsValueAndTheSameSecondsGiveTheSameIntervals() {
        RunResults.LatencyIntervals intervals = MeasuredIntervals.of(seconds(30, 500, 1));
        for (RunResults.FigureInterval figure : List.of(intervals.p50Ms(), intervals.p95Ms(), intervals.p99Ms(),
                intervals.p999Ms())) {
            assertTrue(figure.low() < figure.value() && figure.value() < figure.high(), figure.toString());
            assertEquals(15_000, figure.reads());
            assertNull(figure.reason());
        }
        assertEquals(new RunResults.FigureInterval(500.0, 500.0, 500.0, 0.95, 15_000, 15_000, null),
                intervals.throughputOpsS(), "500 reads in every second: no doubt about the rate");
        assertEquals(0.95, intervals.p99Ms().confidence());
        assertTrue(intervals.p99Ms().relativeHalfWidth() < 0.2, intervals.p99Ms().toString());
        assertEquals(intervals, MeasuredIntervals.of(seconds(30, 500, 1)), "a fixed seed");
        assertEquals(30, intervals.blocks());
    }

    @Test
    void aPercentileWithTooFewReadsAboveItIsAReasonNotANumber() {
        RunResults.LatencyIntervals intervals = MeasuredIntervals.of(seconds(10, 500, 2));
        RunResults.FigureInterval p999 = intervals.p999Ms();
        assertNull(p999.value());
        assertNull(p999.low());
        assertEquals(5, p999.readsBeyond());
        assertEquals("not enough reads: 5 above P99.9 of 5,000 (10 needed)", p999.reason());
        assertTrue(intervals.p99Ms().value() != null, "50 reads above P99 are enough");
    }

    @Test
    void tooFewSecondsGiveNoIntervalAndSayWhy() {
        RunResults.LatencyIntervals intervals = MeasuredIntervals.of(seconds(9, 500, 3));
        assertEquals(9, intervals.blocks());
        for (RunResults.FigureInterval figure : List.of(intervals.p50Ms(), intervals.p99Ms(),
                intervals.throughputOpsS())) {
            assertNull(figure.value(), "a bootstrap over 9 blocks runs narrow: " + figure);
            assertEquals("not enough time: 9 one-second intervals (10 needed)", figure.reason());
            assertEquals(4_500, figure.reads());
        }
        assertEquals(45, intervals.p99Ms().readsBeyond(), 1, intervals.p99Ms().toString());
        assertTrue(MeasuredIntervals.of(seconds(10, 500, 3)).p50Ms().value() != null, "10 blocks are enough");
    }

    @Test
    void noReadsGiveNoIntervals() {
        assertNull(MeasuredIntervals.of(List.of()));
        assertNull(MeasuredIntervals.fromLog(java.nio.file.Path.of("does-not-exist.hlog"), null));
    }
}
