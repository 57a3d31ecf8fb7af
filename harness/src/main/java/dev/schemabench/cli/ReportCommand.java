package dev.schemabench.cli;

import dev.schemabench.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code schemabench report}: renders saved results (no database) as index.html and summary.md. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Main.VersionText.class,
        description = {"Renders index.html and summary.md from a saved results.json (no database needed).",
            "With two results files, renders a comparison (before, after) with the differences; with three or",
            "more (or --side-by-side), every run's figures side by side.",
            "Default output: the results file's folder; for two runs, compare-<before>-vs-<after> beside the",
            "second run's folder; side by side, runs-<first>-to-<last> beside the last run's folder."})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RESULTS.json",
            description = "One run, two to compare (before, after), or three or more side by side.")
    List<Path> resultsFiles;

    @Option(names = "--side-by-side", description = "Render two runs side by side instead of as before and after"
            + " (default: ${DEFAULT-VALUE}).")
    boolean sideBySide;

    @Option(names = "--allow-fingerprint-change", description = "Side by side: render runs whose fingerprints"
            + " (data, seed, server, schema files) differ, listing the differences, instead of refusing them"
            + " (default: ${DEFAULT-VALUE}).")
    boolean allowFingerprintChange;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the results file's folder; for two runs,"
            + " compare-<before>-vs-<after> beside the second run's folder).")
    Path out;

    @Override
    public Integer call() throws IOException {
        boolean together = resultsFiles.size() > 2 || sideBySide && resultsFiles.size() == 2;
        Path directory;
        List<Path> written;
        try {
            if (out != null) {
                directory = out;
            } else if (together) {
                directory = ReportWriter.defaultSideBySideFolder(resultsFiles);
            } else if (resultsFiles.size() == 2) {
                directory = ReportWriter.defaultComparisonFolder(resultsFiles.get(0), resultsFiles.get(1));
            } else {
                directory = resultsFiles.get(0).toAbsolutePath().normalize().getParent();
            }
            written = ReportWriter.write(resultsFiles, directory, sideBySide, allowFingerprintChange);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (resultsFiles.size() >= 2 && out == null) {
            System.out.println((together ? "Runs side by side" : "Comparison") + " written to "
                    + directory.toAbsolutePath().normalize() + " (no --out given)");
        }
        for (Path file : written) {
            System.out.println("Wrote " + file);
        }
        return ExitCode.OK;
    }
}
