package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.results.RunResults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A precision asked instead of a fixed length: parsed as a percentage, refused with the key and the rule. */
class PrecisionConfigTest {

    private static CompareConfig build(String precision, String cap) {
        CompareConfig.Builder builder = new CompareConfig.Builder().set(CompareConfig.DURATION, "60s", "test");
        if (precision != null) {
            builder.set(CompareConfig.PRECISION, precision, "test");
        }
        if (cap != null) {
            builder.set(CompareConfig.PRECISION_CAP, cap, "test");
        }
        return builder.build();
    }

    @Test
    void offByDefaultAndAPercentageWhenAskedFor() {
        assertFalse(build(null, null).precision().enabled());
        assertEquals("off", build(null, null).effectiveValues().get(CompareConfig.PRECISION));
        CompareConfig asked = build("10%", "4m");
        assertEquals(0.10, asked.precision().target(), 1e-12);
        assertEquals(Duration.ofMinutes(4), asked.precision().cap());
        assertEquals("10%", asked.effectiveValues().get(CompareConfig.PRECISION));
        assertEquals(0.025, build("2.5 %", null).precision().target(), 1e-12);
    }

    @Test
    void aBadTargetOrACapBelowTheDurationNamesTheKeyAndTheRule() {
        for (String bad : new String[] {"10", "0%", "100%", "ten%", "-5%"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(bad, null), bad);
            assertTrue(e.getMessage().contains("'precision'") && e.getMessage().contains("percentage"),
                    e.getMessage());
        }
        IllegalArgumentException cap = assertThrows(IllegalArgumentException.class, () -> build("10%", "30s"));
        assertTrue(cap.getMessage().contains("'precision_cap'") && cap.getMessage().contains("at least duration"),
                cap.getMessage());
    }

    @Test
    void theHalfWidthIsTheOneTheReportShows() {
        RunResults.FigureInterval p99 = new RunResults.FigureInterval(10.0, 9.0, 12.0, 0.95, 1000L, 10L, null);
        RunResults.LatencyIntervals intervals = new RunResults.LatencyIntervals(null, null, p99, null, null, 10, "");
        assertEquals(0.15, StorageLevelStage.halfWidth(intervals), 1e-9);
        RunResults.FigureInterval few = new RunResults.FigureInterval(null, null, null, 0.95, 100L, 1L, "few");
        assertEquals(null, StorageLevelStage.halfWidth(
                new RunResults.LatencyIntervals(null, null, few, null, null, 10, "")));
    }
}
