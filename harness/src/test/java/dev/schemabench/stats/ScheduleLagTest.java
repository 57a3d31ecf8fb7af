package dev.schemabench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleLagTest {

    /** Sends every 500 µs; {@code late} of them (every 100th from the first) sent 5 ms late, the rest 20 µs late. */
    private static ScheduleLag.Result run(int sends, int lateEvery) {
        long[] intended = new long[sends];
        long[] actual = new long[sends];
        for (int i = 0; i < sends; i++) {
            intended[i] = i * 500_000L;
            actual[i] = intended[i] + (lateEvery > 0 && i % lateEvery == 0 ? 5_000_000 : 20_000);
        }
        return ScheduleLag.check(intended, actual, ScheduleLag.Tolerance.DEFAULT);
    }

    @Test
    void sendsWithinAFewMicrosecondsKeptTheSchedule() {
        ScheduleLag.Result result = run(10_000, 0);

        assertTrue(result.keptSchedule(), result.toString());
        assertEquals(0, result.lateSends());
        assertEquals(0.02, result.p99LagMs(), 0.001);
    }

    @Test
    void fivePercentOfSendsFiveMillisecondsLateDidNot() {
        ScheduleLag.Result result = run(10_000, 20);

        assertFalse(result.keptSchedule(), result.toString());
        assertEquals(500, result.lateSends());
        assertEquals(0.05, result.lateShare(), 1e-12);
        assertEquals(5.0, result.maxLagMs(), 0.01);
        assertEquals("fell behind its schedule: 5.0 % of 10,000 sends over 1 ms late, P99 lag 5.00 ms, max 5.00 ms",
                result.describe(ScheduleLag.Tolerance.DEFAULT));
    }

    @Test
    void halfAPercentLateIsWithinTheDefaultTolerance() {
        assertTrue(run(10_000, 200).keptSchedule());
    }

    @Test
    void theArraysMustMatch() {
        assertThrows(IllegalArgumentException.class,
                () -> ScheduleLag.check(new long[2], new long[3], ScheduleLag.Tolerance.DEFAULT));
    }
}
