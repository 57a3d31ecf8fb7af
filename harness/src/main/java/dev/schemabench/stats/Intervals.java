package dev.schemabench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Confidence intervals of one design's figures from its time blocks, by the circular moving-block bootstrap (see
 * {@link BlockResampler}): the percentile interval of each figure over the resamples. Adjacent seconds share machine
 * state, so whole runs of consecutive blocks are resampled, not single reads. Deterministic: the same blocks and
 * settings give the same intervals. Stateless and thread-safe.
 */
public final class Intervals {

    private Intervals() {
    }

    /**
     * Each of {@code figures} with its interval, in the order given. A percentile with fewer than
     * {@link BootstrapSettings#minReadsBeyond()} reads ranked above it comes back as {@link Estimate.NotEnoughReads}.
     */
    public static List<Estimate> of(BlockSeries series, List<Figure> figures, BootstrapSettings settings) {
        double[] percentiles = percentilesOf(figures);
        BlockResampler resampler = new BlockResampler(List.of(series), settings.blockLengthFor(series.size()));
        int slots = percentiles.length + 1;
        double[] whole = new double[slots];
        resampler.whole(0, percentiles, whole);
        double[][] draws = new double[slots][settings.resamples()];
        double[] out = new double[slots];
        int[] starts = resampler.newStarts(0);
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (int r = 0; r < settings.resamples(); r++) {
            resampler.draw(0, random, starts);
            resampler.resample(0, starts, percentiles, out);
            for (int slot = 0; slot < slots; slot++) {
                draws[slot][r] = out[slot];
            }
        }
        double alpha = (1 - settings.confidence()) / 2;
        List<Estimate> estimates = new ArrayList<>(figures.size());
        for (Figure figure : figures) {
            int slot = figure.isPercentile() ? Arrays.binarySearch(percentiles, figure.percentile()) : slots - 1;
            double scale = figure.isPercentile() ? 1e-6 : 1;
            long beyond = figure.isPercentile() ? BlockResampler.readsBeyond(figure.percentile(), series.reads())
                    : series.reads();
            if (figure.isPercentile() && beyond < settings.minReadsBeyond()) {
                estimates.add(new Estimate.NotEnoughReads(figure, series.reads(), beyond, settings.minReadsBeyond()));
                continue;
            }
            double[] sorted = draws[slot];
            Arrays.sort(sorted);
            estimates.add(new Estimate.Measured(figure, whole[slot] * scale,
                    BlockResampler.quantile(sorted, alpha) * scale, BlockResampler.quantile(sorted, 1 - alpha) * scale,
                    settings.confidence(), series.reads(), beyond));
        }
        return estimates;
    }

    /** The distinct percentiles of {@code figures}, ascending. */
    static double[] percentilesOf(List<Figure> figures) {
        return figures.stream().filter(Figure::isPercentile).mapToDouble(Figure::percentile).distinct().sorted()
                .toArray();
    }
}
