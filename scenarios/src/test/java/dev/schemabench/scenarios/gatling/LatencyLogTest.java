package dev.schemabench.scenarios.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The send lag of the service-level reads against the open model's even schedule, from noted start times. */
class LatencyLogTest {

    private static final long PERIOD = 4_000_000L;

    @TempDir
    Path temp;

    @Test
    void startsOnTheEvenScheduleHaveNoLagEvenWhenTheFirstIsLate() {
        try (LatencyLog log = new LatencyLog(temp.resolve("a.hlog"), "test")) {
            log.noteStart(1_000 + 3_000_000L);
            for (int k = 1; k < 100; k++) {
                log.noteStart(1_000 + k * PERIOD);
            }
            Histogram lags = log.sendLags(250);
            assertEquals(100, lags.getTotalCount());
            assertEquals(99, lags.getCountBetweenValues(0, 0), "only the first read left late");
            assertTrue(lags.getMaxValue() >= 2_990_000L, "and by its 3 ms: " + lags.getMaxValue());
        }
    }

    @Test
    void aStallOfTheInjectorShowsAsLagOfTheReadsItHeldBack() {
        try (LatencyLog log = new LatencyLog(temp.resolve("b.hlog"), "test")) {
            for (int k = 0; k < 100; k++) {
                long intended = k * PERIOD;
                long stallEnd = 60 * PERIOD;
                log.noteStart(k >= 40 && k < 60 ? stallEnd : intended);
            }
            Histogram lags = log.sendLags(250);
            assertEquals(20, lags.getCountBetweenValues(1, Long.MAX_VALUE), "the 20 reads held back");
            assertEquals(80_000_000L, lags.getMaxValue(), 80_000_000L / 1000.0, "the first of them by 20 periods");
        }
    }
}
