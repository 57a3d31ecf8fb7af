package dev.schemabench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StationarityTest {

    private static double[] noisy(long seed, int slices, double start, double end) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[slices];
        for (int i = 0; i < slices; i++) {
            double level = start + (end - start) * i / (slices - 1);
            values[i] = level * (1 + 0.03 * (random.nextDouble() - 0.5));
        }
        return values;
    }

    @Test
    void noiseAroundAFlatLevelIsStationary() {
        Stationarity.Result result = Stationarity.check(noisy(1, 12, 10, 10), 0.05, 0.10);

        assertEquals(Stationarity.Status.STATIONARY, result.status(), result::describe);
    }

    @Test
    void aSteadyClimbOfThirtyPercentIsDrifting() {
        Stationarity.Result result = Stationarity.check(noisy(2, 12, 10, 13), 0.05, 0.10);

        assertEquals(Stationarity.Status.DRIFTING, result.status(), result::describe);
        assertEquals(66, result.kendallS(), "every later slice above every earlier one: 12 * 11 / 2");
        assertTrue(result.drift() > 0.25 && result.drift() < 0.35, result::describe);
        assertTrue(result.describe().startsWith("drifting: +"), result::describe);
    }

    @Test
    void aSignificantButSmallTrendIsStillStationary() {
        double[] values = new double[12];
        for (int i = 0; i < values.length; i++) {
            values[i] = 10 + 0.01 * i;
        }

        Stationarity.Result result = Stationarity.check(values, 0.05, 0.10);

        assertTrue(result.pValue() < 0.001, result::describe);
        assertEquals(Stationarity.Status.STATIONARY, result.status(), result::describe);
    }

    @Test
    void fourSlicesAreTooFewToTell() {
        assertEquals(Stationarity.Status.TOO_FEW_SLICES,
                Stationarity.check(new double[] {1, 2, 3, 4}, 0.05, 0.1).status());
    }

    @Test
    void theNormalDistributionFunctionMatchesKnownValues() {
        assertEquals(0.5, Stationarity.normalCdf(0), 1e-7);
        assertEquals(0.975, Stationarity.normalCdf(1.959964), 1e-6);
        assertEquals(0.025, Stationarity.normalCdf(-1.959964), 1e-6);
    }
}
