package dev.schemabench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.gate.SyntheticRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schemabench gate}: exit codes for every kind of input, and where the files go. */
class GateCommandTest {

    @TempDir
    Path temp;

    private Path baseline;
    private Path current;

    private static SyntheticRuns.Run run(String id, long noise) {
        SyntheticRuns.Run run = new SyntheticRuns.Run(id);
        run.design("jsonb").noiseSeed = noise;
        run.design("normalized").noiseSeed = noise + 1;
        return run;
    }

    @BeforeEach
    void writeRuns() throws IOException {
        baseline = SyntheticRuns.write(temp.resolve("base"), run("base", 1));
        current = SyntheticRuns.write(temp.resolve("current"), run("current", 3));
    }

    private static void assertUsage(CliRun run, String... fragments) {
        assertEquals(ExitCode.USAGE, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), run.err());
        }
        assertTrue(run.out().isEmpty(), run.out());
    }

    @Test
    void equalRunsPassAndWriteBothFilesNextToTheCurrentRun() {
        CliRun run = CliRun.of("gate", "--baseline", baseline.toString(), "--current", current.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("gate: PASS"), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("pass") && line.contains("jsonb")
                && line.contains("storage.p99_ms")), run.out());
        assertTrue(Files.isRegularFile(current.resolveSibling("gate.md")));
        assertTrue(Files.isRegularFile(current.resolveSibling("gate-junit.xml")));
    }

    @Test
    void aFlaggedMeasurementIsNotedAboveTheVerdicts() throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode results = (com.fasterxml.jackson.databind.node.ObjectNode)
                dev.schemabench.results.ResultsFile.read(current);
        com.fasterxml.jackson.databind.node.ObjectNode checks = ((com.fasterxml.jackson.databind.node.ObjectNode)
                results.get("designs").get(0).get("storage_level")).putObject("checks");
        checks.put("warmup", "settled").put("stationarity", "drifting").put("kept_schedule", true);
        checks.putArray("flags").add("latency drifting: +30.0 % from the first slice to the last (p=0.001, 6 slices)");
        Files.writeString(current, results.toPrettyString());
        CliRun run = CliRun.of("gate", "--baseline", baseline.toString(), "--current", current.toString());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("note: current run current: jsonb's"
                + " storage-level figures are flagged (latency drifting: +30.0 %")), run.out() + run.err());
    }

    @Test
    void aRegressionExitsOneAndFoldersAreAccepted() throws IOException {
        SyntheticRuns.Run slow = run("slow", 3);
        slow.designs.get(0).medianMs = 2;
        Path slowFile = SyntheticRuns.write(temp.resolve("slow"), slow);
        Path out = temp.resolve("gate-out");
        CliRun run = CliRun.of("gate", "--baseline", baseline.getParent().toString(), "--current",
                slowFile.getParent().toString(), "--out", out.toString());
        assertEquals(ExitCode.FAILURE, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("REGRESSION") && line.contains("jsonb")),
                run.out());
        assertTrue(Files.readString(out.resolve("gate.md")).contains(":x: REGRESSION"));
        assertFalse(Files.exists(slowFile.resolveSibling("gate.md")), "--out decides where the files go");
    }

    @Test
    void maxRegressionOnTheCommandLineReplacesTheThresholds() throws IOException {
        SyntheticRuns.Run slower = run("slower", 3);
        slower.designs.get(0).medianMs = 1.3;
        Path file = SyntheticRuns.write(temp.resolve("slower"), slower);
        assertEquals(ExitCode.FAILURE, CliRun.of("gate", "--baseline", baseline.toString(), "--current",
                file.toString()).exitCode(), "30 % slower median: over the default 20 %");
        assertEquals(ExitCode.OK, CliRun.of("gate", "--baseline", baseline.toString(), "--current",
                file.toString(), "--max-regression", "80%").exitCode());
    }

    @Test
    void missingCorruptAndUnknownVersionFilesExitTwo() throws IOException {
        assertUsage(CliRun.of("gate", "--baseline", temp.resolve("nope.json").toString(), "--current",
                current.toString()), "nope.json: no such file");
        Path corrupt = Files.writeString(temp.resolve("corrupt.json"), "{\"schema_version\": 1, ");
        assertUsage(CliRun.of("gate", "--baseline", baseline.toString(), "--current", corrupt.toString()),
                "corrupt.json: not valid JSON");
        Path future = Files.writeString(temp.resolve("future.json"), "{\"schema_version\": 99}");
        assertUsage(CliRun.of("gate", "--baseline", future.toString(), "--current", current.toString()),
                "schema_version 99 is not supported");
        Path foreign = Files.writeString(temp.resolve("foreign.json"), "{\"hello\": 1}");
        assertUsage(CliRun.of("gate", "--baseline", baseline.toString(), "--current", foreign.toString()),
                "not a SchemaBench results file");
        Path hollow = Files.writeString(temp.resolve("hollow.json"), "{\"schema_version\": 1}");
        assertUsage(CliRun.of("gate", "--baseline", hollow.toString(), "--current", current.toString()),
                "no run or designs");
    }

    @Test
    void incomparableRunsExitTwoUnlessAllowed() throws IOException {
        SyntheticRuns.Run otherSeed = run("seed", 3);
        otherSeed.seed = 7;
        Path seedFile = SyntheticRuns.write(temp.resolve("seed"), otherSeed);
        assertUsage(CliRun.of("gate", "--baseline", baseline.toString(), "--current", seedFile.toString()),
                "data seed 42 vs 7");
        SyntheticRuns.Run otherSize = run("size", 3);
        otherSize.products = 5000;
        Path sizeFile = SyntheticRuns.write(temp.resolve("size"), otherSize);
        assertUsage(CliRun.of("gate", "--baseline", baseline.toString(), "--current", sizeFile.toString()),
                "products 3000 vs 5000");
        SyntheticRuns.Run otherProfile = run("profile", 3);
        otherProfile.profile = "standard";
        Path profileFile = SyntheticRuns.write(temp.resolve("profile"), otherProfile);
        assertUsage(CliRun.of("gate", "--baseline", baseline.toString(), "--current", profileFile.toString()),
                "profile quick vs standard");

        CliRun allowed = CliRun.of("gate", "--baseline", baseline.toString(), "--current", profileFile.toString(),
                "--allow-fingerprint-change");
        assertEquals(ExitCode.OK, allowed.exitCode(), allowed.out() + allowed.err());
        assertTrue(allowed.out().contains("note: fingerprint differs (profile quick vs standard): compared anyway"
                + " because of --allow-fingerprint-change"), allowed.out());
        assertTrue(Files.readString(profileFile.resolveSibling("gate.md")).contains("--allow-fingerprint-change"));
    }

    @Test
    void badConfigurationAndOptionsExitTwo() throws IOException {
        Path config = Files.writeString(temp.resolve("gate.yaml"), "compare:\n  storage.p99: 10%\n");
        assertUsage(CliRun.of("gate", "--baseline", baseline.toString(), "--current", current.toString(),
                "--config", config.toString()), config.toString(), "key 'compare.storage.p99': unknown metric");
        assertUsage(CliRun.of("gate", "--baseline", baseline.toString(), "--current", current.toString(),
                "--config", temp.resolve("absent.yaml").toString()), "absent.yaml: no such file");
        assertUsage(CliRun.of("gate", "--baseline", baseline.toString(), "--current", current.toString(),
                "--max-regression", "ten"), "--max-regression 'ten': a percentage such as 10%");
        assertUsage(CliRun.of("gate", "--current", current.toString()), "--baseline");
    }
}
