package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.results.RunResults;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static RunResults.SaturationRound round(double pgbench, double harness) {
        return new RunResults.SaturationRound(pgbench, harness, harness / pgbench, true, null);
    }

    @Test
    void eachFigureIsTheMedianOfItsOwnRounds() {
        List<RunResults.SaturationRound> rounds = List.of(round(10_000, 9_000), round(8_000, 8_800),
                round(12_000, 6_000));

        assertEquals(10_000, Calibration.median(rounds, RunResults.SaturationRound::pgbenchTps));
        assertEquals(8_800, Calibration.median(rounds, RunResults.SaturationRound::harnessTps));
        assertEquals(0.9, Calibration.median(rounds, RunResults.SaturationRound::ratio), 1e-9,
                "the middle ratio (0.5, 0.9, 1.1), not the ratio of the medians (0.88)");
    }

    @Test
    void anEvenCountTakesTheMeanOfTheMiddleTwo() {
        List<RunResults.SaturationRound> rounds = List.of(round(10_000, 9_000), round(8_000, 8_800));

        assertEquals(9_000, Calibration.median(rounds, RunResults.SaturationRound::pgbenchTps));
        assertEquals(1.0, Calibration.median(rounds, RunResults.SaturationRound::ratio), 1e-9);
    }

    @Test
    void roundsAgreeWhenTheirRatiosLieWithinTenPercentOfTheirMedian() {
        assertTrue(Calibration.agree(List.of(round(10_000, 8_000), round(10_000, 8_500))), "0.80 and 0.85");
        assertFalse(Calibration.agree(List.of(round(10_000, 8_000), round(10_000, 9_000))), "0.80 and 0.90");
        assertFalse(Calibration.agree(List.of(round(10_000, 8_000))), "one round cannot agree with itself");
        assertEquals(0.1, Calibration.spread(List.of(round(10_000, 8_000), round(10_000, 9_000))), 1e-9);
    }

    @Test
    void aHarnessFasterThanPgbenchByMoreThanTheSpreadIsAFaultNotAWin() {
        // the quick run of issue 17: 1.62 from two one-second rounds
        String fault = Calibration.fault(1.62, 0.1);
        assertNotNull(fault);
        assertTrue(fault.startsWith("calibration fault: the harness came out at 1.62 of pgbench's throughput"), fault);

        assertNull(Calibration.fault(0.82, 0.05), "slower than pgbench is a result");
        assertNull(Calibration.fault(1.04, 0.06), "faster by less than the rounds' spread is noise");
        assertNotNull(Calibration.fault(1.04, 0.0), "a single round has no spread to hide in");
        assertNull(Calibration.fault(null, null));
    }

    @Test
    void pgbenchsSteadyRateLeavesOutItsWarmUp() throws IOException {
        String output = """
                pgbench (17.2)
                progress: 1.0 s, 8640.3 tps, lat 0.229 ms stddev 0.102, 0 failed
                progress: 2.0 s, 16000.0 tps, lat 0.120 ms stddev 0.030, 0 failed
                progress: 3.0 s, 17000.0 tps, lat 0.115 ms stddev 0.030, 0 failed
                progress: 4.0 s, 18000.0 tps, lat 0.110 ms stddev 0.030, 0 failed
                tps = 14910.075 (without initial connection time)
                """;

        assertEquals(17_500, Calibration.steadyTps(output, 2), 1e-9);
        assertThrows(IOException.class, () -> Calibration.steadyTps(output, 4));
    }

    @Test
    void pgbenchTransactionsCompletedDuringTheWarmUpAreLeftOut() throws IOException {
        List<long[]> transactions = new ArrayList<>();
        transactions.add(Calibration.logLine("0 1 900 0 1700000000 100000"));
        transactions.add(Calibration.logLine("1 1 300 0 1700000001 900000 50"));
        transactions.add(Calibration.logLine("0 2 200 0 1700000002 100000 10"));
        assertNull(Calibration.logLine("garbage"));

        Histogram latencies = Calibration.afterWarmup(transactions, Duration.ofSeconds(2));

        assertEquals(1, latencies.getTotalCount(), "only the one completed 2 s after the first");
        assertEquals(210_000, latencies.getMaxValue(), 210, "200 µs plus its 10 µs schedule lag, in nanoseconds");
    }

    @Test
    void thePgbenchScriptIsTheDesignsReadOnOneLineWithAUniformId() {
        String script = Calibration.script("SELECT batch_id, recommendations\nFROM t\nWHERE product_id = :product_id"
                + " AND is_active", 1000, 10);

        assertEquals("\\set id random(0, 999)\nSELECT batch_id, recommendations FROM t WHERE product_id = ('SKU-' ||"
                + " lpad(:id::text, greatest(7, length(:id::text)), '0')) AND is_active;\n", script);
    }
}
