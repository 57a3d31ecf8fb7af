package dev.schemabench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SteadyStateTest {

    @Test
    void aJitCompilingForFourSecondsSettlesAtTheFifth() {
        double[] medians = {9.0, 5.1, 3.2, 2.4, 1.02, 0.98, 1.01, 0.99, 1.0, 1.03, 0.97};

        assertEquals(OptionalInt.of(4), SteadyState.settledAt(medians, 5, 0.10));
    }

    @Test
    void aSlowClimbNeverSettles() {
        double[] medians = new double[30];
        for (int second = 0; second < medians.length; second++) {
            medians[second] = 1 + 0.05 * second;
        }

        assertEquals(OptionalInt.empty(), SteadyState.settledAt(medians, 8, 0.10));
    }

    @Test
    void tooShortAWarmUpHasNoWindow() {
        assertEquals(OptionalInt.empty(), SteadyState.settledAt(new double[] {1, 1, 1}, 5, 0.1));
        assertThrows(IllegalArgumentException.class, () -> SteadyState.settledAt(new double[10], 4, 0.1));
    }
}
