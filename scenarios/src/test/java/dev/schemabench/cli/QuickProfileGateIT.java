package dev.schemabench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.internal.Home;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the example CI pipeline does, end to end: two runs of {@code compare --profile quick} on the same code, then
 * {@code gate} with the shipped gate.yaml's rules (without its absolute budgets). They must pass against each other,
 * and every latency metric the gate compares must have been judged with its noise model (enough intervals, a JMH error),
 * not "no noise data", which would let any latency regression through. Then the other side: a third quick run whose
 * jsonb reads each wait as long again as they took ({@link SlowedReads}, wrapped in through
 * {@code DesignRegistry.decorate}) must fail the gate on a jsonb latency metric, not only on something else. A wait
 * of 30 % of each read was caught in one of two runs here: the gate's intervals are honest about phase noise, and a
 * quick run is short. Lives in the scenarios module because the
 * quick profile runs JMH and Gatling from the scenarios' build output. Also checks that results.json names the commit
 * the code was built from.
 */
@Tag("long")
class QuickProfileGateIT {

    private static final List<String> DESIGNS = List.of("jsonb", "normalized");
    private static final List<String> LATENCY_METRICS = List.of("storage.p50_ms", "storage.p99_ms",
            "service.p50_ms", "service.p99_ms", "jmh.point_read_mean_ms");

    @TempDir
    Path temp;

    private record Captured(int exitCode, String out, String err) {
    }

    private static Captured cli(String... arguments) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(arguments);
            return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            System.out.println(out.toString(StandardCharsets.UTF_8));
            System.err.println(err.toString(StandardCharsets.UTF_8));
        }
    }

    /** The share of its own duration each slowed read waits in addition. */
    private static final double SLOWDOWN = 1.0;

    private Path quickRun(String name) {
        Path out = temp.resolve(name);
        Captured run = cli("compare", "--profile", "quick", "--out", out.toString());
        assertEquals(ExitCode.OK, run.exitCode(), name + ": " + run.err());
        return out.resolve("results.json");
    }

    /**
     * The shipped gate.yaml without its absolute budgets: those state what a dedicated runner should achieve (a
     * service P99 of 100 ms), which a shared test machine need not; the comparison of the two runs is under test.
     */
    private Path rulesWithoutBudgets() throws IOException {
        String shipped = Files.readString(Home.directory().resolve("gate.yaml"), StandardCharsets.UTF_8);
        int budgets = shipped.indexOf("\nbudgets:");
        assertTrue(budgets > 0, "gate.yaml has a budgets section");
        return Files.writeString(temp.resolve("gate-rules.yaml"), shipped.substring(0, budgets + 1));
    }

    private Captured gate(Path baseline, Path current, String name) throws IOException {
        return cli("gate", "--baseline", baseline.toString(), "--current", current.toString(), "--config",
                rulesWithoutBudgets().toString(), "--out", temp.resolve(name).toString());
    }

    @Test
    void twoQuickRunsOfTheSameCodePassWithTheNoiseModelOnEveryLatencyMetric() throws Exception {
        Path baseline = quickRun("baseline");
        Path current = quickRun("current");
        // No second try: a machine slower during one whole run slows both designs alike, and the gate judges each
        // design's change against the other's.
        Captured gated = gate(baseline, current, "gate");
        assertEquals(ExitCode.OK, gated.exitCode(), gated.out());
        for (String design : DESIGNS) {
            for (String metric : LATENCY_METRICS) {
                String verdict = gated.out().lines()
                        .filter(line -> line.contains(" " + design + " ") && line.contains(" " + metric + " "))
                        .findFirst().orElse(null);
                assertTrue(verdict != null, design + " " + metric + " has a verdict:\n" + gated.out());
                assertFalse(verdict.contains("no noise data") || verdict.contains("too few intervals")
                        || verdict.contains("no JMH error"), "judged with noise data: " + verdict);
                assertTrue(verdict.contains("against the change of"), "judged against the other design: " + verdict);
            }
        }
        assertVersionIsTheCommit(current);

        Path slowed;
        DesignRegistry.Decoration slower =
                DesignRegistry.decorate("jsonb", design -> new SlowedReads(design, SLOWDOWN));
        try {
            slowed = quickRun("slowed");
        } finally {
            slower.undo();
        }
        Captured slowedGate = gate(current, slowed, "gate-slowed");
        assertEquals(ExitCode.FAILURE, slowedGate.exitCode(), "reads twice as slow must fail:\n" + slowedGate.out());
        List<String> latencyRegressions = slowedGate.out().lines()
                .filter(line -> line.startsWith("REGRESSION") && line.contains(" jsonb ")
                        && LATENCY_METRICS.stream().anyMatch(metric -> line.contains(" " + metric + " ")))
                .toList();
        assertFalse(latencyRegressions.isEmpty(), "fails on a jsonb latency metric:\n" + slowedGate.out());
    }

    private static void assertVersionIsTheCommit(Path results) throws IOException, InterruptedException {
        JsonNode run = new ObjectMapper().readTree(results.toFile()).path("run");
        String version = run.path("environment").path("schemabench_version").asText();
        Process git = new ProcessBuilder("git", "-C", Home.directory().toString(), "rev-parse", "HEAD").start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(git.waitFor(30, TimeUnit.SECONDS));
        assumeTrue(git.exitValue() == 0, "not a git checkout");
        assertTrue(version.contains("(commit " + head.substring(0, 12)), version + " vs git rev-parse HEAD " + head);
    }
}
