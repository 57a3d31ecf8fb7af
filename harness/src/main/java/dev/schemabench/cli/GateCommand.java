package dev.schemabench.cli;

import dev.schemabench.gate.Gate;
import dev.schemabench.gate.GateConfig;
import dev.schemabench.gate.GateJunit;
import dev.schemabench.gate.GateMarkdown;
import dev.schemabench.gate.GateReport;
import dev.schemabench.gate.Verdict;
import dev.schemabench.results.ResultsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code schemabench gate}: the CI verdict from two saved runs. */
@Command(name = "gate", mixinStandardHelpOptions = true, versionProvider = Main.VersionText.class,
        description = {"Compares a current run with a baseline run: noise-aware regressions, read-plan shape changes",
            "and absolute budgets. Prints one verdict per design and check, writes gate.md and gate-junit.xml.",
            "Exit 0 pass, 1 regression or budget breach, 2 unusable input or incomparable runs."})
public final class GateCommand implements Callable<Integer> {

    @Option(names = "--baseline", required = true, paramLabel = "FILE",
            description = "The baseline's results.json, or its folder (required).")
    Path baseline;

    @Option(names = "--current", required = true, paramLabel = "FILE",
            description = "The current run's results.json, or its folder (required).")
    Path current;

    @Option(names = "--config", paramLabel = "FILE", description = "Gate configuration, YAML (default: the built-in rules, which gate.yaml"
            + " shows; see docs/ci-gate.md).")
    Path config;

    @Option(names = "--max-regression", paramLabel = "PCT",
            description = "Relative threshold for every compared metric, e.g. 10%%; overrides the configuration"
                    + " (default: the configuration's thresholds).")
    String maxRegression;

    @Option(names = "--allow-fingerprint-change",
            description = "Compare runs whose data or workload differ; the verdict says so (default:"
                    + " ${DEFAULT-VALUE}).")
    boolean allowFingerprintChange;

    @Option(names = "--out", paramLabel = "DIR", description = "Where gate.md and gate-junit.xml go (default: the"
            + " current run's folder).")
    Path out;

    @Override
    public Integer call() throws IOException {
        GateConfig configuration = config == null ? GateConfig.defaults() : GateConfig.load(config);
        if (maxRegression != null) {
            double threshold;
            try {
                threshold = GateConfig.percentage(maxRegression);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--max-regression '" + maxRegression + "': " + e.getMessage());
            }
            if (threshold <= 0 || threshold > 10) {
                throw new UsageException("--max-regression '" + maxRegression + "': above 0% and at most 1000%");
            }
            configuration = configuration.withMaxRegression(threshold);
        }
        Path baselineFile = resultsFile(baseline);
        Path currentFile = resultsFile(current);
        Gate.Run baselineRun = Gate.Run.read(baselineFile);
        Gate.Run currentRun = Gate.Run.read(currentFile);
        GateReport report = new Gate(baselineRun, currentRun, configuration).evaluate(allowFingerprintChange);

        Path directory = (out != null ? out : currentFile.toAbsolutePath().getParent()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UsageException("--out " + directory + ": cannot create the folder (" + e.getMessage() + ")");
        }
        System.out.println("gate: baseline " + baselineFile + " (run " + report.baselineRun() + "), current "
                + currentFile + " (run " + report.currentRun() + "), configuration " + report.configSource());
        report.notes().forEach(note -> System.out.println("note: " + note));
        for (Verdict verdict : report.verdicts()) {
            System.out.println(verdict.line());
        }
        ResultsFile.writeAtomically(directory.resolve(GateMarkdown.NAME), GateMarkdown.render(report));
        ResultsFile.writeAtomically(directory.resolve(GateJunit.NAME), GateJunit.render(report));
        System.out.println(report.summary());
        System.out.println("Wrote " + directory.resolve(GateMarkdown.NAME) + " and " + GateJunit.NAME);
        return report.passed() ? ExitCode.OK : ExitCode.FAILURE;
    }

    private static Path resultsFile(Path given) {
        return Files.isDirectory(given) ? given.resolve(ResultsFile.NAME) : given;
    }
}
