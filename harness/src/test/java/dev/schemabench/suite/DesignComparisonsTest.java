package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.gate.SyntheticRuns;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's own verdict between designs, from generated interval logs: a real difference is called, a tie is not. */
class DesignComparisonsTest {

    @TempDir
    Path temp;

    private Map<String, Map<String, RunResults.DesignVerdict>> verdicts(double normalizedMedianMs) throws IOException {
        return verdicts(normalizedMedianMs, java.util.Set.of());
    }

    private Map<String, Map<String, RunResults.DesignVerdict>> verdicts(double normalizedMedianMs,
                                                                        java.util.Set<Integer> jsonbBurst)
            throws IOException {
        SyntheticRuns.Run run = new SyntheticRuns.Run("run");
        SyntheticRuns.Design jsonb = run.design("jsonb");
        jsonb.noiseSeed = 11;
        jsonb.burstSeconds = jsonbBurst;
        jsonb.burstShare = 0.1;
        SyntheticRuns.Design normalized = run.design("normalized");
        normalized.noiseSeed = 12;
        for (SyntheticRuns.Design design : run.designs) {
            design.extra = node -> ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("storage_level"))
                    .put("slices", 4);
        }
        normalized.medianMs = normalizedMedianMs;
        Path results = SyntheticRuns.write(temp.resolve("m" + normalizedMedianMs + jsonbBurst.size()), run);
        return DesignComparisons.of(results.getParent(), ResultsFile.load(results).designs());
    }

    @Test
    void aDesignHalfAsFastAgainIsCalledSlowerAgainstTheBest() throws IOException {
        RunResults.DesignVerdict p50 = verdicts(1.5).get("normalized").get("storage.p50_ms");
        assertNotNull(p50);
        assertEquals("jsonb", p50.against());
        assertEquals("worse", p50.call(), p50.toString());
        assertTrue(p50.decisive());
        assertTrue(p50.low() > 1.05 && p50.ratio() > 1.3, p50.toString());
        assertTrue(p50.verdict().startsWith("slower by"), p50.verdict());
    }

    @Test
    void twoDesignsOfOneDistributionAreNotCalled() throws IOException {
        Map<String, Map<String, RunResults.DesignVerdict>> all = verdicts(1.0);
        for (Map<String, RunResults.DesignVerdict> byMetric : all.values()) {
            for (RunResults.DesignVerdict verdict : byMetric.values()) {
                assertFalse(verdict.decisive(), verdict.toString());
            }
        }
        assertFalse(all.isEmpty(), "the pair was tested");
    }

    /**
     * A burst of load elsewhere on the machine lands in one design's half of a slice only (the halves run one after
     * the other): its tail is longer in that slice and in no other. That is one slice's luck, not the design, and the
     * P99 must stay uncalled; the P50, which the burst leaves alone, too.
     */
    @Test
    void aBurstInOneSliceOfOneDesignIsNotCalledADifference() throws IOException {
        Map<String, Map<String, RunResults.DesignVerdict>> all = verdicts(1.0, java.util.Set.of(5, 6, 7, 8, 9));
        RunResults.DesignVerdict p99 = all.get("jsonb").get("storage.p99_ms");
        assertNotNull(p99, all.toString());
        assertTrue(p99.ratio() > 1.2, () -> "the burst lengthens the tail: " + p99);
        for (Map<String, RunResults.DesignVerdict> byMetric : all.values()) {
            for (RunResults.DesignVerdict verdict : byMetric.values()) {
                assertFalse(verdict.decisive(), verdict.toString());
            }
        }
    }
}
