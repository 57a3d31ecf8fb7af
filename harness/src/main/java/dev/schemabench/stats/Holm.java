package dev.schemabench.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm–Bonferroni step-down adjustment: across a family of {@code m} tests, the chance of at least one false call
 * stays at or below the level, whatever the dependence between the tests. Stateless and thread-safe.
 */
public final class Holm {

    private Holm() {
    }

    /**
     * Holm-adjusted p-values in the order given: the {@code k}-th smallest p-value (from 0) multiplied by
     * {@code m - k}, made non-decreasing along that order and capped at 1. A test is rejected at level {@code alpha}
     * when its adjusted p-value is at most {@code alpha}.
     */
    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int test = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * pValues[test]));
            adjusted[test] = running;
        }
        return adjusted;
    }

    /**
     * The rank of each test in the step-down order (0 for the smallest p-value; ties keep the order given), so
     * that test {@code i} is judged at level {@code alpha / (m - rank[i])}.
     */
    public static int[] ranks(double[] pValues) {
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        int[] ranks = new int[m];
        for (int rank = 0; rank < m; rank++) {
            ranks[order[rank]] = rank;
        }
        return ranks;
    }
}
