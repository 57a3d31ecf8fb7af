package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.catalog.KeyDistribution;
import org.junit.jupiter.api.Test;

/** key_distribution: the default, a choice for the storage-level reads, and what is refused with the reason. */
class KeyDistributionConfigTest {

    @Test
    void defaultIsZipfNinetyNineAndIsRecorded() {
        CompareConfig config = quick().build();
        assertEquals(KeyDistribution.DEFAULT, config.keyDistribution());
        assertEquals("zipf:0.99", config.effectiveValues().get(CompareConfig.KEY_DISTRIBUTION));
    }

    @Test
    void anotherDistributionNeedsTheChildProcessStagesOff() {
        CompareConfig config = quick().set(CompareConfig.KEY_DISTRIBUTION, "zipf:1.4", "test")
                .set(CompareConfig.JMH_ITERATIONS, "0", "test").set(CompareConfig.SERVICE_LEVEL, "off", "test").build();
        assertEquals(new KeyDistribution.Zipf(1.4), config.keyDistribution());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> quick().set(CompareConfig.KEY_DISTRIBUTION, "uniform", "test").build());
        assertTrue(refused.getMessage().contains("'key_distribution' = 'uniform' (from test) is not valid: only the"
                + " storage-level reads draw it yet"), refused.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> quick().set(CompareConfig.KEY_DISTRIBUTION, "zipf:-2", "test").build());
        assertTrue(bad.getMessage().contains("a Zipf exponent is a number above 0"), bad.getMessage());
    }

    private static CompareConfig.Builder quick() {
        CompareConfig.Builder builder = new CompareConfig.Builder();
        ProfileFile.apply("quick", builder);
        return builder;
    }
}
