package dev.schemabench.stats;

import java.util.Locale;

/**
 * The verdict on one figure of two designs, candidate against baseline, as {@link Comparisons} decides it. Immutable.
 *
 * @param figure         the figure compared
 * @param baselineValue  the baseline's figure, in {@link Figure#unit()}
 * @param candidateValue the candidate's figure, same unit
 * @param ratio          candidate over baseline; NaN when untestable
 * @param low            lower bound of the ratio's interval at {@code confidence}; NaN when untestable
 * @param high           upper bound; NaN when untestable
 * @param confidence     level of the interval: {@code 1 - alpha / (m - rank)} for the figure's Holm rank in a
 *                       family of {@code m}, so 0.95 for a single figure at alpha 0.05
 * @param pValue         the bootstrap p-value of a ratio of 1, unadjusted
 * @param adjustedP      the Holm-adjusted p-value across the family
 * @param threshold      the practical threshold, a fraction (0.05 for 5 %)
 * @param call           the verdict
 * @param notEnoughReads for {@link Call#NOT_ENOUGH_READS}, what was missing, else null
 */
public record Comparison(Figure figure, double baselineValue, double candidateValue, double ratio, double low,
                         double high, double confidence, double pValue, double adjustedP, double threshold, Call call,
                         Estimate.NotEnoughReads notEnoughReads) {

    /** What the figures say about the candidate. */
    public enum Call {
        /** Significant after Holm and larger than the threshold, in the bad direction. */
        WORSE,
        /** Significant after Holm and larger than the threshold, in the good direction. */
        BETTER,
        /** The interval holds 1 or the difference is not significant after Holm: a tie. */
        INDISTINGUISHABLE,
        /** Significant but smaller than the practical threshold: a tie for a decision. */
        NEGLIGIBLE,
        /** One side has too few reads beyond the percentile for a number. */
        NOT_ENOUGH_READS;

        /** Whether the call names a winner. */
        public boolean decisive() {
            return this == WORSE || this == BETTER;
        }
    }

    /** The relative difference, candidate against baseline: {@code ratio - 1}. */
    public double change() {
        return ratio - 1;
    }

    /** The largest distance of the interval from 1, as a fraction: the "± x" of a tie. */
    public double uncertainty() {
        return Math.max(Math.abs(low - 1), Math.abs(high - 1));
    }

    /**
     * The verdict in words: "slower by 30.1 % (95 % CI +27.0 % to +33.2 %)", "indistinguishable (±4.2 %)",
     * "+2.1 %, real but below the 5 % threshold", or the missing reads.
     */
    public String verdict() {
        return switch (call) {
            case WORSE, BETTER -> String.format(Locale.ROOT, "%s by %.1f %% (%s CI %s to %s)", direction(),
                    Math.abs(change()) * 100, level(), percent(low - 1), percent(high - 1));
            case INDISTINGUISHABLE -> String.format(Locale.ROOT, "indistinguishable (±%.1f %%)", uncertainty() * 100);
            case NEGLIGIBLE -> String.format(Locale.ROOT, "%s, real but below the %s %% threshold", percent(change()),
                    trim(threshold * 100));
            case NOT_ENOUGH_READS -> notEnoughReads.reason();
        };
    }

    private String direction() {
        boolean larger = ratio > 1;
        if (figure.lowerIsBetter()) {
            return larger ? "slower" : "faster";
        }
        return larger ? "higher" : "lower";
    }

    /** The interval's level as a reader reads it: "95 %", "99.2 %". */
    String level() {
        return trim(confidence * 100) + " %";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
    }

    static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
