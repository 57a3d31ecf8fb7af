package dev.schemabench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class HolmTest {

    @Test
    void adjustedValuesStepDownAndStayInOrder() {
        double[] p = {0.01, 0.04, 0.03, 0.005};

        // sorted 0.005 x4 = 0.02, 0.01 x3 = 0.03, 0.03 x2 = 0.06, 0.04 x1 = 0.04 raised to 0.06
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Holm.adjust(p), 1e-12);
        assertArrayEquals(new int[] {1, 3, 2, 0}, Holm.ranks(p));
    }

    @Test
    void adjustedValuesAreCappedAtOne() {
        assertArrayEquals(new double[] {1, 1}, Holm.adjust(new double[] {0.6, 0.9}), 1e-12);
    }
}
