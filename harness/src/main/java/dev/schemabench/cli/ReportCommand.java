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
            "With two results files, renders a side-by-side comparison (before, after) with the differences.",
            "Default output: the results file's folder; for two runs, compare-<before>-vs-<after> beside the",
            "second run's folder."})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..2", paramLabel = "RESULTS.json", description = "One run, or two to compare (before, after).")
    List<Path> resultsFiles;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the results file's folder; for two runs,"
            + " compare-<before>-vs-<after> beside the second run's folder).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Path directory;
        if (out != null) {
            directory = out;
        } else if (resultsFiles.size() == 2) {
            directory = ReportWriter.defaultComparisonFolder(resultsFiles.get(0), resultsFiles.get(1));
        } else {
            directory = resultsFiles.get(0).toAbsolutePath().normalize().getParent();
        }
        List<Path> written;
        try {
            written = ReportWriter.write(resultsFiles, directory);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (resultsFiles.size() == 2 && out == null) {
            System.out.println("Comparison written to " + directory.toAbsolutePath().normalize()
                    + " (no --out given)");
        }
        for (Path file : written) {
            System.out.println("Wrote " + file);
        }
        return ExitCode.OK;
    }
}
