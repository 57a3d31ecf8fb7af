package dev.schemabench.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Generated one-second interval histograms with a known distribution: log-normal latencies (nanoseconds) around a
 * median, each block scaled by its own random factor (the machine's state in that second) and by an optional drift
 * shared by every series given the same drift (the machine slowing down for both designs alike).
 */
final class SyntheticBlocks {

    static final long MEDIAN_NANOS = 1_000_000;

    private SyntheticBlocks() {
    }

    /**
     * @param slowdown     factor on every latency (1.3 for a copy 30 % slower)
     * @param blockNoise   standard deviation of each block's log scale factor
     * @param drift        per-block factor shared with other series, or null
     */
    static List<Histogram> blocks(long seed, int blocks, int readsPerBlock, double slowdown, double blockNoise,
                                  double[] drift) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Histogram> histograms = new ArrayList<>(blocks);
        for (int block = 0; block < blocks; block++) {
            double scale = slowdown * Math.exp(blockNoise * gaussian(random)) * (drift == null ? 1 : drift[block]);
            Histogram histogram = new Histogram(3);
            for (int read = 0; read < readsPerBlock; read++) {
                histogram.recordValue(Math.round(MEDIAN_NANOS * scale * Math.exp(0.5 * gaussian(random))));
            }
            histogram.setStartTimeStamp(block * 1000L);
            histogram.setEndTimeStamp(block * 1000L + 1000);
            histograms.add(histogram);
        }
        return histograms;
    }

    static BlockSeries series(long seed, int blocks, int readsPerBlock, double slowdown, double blockNoise,
                              double[] drift) {
        return BlockSeries.of(blocks(seed, blocks, readsPerBlock, slowdown, blockNoise, drift));
    }

    /** All blocks of {@code blocks} in one histogram. */
    static Histogram merged(List<Histogram> blocks) {
        Histogram merged = new Histogram(3);
        blocks.forEach(merged::add);
        return merged;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; SplittableRandom has no nextGaussian on Java 17
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
