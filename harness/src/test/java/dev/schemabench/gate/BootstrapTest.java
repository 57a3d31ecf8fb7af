package dev.schemabench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The statistics on synthetic series with known answers. */
class BootstrapTest {

    private static final double THRESHOLD = 0.10;

    private static double[] logNormal(long seed, int n, double median, double spread) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = median * Math.exp(spread * random.nextGaussian());
        }
        return values;
    }

    private static boolean regression(Bootstrap.Result result) {
        return result.change() > THRESHOLD && result.low() > 0;
    }

    @Test
    void identicalSeriesShowNoChangeAndAnIntervalAroundZero() {
        double[] values = logNormal(1, 20, 10, 0.3);
        Bootstrap.Result result = Bootstrap.medianChange(values, values.clone(), 1, 2000, 0.95, 7);
        assertEquals(0.0, result.change(), 1e-12);
        assertTrue(result.low() <= 0 && result.high() >= 0, result.toString());
        assertTrue(!regression(result));
    }

    @Test
    void aClearShiftIsARegressionWithTheRightSize() {
        double[] before = logNormal(2, 20, 10, 0.1);
        double[] after = Arrays.stream(before).map(value -> value * 1.5).toArray();
        Bootstrap.Result result = Bootstrap.medianChange(before, after, 1, 2000, 0.95, 7);
        assertEquals(0.5, result.change(), 1e-9, "every value 1.5 times: medians differ by exactly 50 %");
        assertTrue(result.low() > 0.3 && result.high() < 0.7, result.toString());
        assertTrue(regression(result));
    }

    @Test
    void aShiftOfIndependentNoisySamplesIsFound() {
        Bootstrap.Result result = Bootstrap.medianChange(logNormal(3, 20, 10, 0.2), logNormal(4, 20, 20, 0.2), 1,
                2000, 0.95, 7);
        assertTrue(result.change() > 0.6 && result.change() < 1.4, result.toString());
        assertTrue(regression(result), result.toString());
    }

    @Test
    void noisyButEqualSeriesRarelyLookLikeARegression() {
        int alarms = 0;
        int trials = 200;
        for (int trial = 0; trial < trials; trial++) {
            double[] before = logNormal(1000 + trial, 20, 10, 0.5);
            double[] after = logNormal(5000 + trial, 20, 10, 0.5);
            Bootstrap.Result result = Bootstrap.medianChange(before, after, 1, 1000, 0.95, trial);
            if (regression(result)) {
                alarms++;
            }
        }
        // Each run alone often moves the median by more than 10 %; the interval is what keeps alarms rare (at most
        // the one-sided 2.5 % of a 95 % interval, plus slack for 200 trials).
        assertTrue(alarms <= 10, alarms + " false alarms in " + trials);
    }

    @Test
    void noisyButEqualSeriesPassOftenEvenWhenTheirMediansDifferByMoreThanTheThreshold() {
        int bigChanges = 0;
        int alarms = 0;
        for (int trial = 0; trial < 200; trial++) {
            Bootstrap.Result result = Bootstrap.medianChange(logNormal(9000 + trial, 20, 10, 0.5),
                    logNormal(7000 + trial, 20, 10, 0.5), 1, 1000, 0.95, trial);
            if (result.change() > THRESHOLD) {
                bigChanges++;
                alarms += regression(result) ? 1 : 0;
            }
        }
        assertTrue(bigChanges > 30, "a fixed 10 % rule would have failed " + bigChanges + " of 200 equal runs");
        assertTrue(alarms * 5 < bigChanges, alarms + " of " + bigChanges);
    }

    @Test
    void higherIsBetterCountsADropAsWorse() {
        double[] before = logNormal(5, 20, 500, 0.01);
        double[] after = Arrays.stream(before).map(value -> value * 0.8).toArray();
        Bootstrap.Result result = Bootstrap.medianChange(before, after, -1, 2000, 0.95, 7);
        assertEquals(0.2, result.change(), 1e-9);
        assertTrue(result.low() > 0, result.toString());
    }

    @Test
    void theSameInputsAndSeedGiveTheSameInterval() {
        double[] before = logNormal(6, 15, 10, 0.4);
        double[] after = logNormal(7, 15, 11, 0.4);
        assertEquals(Bootstrap.medianChange(before, after, 1, 2000, 0.95, 99),
                Bootstrap.medianChange(before, after, 1, 2000, 0.95, 99));
    }

    @Test
    void quantilesAndMediansAreExact() {
        assertEquals(2.5, Bootstrap.median(new double[] {4, 1, 3, 2}));
        assertEquals(3.0, Bootstrap.median(new double[] {5, 1, 3}));
        assertEquals(1.5, Bootstrap.quantile(new double[] {1, 2, 3}, 0.25));
        assertEquals(3, Bootstrap.blockLength(20));
        assertEquals(1, Bootstrap.blockLength(1));
    }
}
