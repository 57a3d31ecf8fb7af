package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.gate.GateConfig;
import dev.schemabench.internal.Home;
import org.junit.jupiter.api.Test;

/**
 * The quick profile is what the example CI pipeline runs, so it must give the shipped gate (gate.yaml) enough
 * one-second intervals on every latency metric it compares; with fewer, the gate prints "no noise data" and cannot
 * fail on a latency regression. Intervals are one second long and each must hold at least
 * {@code min_reads_per_interval} reads by itself (at a fixed arrival rate, an interval holds the rate, give or take a
 * read), with a margin of a fifth, so that merging never eats into the count. On a machine so overloaded that the
 * service falls seconds behind, completions bunch up and fewer blocks form; that the gate then says "no noise data"
 * for the level is right.
 */
class QuickProfileIntervalsTest {

    private static final double RATE_MARGIN = 1.2;
    private static final int INTERVAL_MARGIN = 2;

    private final GateConfig gate = GateConfig.load(Home.directory().resolve("gate.yaml"));
    private final CompareConfig quick = quick();

    private static CompareConfig quick() {
        CompareConfig.Builder builder = new CompareConfig.Builder();
        ProfileFile.apply("quick", builder);
        return builder.build();
    }

    @Test
    void storageLevelGivesEnoughFullIntervalsPerDesign() {
        assertTrue(quick.rate() >= RATE_MARGIN * gate.minReadsPerInterval(),
                "storage rate " + quick.rate() + " reads/s fills a one-second block of " + gate.minReadsPerInterval());
        // The driver starts its one-second clock with each slice and sends a slice's last read at its end, so a slice
        // of whole seconds gives that many full intervals (a read still running at the end adds a sliver the gate
        // merges with its neighbour)
        double sliceSeconds = quick.duration().toMillis() / 1000.0 / quick.slices();
        long wholeIntervals = (long) Math.floor(sliceSeconds) * quick.slices();
        assertTrue(wholeIntervals >= gate.minIntervals() + INTERVAL_MARGIN, wholeIntervals + " whole one-second"
                + " intervals per design at least; the gate needs " + gate.minIntervals());
    }

    @Test
    void serviceLevelGivesEnoughFullIntervalsPerDesign() {
        assertTrue(quick.serviceLevel(), "the quick profile measures the service level");
        assertTrue(quick.serviceRate() >= RATE_MARGIN * gate.minReadsPerInterval(), "service rate "
                + quick.serviceRate() + " reads/s fills a one-second block of " + gate.minReadsPerInterval());
        // One measured window: only its first and last intervals may be partial.
        long intervals = quick.serviceDuration().toSeconds() - 1;
        assertTrue(intervals >= gate.minIntervals() + INTERVAL_MARGIN, intervals + " whole one-second service"
                + " intervals per design at least; the gate needs " + gate.minIntervals());
    }

    @Test
    void jmhHasAnErrorForTheGate() {
        assertTrue(quick.jmhIterations() >= 2, "JMH reports an error of the mean only from two iterations on");
    }
}
