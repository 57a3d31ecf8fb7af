package dev.schemabench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Intervals of one design's figures on generated blocks. */
class IntervalsTest {

    private static final List<Figure> ALL = List.of(Figure.P50, Figure.P95, Figure.P99, Figure.P999,
            Figure.THROUGHPUT);

    @Test
    void eachValueIsWhatHdrHistogramGivesOnTheMergedBlocks() {
        List<Histogram> blocks = SyntheticBlocks.blocks(1, 40, 500, 1, 0.1, null);
        Histogram merged = SyntheticBlocks.merged(blocks);

        List<Estimate> estimates = Intervals.of(BlockSeries.of(blocks), ALL, BootstrapSettings.DEFAULT);

        for (Estimate estimate : estimates) {
            Estimate.Measured measured = assertInstanceOf(Estimate.Measured.class, estimate);
            if (estimate.figure().isPercentile()) {
                assertEquals(merged.getValueAtPercentile(estimate.figure().percentile()) / 1e6, measured.value(),
                        1e-12, estimate.figure().label());
            } else {
                assertEquals(20_000 / 40.0, measured.value(), 1e-9, "reads over seconds");
            }
            assertEquals(20_000, measured.reads());
            assertTrue(measured.low() <= measured.value() && measured.value() <= measured.high(), measured::toString);
        }
    }

    @Test
    void theSameBlocksAlwaysGiveTheSameIntervals() {
        BlockSeries series = SyntheticBlocks.series(2, 30, 400, 1, 0.2, null);

        assertEquals(Intervals.of(series, ALL, BootstrapSettings.DEFAULT),
                Intervals.of(series, ALL, BootstrapSettings.DEFAULT));
        assertEquals(Intervals.of(series, ALL, BootstrapSettings.DEFAULT),
                Intervals.of(SyntheticBlocks.series(2, 30, 400, 1, 0.2, null), ALL, BootstrapSettings.DEFAULT),
                "blocks rebuilt from the same histograms");
    }

    @Test
    void blockToBlockNoiseWidensTheIntervalAndMoreBlocksNarrowIt() {
        double quiet = width(SyntheticBlocks.series(3, 40, 500, 1, 0.0, null));
        double noisy = width(SyntheticBlocks.series(3, 40, 500, 1, 0.3, null));
        double noisyLonger = width(SyntheticBlocks.series(3, 640, 500, 1, 0.3, null));

        assertTrue(noisy > 2 * quiet, () -> "noisy " + noisy + " vs quiet " + quiet);
        assertTrue(noisyLonger < noisy / 2, () -> "16 times the blocks " + noisyLonger + " vs " + noisy);
    }

    private static double width(BlockSeries series) {
        Estimate.Measured p50 = (Estimate.Measured) Intervals.of(series, List.of(Figure.P50),
                BootstrapSettings.DEFAULT).get(0);
        return p50.relativeHalfWidth();
    }

    @Test
    void aPercentileWithFewerThanTenReadsAboveItIsNotANumber() {
        BlockSeries few = BlockSeries.of(oneValuePerRead(9_999));
        BlockSeries enough = BlockSeries.of(oneValuePerRead(10_000));

        Estimate fewP999 = Intervals.of(few, List.of(Figure.P999), BootstrapSettings.DEFAULT).get(0);
        Estimate enoughP999 = Intervals.of(enough, List.of(Figure.P999), BootstrapSettings.DEFAULT).get(0);

        Estimate.NotEnoughReads notEnough = assertInstanceOf(Estimate.NotEnoughReads.class, fewP999);
        assertEquals(9, notEnough.readsBeyond());
        assertEquals(9_999, notEnough.reads());
        assertEquals("not enough reads: 9 above P99.9 of 9,999 (10 needed)", notEnough.reason());
        assertEquals(10, assertInstanceOf(Estimate.Measured.class, enoughP999).readsBeyond());
        assertInstanceOf(Estimate.Measured.class,
                Intervals.of(few, List.of(Figure.P99), BootstrapSettings.DEFAULT).get(0), "P99 has 99 above it");
    }

    /** Ten blocks holding {@code reads} reads between them, each read a distinct microsecond count. */
    private static List<Histogram> oneValuePerRead(int reads) {
        List<Histogram> blocks = new ArrayList<>();
        for (int block = 0; block < 10; block++) {
            Histogram histogram = new Histogram(3);
            histogram.setStartTimeStamp(block * 1000L);
            histogram.setEndTimeStamp(block * 1000L + 1000);
            blocks.add(histogram);
        }
        for (int read = 0; read < reads; read++) {
            blocks.get(read % 10).recordValue(1000L * (read + 1));
        }
        return blocks;
    }

    @Test
    void blocksWithoutTimeStampsNeedExplicitLengths() {
        Histogram histogram = new Histogram(3);
        histogram.recordValue(5);

        assertThrows(IllegalArgumentException.class, () -> BlockSeries.of(List.of(histogram)));
        assertEquals(2.0, BlockSeries.of(List.of(histogram), new double[] {2.0}).seconds(), 1e-12);
    }
}
