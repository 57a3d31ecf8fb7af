package dev.schemabench.stats;

import java.util.Optional;

/**
 * The bootstrap distribution of one figure's ratio, candidate over baseline, before any decision: the observed ratio,
 * the resampled ratios (to take an interval at any level) and a two-sided bootstrap p-value of "the ratio is 1".
 * {@link Comparisons} turns a family of them into calls. Immutable and thread-safe.
 */
public final class RatioTest {

    private final Figure figure;
    private final double baselineValue;
    private final double candidateValue;
    private final double ratio;
    private final double[] sortedRatios;
    private final double pValue;
    private final Estimate.NotEnoughReads notEnoughReads;

    private RatioTest(Figure figure, double baselineValue, double candidateValue, double ratio, double[] sortedRatios,
                      double pValue, Estimate.NotEnoughReads notEnoughReads) {
        this.figure = figure;
        this.baselineValue = baselineValue;
        this.candidateValue = candidateValue;
        this.ratio = ratio;
        this.sortedRatios = sortedRatios;
        this.pValue = pValue;
        this.notEnoughReads = notEnoughReads;
    }

    /**
     * A tested ratio.
     *
     * @param sortedRatios the resampled ratios, ascending; kept, not copied
     */
    static RatioTest tested(Figure figure, double baselineValue, double candidateValue, double[] sortedRatios) {
        return tested(figure, baselineValue, candidateValue, candidateValue / baselineValue, sortedRatios);
    }

    /**
     * A tested ratio whose observed value is not simply candidate over baseline (a ratio against reference designs).
     *
     * @param sortedRatios the resampled ratios, ascending; kept, not copied
     */
    static RatioTest tested(Figure figure, double baselineValue, double candidateValue, double ratio,
                            double[] sortedRatios) {
        int atOrBelowOne = 0;
        int atOrAboveOne = 0;
        for (double resampled : sortedRatios) {
            if (resampled <= 1) {
                atOrBelowOne++;
            }
            if (resampled >= 1) {
                atOrAboveOne++;
            }
        }
        double p = Math.min(1, 2.0 * (Math.min(atOrBelowOne, atOrAboveOne) + 1) / (sortedRatios.length + 1));
        return new RatioTest(figure, baselineValue, candidateValue, ratio, sortedRatios, p, null);
    }

    /** A figure one side has too few reads for. */
    static RatioTest untestable(Figure figure, double baselineValue, double candidateValue,
                                Estimate.NotEnoughReads why) {
        return new RatioTest(figure, baselineValue, candidateValue, candidateValue / baselineValue, new double[0], 1,
                why);
    }

    /** The figure compared. */
    public Figure figure() {
        return figure;
    }

    /** The baseline's figure over all its blocks, in {@link Figure#unit()}. */
    public double baselineValue() {
        return baselineValue;
    }

    /** The candidate's figure over all its blocks, in {@link Figure#unit()}. */
    public double candidateValue() {
        return candidateValue;
    }

    /**
     * Candidate over baseline: above 1 means a larger figure (slower for latency, more reads for throughput). For a
     * ratio against reference designs ({@link RatioBootstrap#againstReference}), the candidate's change over the
     * references' change.
     */
    public double ratio() {
        return ratio;
    }

    /**
     * Two-sided bootstrap p-value of a ratio of 1: twice the smaller share of resampled ratios on either side of 1
     * (ties counted on both sides), with the usual +1 correction; 1 when untestable.
     */
    public double pValue() {
        return pValue;
    }

    /** Why there is no test, when one side has too few reads beyond the percentile. */
    public Optional<Estimate.NotEnoughReads> notEnoughReads() {
        return Optional.ofNullable(notEnoughReads);
    }

    /** Lower bound of the equal-tailed percentile interval of the ratio at {@code confidence}; NaN when untestable. */
    public double low(double confidence) {
        return sortedRatios.length == 0 ? Double.NaN
                : BlockResampler.quantile(sortedRatios, (1 - confidence) / 2);
    }

    /** Upper bound of that interval; NaN when untestable. */
    public double high(double confidence) {
        return sortedRatios.length == 0 ? Double.NaN
                : BlockResampler.quantile(sortedRatios, 1 - (1 - confidence) / 2);
    }
}
