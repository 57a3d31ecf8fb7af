package dev.schemabench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report}: renders from saved results; bad input gives one line, exit 2, and no partial report. */
class ReportCommandTest {

    @TempDir
    Path temp;

    private Path fixtureRun(String name) throws IOException {
        Path source = Path.of(System.getProperty("schemabench.home", "..")).resolve("harness/src/test/resources/report/run");
        Path target = temp.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target.resolve("results.json");
    }

    @Test
    void rendersNextToTheResultsAndLeavesThemUnchanged() throws IOException {
        Path results = fixtureRun("run");
        byte[] before = Files.readAllBytes(results);
        CliRun run = CliRun.of("report", results.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(results.resolveSibling("index.html")));
        assertTrue(Files.isRegularFile(results.resolveSibling("summary.md")));
        assertEquals(List.of(), List.of(Files.readAllBytes(results)).stream()
                .filter(after -> !java.util.Arrays.equals(after, before)).toList(), "results.json unchanged");
        assertTrue(run.out().contains("index.html"), run.out());
    }

    @Test
    void outFolderGetsTheReportAndACopyOfTheResults() throws IOException {
        Path results = fixtureRun("run");
        Path out = temp.resolve("elsewhere/report");
        CliRun run = CliRun.of("report", results.toString(), "--out", out.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(results), Files.readAllBytes(out.resolve("results.json"))));
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("href=\"../../run/histograms/storage-jsonb.hlog\""), "links reach the run folder");
    }

    @Test
    void twoRunsAreComparedIntoTheirOwnFolder() throws IOException {
        Path before = fixtureRun("before");
        Path after = fixtureRun("after");
        String slower = Files.readString(after).replace("\"p99_ms\" : 15.049", "\"p99_ms\" : 30.1")
                .replace("\"p99_ms\": 15.049", "\"p99_ms\": 30.1");
        Files.writeString(after, slower);
        Path out = temp.resolve("comparison");
        CliRun run = CliRun.of("report", before.toString(), after.toString(), "--out", out.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("| storage P99 ms | 15.0 | 30.1 | +15.1 ms | +100.0 % | **worse** |"), summary);
        assertTrue(Files.readString(out.resolve("index.html")).contains("Differences per metric"));
        assertFalse(Files.exists(out.resolve("results.json")), "a comparison links to both runs, copies neither");
    }

    @Test
    void twoRunsWithoutOutGoBesideTheSecondRunAndSaySo() throws IOException {
        Path before = fixtureRun("before");
        Path after = fixtureRun("after");
        CliRun run = CliRun.of("report", before.toString(), after.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        Path expected = temp.resolve("compare-20260105-101500-quick-vs-20260105-101500-quick");
        assertTrue(run.out().contains("Comparison written to " + expected), run.out());
        assertTrue(Files.isRegularFile(expected.resolve("summary.md")));
    }

    @Test
    void threeRunsRenderSideBySideAndIncomparableOnesAreRefusedUnlessAllowed() throws IOException {
        Path first = fixtureRun("first");
        Path second = fixtureRun("second");
        Path third = fixtureRun("third");
        Files.writeString(second, Files.readString(second).replace("20260105-101500-quick", "20260112-101500-quick"));
        Files.writeString(third, Files.readString(third).replace("20260105-101500-quick", "20260119-101500-quick")
                .replace("\"p99_ms\" : 15.049", "\"p99_ms\" : 30.1").replace("\"p99_ms\": 15.049", "\"p99_ms\": 30.1"));
        Path out = temp.resolve("three");
        CliRun run = CliRun.of("report", first.toString(), second.toString(), third.toString(), "--out",
                out.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("## SchemaBench: 3 runs side by side"), summary);
        assertTrue(summary.contains("| design | 20260105-101500-quick | 20260112-101500-quick"
                + " | 20260119-101500-quick |"), summary);
        assertTrue(summary.lines().anyMatch(line -> line.startsWith("| normalized |") && line.contains("30.1")),
                summary);
        assertTrue(Files.readString(out.resolve("index.html")).contains("3 runs side by side"));

        Path otherSeed = fixtureRun("other-seed");
        Files.writeString(otherSeed, Files.readString(otherSeed).replace("\"seed\": 42", "\"seed\": 7")
                .replace("\"seed\" : 42", "\"seed\" : 7"));
        Path refusedOut = temp.resolve("refused");
        CliRun refused = CliRun.of("report", first.toString(), second.toString(), otherSeed.toString(), "--out",
                refusedOut.toString());
        assertEquals(ExitCode.USAGE, refused.exitCode(), refused.out() + refused.err());
        assertEquals(1, refused.err().lines().count(), refused.err());
        assertTrue(refused.err().contains("not comparable") && refused.err().contains("seed"), refused.err());
        assertFalse(Files.exists(refusedOut), "nothing written");
        CliRun allowed = CliRun.of("report", first.toString(), second.toString(), otherSeed.toString(), "--out",
                refusedOut.toString(), "--allow-fingerprint-change");
        assertEquals(ExitCode.OK, allowed.exitCode(), allowed.err());
        assertTrue(Files.readString(refusedOut.resolve("summary.md")).contains("Fingerprints that differ"));

        CliRun two = CliRun.of("report", first.toString(), second.toString(), "--side-by-side", "--out",
                temp.resolve("two").toString());
        assertEquals(ExitCode.OK, two.exitCode(), two.err());
        assertTrue(Files.readString(temp.resolve("two").resolve("summary.md")).contains("2 runs side by side"));
    }

    @Test
    void badFilesExitWithTwoOneLineAndWriteNothing() throws IOException {
        Path malformed = Files.writeString(temp.resolve("malformed.json"), "{\"schema_version\": 1, ");
        Path future = Files.writeString(temp.resolve("future.json"), "{\"schema_version\": 99, \"run\": {},"
                + " \"designs\": []}");
        Path notResults = Files.writeString(temp.resolve("other.json"), "[1, 2, 3]");
        Path noDesigns = Files.writeString(temp.resolve("empty.json"), "{\"schema_version\": 1}");
        Path wrongType = Files.writeString(temp.resolve("wrong-type.json"), "{\"schema_version\": 1, \"run\": {},"
                + " \"designs\": [{\"name\": \"jsonb\", \"storage_level\": {\"p99_ms\": \"fast\"}}]}");
        Path folder = Files.createDirectories(temp.resolve("folder.json"));
        Path good = fixtureRun("run");
        List<List<String>> cases = List.of(
                List.of(temp.resolve("missing.json").toString()),
                List.of(malformed.toString()),
                List.of(future.toString()),
                List.of(notResults.toString()),
                List.of(noDesigns.toString()),
                List.of(wrongType.toString()),
                List.of(folder.toString()),
                List.of(good.toString(), malformed.toString()),
                List.of(good.toString(), "--out", good.toString()),
                List.of(good.toString(), good.toString(), "--out", good.getParent().toString()),
                List.of("a.json", "b.json", "c.json"),
                List.of());
        Path out = temp.resolve("out");
        for (List<String> arguments : cases) {
            List<String> all = new java.util.ArrayList<>(List.of("report"));
            all.addAll(arguments);
            if (!arguments.contains("--out")) {
                all.addAll(List.of("--out", out.toString()));
            }
            CliRun run = CliRun.of(all.toArray(String[]::new));
            assertEquals(ExitCode.USAGE, run.exitCode(), arguments + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), arguments + ": one line: " + run.err());
            assertTrue(run.err().startsWith("error: "), run.err());
            assertFalse(run.err().contains("Exception"), run.err());
            assertFalse(Files.exists(out), arguments + ": nothing written");
            assertFalse(Files.exists(good.resolveSibling("index.html")), arguments + ": no partial report");
        }
        assertTrue(Files.readString(temp.resolve("malformed.json")).startsWith("{"));
    }
}
