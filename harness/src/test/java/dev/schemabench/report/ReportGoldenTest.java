package dev.schemabench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the report of a fixed results.json: the structure of index.html ({@link ReportStructure}) and the whole of
 * summary.md. After an intended change, regenerate the golden files and review their diff:
 * {@code mvn -q -B test -pl harness -Dtest=ReportGoldenTest -Dschemabench.updateGoldens=true}.
 */
class ReportGoldenTest {

    static final boolean UPDATE = Boolean.getBoolean("schemabench.updateGoldens");

    @TempDir
    Path temp;

    @Test
    void htmlStructureMatchesTheGoldenFile() throws IOException {
        Path results = ReportFixture.copyRun(temp);
        ReportWriter.write(results);
        String structure = ReportStructure.of(Files.readString(temp.resolve(HtmlRenderer.NAME)));
        check("index.structure.txt", structure);
    }

    @Test
    void summaryMatchesTheGoldenFile() throws IOException {
        Path results = ReportFixture.copyRun(temp);
        ReportWriter.write(results);
        check("summary.md", Files.readString(temp.resolve(MarkdownSummary.NAME)));
    }

    @Test
    void summaryOpensWithTheVerdictAndKeepsItsTableToEightColumns() throws IOException {
        Path results = ReportFixture.copyRun(temp);
        ReportWriter.write(results);
        String summary = Files.readString(temp.resolve(MarkdownSummary.NAME));
        assertTrue(summary.indexOf("### Verdict") < summary.indexOf("| Design |"), summary);
        String heading = summary.lines().filter(line -> line.startsWith("| Design |")).findFirst().orElseThrow();
        assertTrue(heading.chars().filter(c -> c == '|').count() - 1 <= 8, heading);
        assertTrue(heading.contains("stage s"), heading);
    }

    private static void check(String name, String actual) throws IOException {
        Path golden = ReportFixture.resources().resolve("golden").resolve(name);
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, name + " differs from " + golden
                + "; if the change is intended, rerun with -Dschemabench.updateGoldens=true and review the diff");
    }
}
