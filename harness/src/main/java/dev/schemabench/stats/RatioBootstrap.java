package dev.schemabench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bootstrap distributions of the ratio of two designs' figures, for {@link Comparisons}.
 *
 * <p>{@link #paired}: the designs were measured in alternating slices on the same key sequence, and block {@code i}
 * of one sits beside block {@code i} of the other in time (see {@link Blocks#pair}). Each resample draws the same
 * block positions for both sides, so a slow stretch of the machine lands in both sides of the ratio and cancels
 * instead of widening the interval. {@link #independent}: two separate runs (before and after a change), each side
 * resampled on its own.
 *
 * <p>Deterministic for a given seed. Stateless and thread-safe.
 */
public final class RatioBootstrap {

    private RatioBootstrap() {
    }

    /**
     * Paired ratios, candidate over baseline, one per figure in the order given.
     *
     * @throws IllegalArgumentException when the series differ in size
     */
    public static List<RatioTest> paired(BlockSeries baseline, BlockSeries candidate, List<Figure> figures,
                                         BootstrapSettings settings) {
        if (baseline.size() != candidate.size()) {
            throw new IllegalArgumentException("paired series need as many blocks each, not " + baseline.size()
                    + " and " + candidate.size());
        }
        return ratios(baseline, candidate, figures, settings, true);
    }

    /** Ratios of two independently measured series, candidate over baseline, one per figure in the order given. */
    public static List<RatioTest> independent(BlockSeries baseline, BlockSeries candidate, List<Figure> figures,
                                              BootstrapSettings settings) {
        return ratios(baseline, candidate, figures, settings, false);
    }

    private static List<RatioTest> ratios(BlockSeries baseline, BlockSeries candidate, List<Figure> figures,
                                          BootstrapSettings settings, boolean paired) {
        double[] percentiles = Intervals.percentilesOf(figures);
        int slots = percentiles.length + 1;
        BlockResampler resampler = new BlockResampler(List.of(baseline, candidate),
                settings.blockLengthFor(Math.min(baseline.size(), candidate.size())));
        double[] baseWhole = new double[slots];
        double[] candidateWhole = new double[slots];
        resampler.whole(0, percentiles, baseWhole);
        resampler.whole(1, percentiles, candidateWhole);

        double[][] ratios = new double[slots][settings.resamples()];
        double[] baseDraw = new double[slots];
        double[] candidateDraw = new double[slots];
        int[] baseStarts = resampler.newStarts(0);
        int[] candidateStarts = paired ? baseStarts : resampler.newStarts(1);
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (int r = 0; r < settings.resamples(); r++) {
            resampler.draw(0, random, baseStarts);
            if (!paired) {
                resampler.draw(1, random, candidateStarts);
            }
            resampler.resample(0, baseStarts, percentiles, baseDraw);
            resampler.resample(1, candidateStarts, percentiles, candidateDraw);
            for (int slot = 0; slot < slots; slot++) {
                ratios[slot][r] = candidateDraw[slot] / baseDraw[slot];
            }
        }

        List<RatioTest> tests = new ArrayList<>(figures.size());
        for (Figure figure : figures) {
            boolean percentile = figure.isPercentile();
            int slot = percentile ? Arrays.binarySearch(percentiles, figure.percentile()) : slots - 1;
            double scale = percentile ? 1e-6 : 1;
            double baseValue = baseWhole[slot] * scale;
            double candidateValue = candidateWhole[slot] * scale;
            if (baseline.reads() == 0 || candidate.reads() == 0) {
                tests.add(RatioTest.untestable(figure, baseValue, candidateValue, new Estimate.NotEnoughReads(figure,
                        0, 0, percentile ? settings.minReadsBeyond() : 1)));
                continue;
            }
            if (percentile) {
                Estimate.NotEnoughReads few = fewest(figure, baseline, candidate, settings.minReadsBeyond());
                if (few != null) {
                    tests.add(RatioTest.untestable(figure, baseValue, candidateValue, few));
                    continue;
                }
            }
            double[] sorted = ratios[slot].clone();
            Arrays.sort(sorted);
            tests.add(RatioTest.tested(figure, baseValue, candidateValue, sorted));
        }
        return tests;
    }

    /** The side with fewer reads beyond the percentile, when it has too few; null when both have enough. */
    private static Estimate.NotEnoughReads fewest(Figure figure, BlockSeries baseline, BlockSeries candidate,
                                                  long needed) {
        BlockSeries smaller = baseline.reads() <= candidate.reads() ? baseline : candidate;
        long beyond = BlockResampler.readsBeyond(figure.percentile(), smaller.reads());
        return beyond < needed ? new Estimate.NotEnoughReads(figure, smaller.reads(), beyond, needed) : null;
    }
}
