package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemabench.results.RunResults;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static RunResults.SaturationRound round(double pgbench, double harness) {
        return new RunResults.SaturationRound(pgbench, harness, harness / pgbench, true);
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
    void thePgbenchScriptIsTheDesignsReadOnOneLineWithAUniformId() {
        String script = Calibration.script("SELECT batch_id, recommendations\nFROM t\nWHERE product_id = :product_id"
                + " AND is_active", 1000, 10);

        assertEquals("\\set id random(0, 999)\nSELECT batch_id, recommendations FROM t WHERE product_id = ('SKU-' ||"
                + " lpad(:id::text, greatest(7, length(:id::text)), '0')) AND is_active;\n", script);
    }
}
