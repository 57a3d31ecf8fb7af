package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.gate.SyntheticRuns;
import dev.schemabench.results.RunResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service level's measurement checks, from generated latency and send-lag logs. */
class ServiceLevelChecksTest {

    private static final double RATE = 250;

    @TempDir
    Path temp;

    @Test
    void aSteadyWindowSentOnScheduleIsNotFlagged() throws IOException {
        RunResults.MeasurementChecks checks = ServiceLevelChecks.of(latencyLog(1.0), lagLog(0, 0),
                RATE, Duration.ofSeconds(4));
        assertEquals("stationary", checks.stationarity(), checks::toString);
        assertTrue(checks.keptSchedule(), checks::toString);
        assertEquals(5000, checks.sends());
        assertEquals(8.0, checks.lateThresholdMs(), "two periods at 250/s");
        assertEquals("fixed", checks.warmup());
        assertEquals(List.of(), checks.flags());
    }

    @Test
    void latencyThatDoublesAcrossTheWindowIsFlaggedAsDrifting() throws IOException {
        RunResults.MeasurementChecks checks = ServiceLevelChecks.of(latencyLog(2.0), lagLog(0, 0), RATE,
                Duration.ofSeconds(4));
        assertEquals("drifting", checks.stationarity(), checks::toString);
        assertTrue(checks.drift() > 0.5, checks::toString);
        assertTrue(checks.flags().get(0).startsWith("latency drifting"), checks.flags()::toString);
    }

    @Test
    void sendsThatLeftLateAreFlaggedAsAScheduleNotKept() throws IOException {
        RunResults.MeasurementChecks checks = ServiceLevelChecks.of(latencyLog(1.0), lagLog(200, 50), RATE,
                Duration.ofSeconds(4));
        assertFalse(checks.keptSchedule(), checks::toString);
        assertEquals(0.04, checks.lateShare(), 1e-9);
        assertTrue(checks.flags().get(0).startsWith("the load generator (Gatling)"), checks.flags()::toString);
    }

    @Test
    void aWindowWithoutASendLagLogHasItsScheduleUnchecked() throws IOException {
        RunResults.MeasurementChecks checks = ServiceLevelChecks.of(latencyLog(1.0), temp.resolve("absent.hlog"),
                RATE, Duration.ofSeconds(4));
        assertEquals(0, checks.sends());
        assertTrue(checks.keptSchedule());
        assertEquals(List.of(), checks.flags());
    }

    /** Twenty one-second intervals whose median grows steadily to {@code finalFactor} times the first. */
    private Path latencyLog(double finalFactor) throws IOException {
        SyntheticRuns.Design design = new SyntheticRuns.Design("service");
        design.intervals = 20;
        design.readsPerInterval = 250;
        List<Histogram> intervals = SyntheticRuns.intervals(design);
        for (int i = 0; i < intervals.size(); i++) {
            double factor = 1 + (finalFactor - 1) * i / (intervals.size() - 1.0);
            Histogram scaled = new Histogram(3);
            Histogram original = intervals.get(i);
            for (var value : original.recordedValues()) {
                scaled.recordValueWithCount(Math.round(value.getValueIteratedTo() * factor),
                        value.getCountAtValueIteratedTo());
            }
            scaled.setStartTimeStamp(original.getStartTimeStamp());
            scaled.setEndTimeStamp(original.getEndTimeStamp());
            intervals.set(i, scaled);
        }
        Path file = temp.resolve("latency-" + finalFactor + ".hlog");
        write(file, intervals);
        return file;
    }

    /** 5,000 sends, {@code late} of them {@code lateMs} behind their place. */
    private Path lagLog(int late, double lateMs) throws IOException {
        Histogram lags = new Histogram(3);
        lags.recordValueWithCount(100_000, 5000 - late);
        if (late > 0) {
            lags.recordValueWithCount(Math.round(lateMs * 1e6), late);
        }
        lags.setStartTimeStamp(1_700_000_000_000L);
        lags.setEndTimeStamp(1_700_000_000_000L);
        Path file = temp.resolve("lag-" + late + ".hlog");
        write(file, List.of(lags));
        return file;
    }

    private static void write(Path file, List<Histogram> histograms) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            histograms.forEach(writer::outputIntervalHistogram);
        }
    }
}
