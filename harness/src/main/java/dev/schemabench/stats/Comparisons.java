package dev.schemabench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Calls on a family of ratio tests: a difference is called only when it is significant after Holm–Bonferroni across
 * the family (so an A/A comparison over many figures does not name a winner by luck) and the ratio is further than
 * the practical threshold from 1. Every figure compared at once, for example P50, P95, P99, P99.9 and throughput of
 * the storage level and of the service, belongs in one family. Stateless and thread-safe.
 */
public final class Comparisons {

    /** The default practical threshold: differences under 5 % are not called. */
    public static final double DEFAULT_THRESHOLD = 0.05;

    /** The default family-wise error rate. */
    public static final double DEFAULT_ALPHA = 0.05;

    private Comparisons() {
    }

    /** {@link #decide(List, double, double)} at alpha 0.05 and a 5 % threshold. */
    public static List<Comparison> decide(List<RatioTest> family) {
        return decide(family, DEFAULT_ALPHA, DEFAULT_THRESHOLD);
    }

    /**
     * One comparison per test, in the order given. Figures without enough reads are left out of the family (they
     * are not tested, so they do not spend any of {@code alpha}).
     *
     * @param alpha     family-wise error rate, for example 0.05
     * @param threshold practical threshold as a fraction, for example 0.05; 0 calls every significant difference
     */
    public static List<Comparison> decide(List<RatioTest> family, double alpha, double threshold) {
        double[] thresholds = new double[family.size()];
        Arrays.fill(thresholds, threshold);
        return decide(family, alpha, thresholds);
    }

    /**
     * As {@link #decide(List, double, double)} with a practical threshold per test (a gate's own threshold per
     * metric), in the order of {@code family}.
     */
    public static List<Comparison> decide(List<RatioTest> family, double alpha, double[] thresholds) {
        if (thresholds.length != family.size()) {
            throw new IllegalArgumentException(family.size() + " tests but " + thresholds.length + " thresholds");
        }
        if (!(alpha > 0 && alpha < 1) || Arrays.stream(thresholds).anyMatch(t -> t < 0)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1) and the threshold cannot be negative");
        }
        List<RatioTest> tested = family.stream().filter(test -> test.notEnoughReads().isEmpty()).toList();
        double[] pValues = tested.stream().mapToDouble(RatioTest::pValue).toArray();
        double[] adjusted = Holm.adjust(pValues);
        int[] ranks = Holm.ranks(pValues);
        int m = pValues.length;

        List<Comparison> comparisons = new ArrayList<>(family.size());
        int next = 0;
        for (int position = 0; position < family.size(); position++) {
            RatioTest test = family.get(position);
            double threshold = thresholds[position];
            if (test.notEnoughReads().isPresent()) {
                comparisons.add(new Comparison(test.figure(), test.baselineValue(), test.candidateValue(), Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, threshold,
                        Comparison.Call.NOT_ENOUGH_READS, test.notEnoughReads().get()));
                continue;
            }
            int index = next++;
            double confidence = 1 - alpha / (m - ranks[index]);
            double low = test.low(confidence);
            double high = test.high(confidence);
            double ratio = test.ratio();
            Comparison.Call call;
            if (adjusted[index] > alpha || (low <= 1 && high >= 1)) {
                call = Comparison.Call.INDISTINGUISHABLE;
            } else if (Math.abs(ratio - 1) <= threshold) {
                call = Comparison.Call.NEGLIGIBLE;
            } else {
                boolean larger = ratio > 1;
                call = larger == test.figure().lowerIsBetter() ? Comparison.Call.WORSE : Comparison.Call.BETTER;
            }
            comparisons.add(new Comparison(test.figure(), test.baselineValue(), test.candidateValue(), ratio, low,
                    high, confidence, test.pValue(), adjusted[index], threshold, call, null));
        }
        return comparisons;
    }
}
