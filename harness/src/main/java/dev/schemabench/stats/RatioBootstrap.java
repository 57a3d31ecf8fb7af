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

    /**
     * Paired ratios, candidate over baseline, one per figure in the order given, for designs that took turns in
     * {@code slices.sliceBlocks().length} alternating slices. The two halves of a slice run one after the other, so
     * a burst of load elsewhere on the machine can land in one design's half only: the slice, not the block, is the
     * unit that luck comes in. Each resample therefore draws whole slices with replacement, then within each drawn
     * slice its paired blocks (the same positions for both sides, in runs as {@link #paired} takes them, wrapping
     * inside the slice), so the interval carries the difference between slices as well as within them. A bootstrap
     * over few clusters runs narrow: by {@code (S - 1) / S} in variance, and with a normal tail where the spread of
     * {@code S} slices calls for Student's t with {@code S - 1} degrees of freedom. Each resampled log ratio's distance
     * from the whole-series log ratio is therefore scaled by {@code sqrt(S / (S - 1)) · t(S - 1) / z} at 97.5 %
     * (1.87 for 4 slices, 1.29 for the quick profile's 8, 1.17 for 12, near 1 for many). One slice gives no
     * between-slice spread to draw: its blocks are resampled as {@link #paired} does.
     *
     * @throws IllegalArgumentException when the slices' block counts do not add up to the series' size
     */
    public static List<RatioTest> pairedBySlice(Blocks.Paired slices, List<Figure> figures,
                                                BootstrapSettings settings) {
        BlockSeries baseline = slices.baseline();
        BlockSeries candidate = slices.candidate();
        int[] sliceBlocks = slices.sliceBlocks();
        if (Arrays.stream(sliceBlocks).sum() != baseline.size() || baseline.size() != candidate.size()
                || Arrays.stream(sliceBlocks).anyMatch(blocks -> blocks < 1)) {
            throw new IllegalArgumentException("slices of " + Arrays.toString(sliceBlocks) + " blocks do not make "
                    + baseline.size() + " and " + candidate.size() + " paired blocks");
        }
        int count = sliceBlocks.length;
        if (count < 2) {
            return paired(baseline, candidate, figures, settings);
        }
        int[] firstBlock = new int[count];
        for (int slice = 1; slice < count; slice++) {
            firstBlock[slice] = firstBlock[slice - 1] + sliceBlocks[slice - 1];
        }
        double[] percentiles = Intervals.percentilesOf(figures);
        int slots = percentiles.length + 1;
        BlockResampler resampler = new BlockResampler(List.of(baseline, candidate), 1);
        double[] baseWhole = new double[slots];
        double[] candidateWhole = new double[slots];
        resampler.whole(0, percentiles, baseWhole);
        resampler.whole(1, percentiles, candidateWhole);
        double inflation = smallSampleInflation(count);
        double[][] ratios = new double[slots][settings.resamples()];
        double[] baseDraw = new double[slots];
        double[] candidateDraw = new double[slots];
        int[] chosen = new int[baseline.size() * 2];
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (int r = 0; r < settings.resamples(); r++) {
            int taken = 0;
            for (int draw = 0; draw < count; draw++) {
                int slice = random.nextInt(count);
                int blocks = sliceBlocks[slice];
                int runLength = settings.blockLengthFor(blocks);
                if (taken + blocks > chosen.length) {
                    chosen = Arrays.copyOf(chosen, Math.max(chosen.length * 2, taken + blocks));
                }
                for (int within = 0; within < blocks; ) {
                    int start = random.nextInt(blocks);
                    for (int j = 0; j < runLength && within < blocks; j++, within++) {
                        chosen[taken++] = firstBlock[slice] + (start + j) % blocks;
                    }
                }
            }
            resampler.begin();
            resampler.addBlocks(0, chosen, taken);
            resampler.finish(percentiles, baseDraw);
            resampler.begin();
            resampler.addBlocks(1, chosen, taken);
            resampler.finish(percentiles, candidateDraw);
            for (int slot = 0; slot < slots; slot++) {
                double whole = Math.log(candidateWhole[slot] / baseWhole[slot]);
                double drawn = Math.log(candidateDraw[slot] / baseDraw[slot]);
                ratios[slot][r] = Math.exp(whole + inflation * (drawn - whole));
            }
        }
        return tests(baseline, candidate, figures, settings, percentiles, baseWhole, candidateWhole, ratios);
    }

    /** Student's t at 97.5 % for 1 to 30 degrees of freedom. */
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};
    private static final double Z_975 = 1.959964;

    /** The factor {@link #pairedBySlice} widens resampled log ratios by, for {@code slices} of at least 2. */
    static double smallSampleInflation(int slices) {
        int freedom = slices - 1;
        double t = freedom <= T_975.length ? T_975[freedom - 1] : Z_975 + 2.4 / freedom;
        return Math.sqrt(slices / (double) freedom) * t / Z_975;
    }

    /**
     * Ratios of two independently measured series, candidate over baseline, one per figure in the order given; each
     * series is a phase of its own for {@link BootstrapSettings#phaseNoise()}.
     */
    public static List<RatioTest> independent(BlockSeries baseline, BlockSeries candidate, List<Figure> figures,
                                              BootstrapSettings settings) {
        return ratios(baseline, candidate, figures, settings, false);
    }

    /**
     * A design's change between two runs measured against the change of reference designs in the same two runs, one
     * test per figure: {@code (candidate / baseline) / geomean(referenceCandidate_k / referenceBaseline_k)}. A machine
     * that is slower during one whole run slows every design of that run alike and cancels here, while a change of
     * this design alone does not. Every series is resampled on its own, so the interval also carries the references'
     * noise: wider than the plain ratio's, never narrower. Every series is a phase of its own for
     * {@link BootstrapSettings#phaseNoise()}.
     *
     * @param referenceBaselines  the reference designs' series in the baseline run
     * @param referenceCandidates the same designs' series in the candidate run, in the same order
     * @throws IllegalArgumentException when there is no reference or the reference lists differ in length
     */
    public static List<RatioTest> againstReference(BlockSeries baseline, BlockSeries candidate,
                                                   List<BlockSeries> referenceBaselines,
                                                   List<BlockSeries> referenceCandidates, List<Figure> figures,
                                                   BootstrapSettings settings) {
        return againstReference(baseline, candidate, referenceBaselines, referenceCandidates, figures, settings,
                false);
    }

    /**
     * As {@link #againstReference(BlockSeries, BlockSeries, List, List, List, BootstrapSettings)}; when
     * {@code pairedWithinRuns}, the designs of one run took turns in alternating slices, so each resample draws the
     * same block positions for a reference as for the design in the same run (when both have as many blocks): a
     * slow stretch of the machine within a run lands on both sides of that run's ratio and cancels, as in
     * {@link #paired}. A reference with another number of blocks is resampled on its own.
     */
    public static List<RatioTest> againstReference(BlockSeries baseline, BlockSeries candidate,
                                                   List<BlockSeries> referenceBaselines,
                                                   List<BlockSeries> referenceCandidates, List<Figure> figures,
                                                   BootstrapSettings settings, boolean pairedWithinRuns) {
        int references = referenceBaselines.size();
        if (references == 0 || references != referenceCandidates.size()) {
            throw new IllegalArgumentException("a ratio against references needs as many reference series in each"
                    + " run, and at least one");
        }
        List<BlockSeries> all = new ArrayList<>();
        all.add(baseline);
        all.add(candidate);
        for (int k = 0; k < references; k++) {
            all.add(referenceBaselines.get(k));
            all.add(referenceCandidates.get(k));
        }
        double[] percentiles = Intervals.percentilesOf(figures);
        int slots = percentiles.length + 1;
        int smallest = all.stream().mapToInt(BlockSeries::size).min().orElse(1);
        BlockResampler resampler = new BlockResampler(all, settings.blockLengthFor(smallest));
        double[][] whole = new double[all.size()][slots];
        for (int side = 0; side < all.size(); side++) {
            resampler.whole(side, percentiles, whole[side]);
        }
        double[][] ratios = new double[slots][settings.resamples()];
        double[][] draws = new double[all.size()][slots];
        int[][] starts = new int[all.size()][];
        for (int side = 0; side < all.size(); side++) {
            starts[side] = resampler.newStarts(side);
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (int r = 0; r < settings.resamples(); r++) {
            for (int side = 0; side < all.size(); side++) {
                int sameRun = side % 2;
                if (side >= 2 && pairedWithinRuns && resampler.blocks(side) == resampler.blocks(sameRun)) {
                    System.arraycopy(starts[sameRun], 0, starts[side], 0, starts[side].length);
                } else {
                    resampler.draw(side, random, starts[side]);
                }
                resampler.resample(side, starts[side], percentiles, draws[side]);
                shiftPhase(draws[side], settings.phaseNoise(), random);
            }
            for (int slot = 0; slot < slots; slot++) {
                ratios[slot][r] = relativeChange(draws, slot, references);
            }
        }
        List<RatioTest> tests = new ArrayList<>(figures.size());
        for (Figure figure : figures) {
            boolean percentile = figure.isPercentile();
            int slot = percentile ? Arrays.binarySearch(percentiles, figure.percentile()) : slots - 1;
            double scale = percentile ? 1e-6 : 1;
            double baseValue = whole[0][slot] * scale;
            double candidateValue = whole[1][slot] * scale;
            Estimate.NotEnoughReads few = null;
            for (int side = 0; side < all.size() && few == null; side += 2) {
                few = fewest(figure, all.get(side), all.get(side + 1), settings.minReadsBeyond());
            }
            if (few != null) {
                tests.add(RatioTest.untestable(figure, baseValue, candidateValue, few));
                continue;
            }
            double[] sorted = ratios[slot].clone();
            Arrays.sort(sorted);
            tests.add(RatioTest.tested(figure, baseValue, candidateValue, relativeChange(whole, slot, references),
                    sorted));
        }
        return tests;
    }

    /**
     * One phase's draw of the noise its own blocks cannot show: every figure of the phase scaled by one log-normal
     * factor. Draws nothing when {@code phaseNoise} is 0, so that resamples without it stay as they were.
     */
    private static void shiftPhase(double[] figures, double phaseNoise, SplittableRandom random) {
        if (phaseNoise == 0) {
            return;
        }
        double factor = Math.exp(phaseNoise * random.nextGaussian());
        for (int slot = 0; slot < figures.length; slot++) {
            figures[slot] *= factor;
        }
    }

    /** Side 1 over side 0, over the geometric mean of each reference pair's candidate over baseline. */
    private static double relativeChange(double[][] figures, int slot, int references) {
        double logReference = 0;
        for (int k = 0; k < references; k++) {
            logReference += Math.log(figures[3 + 2 * k][slot] / figures[2 + 2 * k][slot]);
        }
        return figures[1][slot] / figures[0][slot] / Math.exp(logReference / references);
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
            if (!paired) {
                shiftPhase(baseDraw, settings.phaseNoise(), random);
                shiftPhase(candidateDraw, settings.phaseNoise(), random);
            }
            for (int slot = 0; slot < slots; slot++) {
                ratios[slot][r] = candidateDraw[slot] / baseDraw[slot];
            }
        }

        return tests(baseline, candidate, figures, settings, percentiles, baseWhole, candidateWhole, ratios);
    }

    private static List<RatioTest> tests(BlockSeries baseline, BlockSeries candidate, List<Figure> figures,
                                         BootstrapSettings settings, double[] percentiles, double[] baseWhole,
                                         double[] candidateWhole, double[][] ratios) {
        int slots = percentiles.length + 1;
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
        if (baseline.reads() == 0 || candidate.reads() == 0) {
            return new Estimate.NotEnoughReads(figure, 0, 0, figure.isPercentile() ? needed : 1);
        }
        if (!figure.isPercentile()) {
            return null;
        }
        BlockSeries smaller = baseline.reads() <= candidate.reads() ? baseline : candidate;
        long beyond = BlockResampler.readsBeyond(figure.percentile(), smaller.reads());
        return beyond < needed ? new Estimate.NotEnoughReads(figure, smaller.reads(), beyond, needed) : null;
    }
}
