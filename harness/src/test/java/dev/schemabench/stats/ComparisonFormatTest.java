package dev.schemabench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonFormatTest {

    private static Comparison comparison(Figure figure, double base, double candidate, double low, double high,
                                         Comparison.Call call) {
        return new Comparison(figure, base, candidate, candidate / base, low, high, 0.95, 0.001, 0.004, 0.05, call,
                null);
    }

    @Test
    void aTieIsATildeWithItsUncertainty() {
        Comparison tie = comparison(Figure.P99, 8.33, 8.91, 0.97, 1.18, Comparison.Call.INDISTINGUISHABLE);

        assertEquals("~ (±18.0 %, p=0.004)", ComparisonFormat.delta(tie));
        assertEquals("indistinguishable (±18.0 %)", tie.verdict());
        assertEquals("P99  8.330 ms  8.910 ms  ~ (±18.0 %, p=0.004)", ComparisonFormat.line(tie));
    }

    @Test
    void aCallShowsTheChangeWithItsInterval() {
        Comparison slower = comparison(Figure.P99, 8.33, 10.829, 1.261, 1.34, Comparison.Call.WORSE);

        assertEquals("+30.0 % (95 % CI +26.1 % to +34.0 %, p=0.004)", ComparisonFormat.delta(slower));
        assertEquals("slower by 30.0 % (95 % CI +26.1 % to +34.0 %)", slower.verdict());
    }

    @Test
    void aTableAlignsItsColumns() {
        String table = ComparisonFormat.table("jsonb", "normalized", List.of(
                comparison(Figure.P50, 1.2034, 1.1981, 0.97, 1.031, Comparison.Call.INDISTINGUISHABLE),
                comparison(Figure.THROUGHPUT, 1994.2, 1993.1, 0.999, 1.001, Comparison.Call.INDISTINGUISHABLE)));

        assertEquals("""
                figure      jsonb         normalized    delta
                P50         1.203 ms      1.198 ms      ~ (±3.1 %, p=0.004)
                throughput  1994 reads/s  1993 reads/s  ~ (±0.1 %, p=0.004)
                """, table);
    }
}
