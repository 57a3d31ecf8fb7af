package dev.schemabench.cli;

import dev.schemabench.design.DesignRegistry;
import dev.schemabench.internal.Home;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.shared.DurationText;
import dev.schemabench.suite.ServiceBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code schemabench service-bench}: the service against pgbench on the same read (docs/service-benchmark.md). */
@Command(name = "service-bench", mixinStandardHelpOptions = true, versionProvider = Main.VersionText.class,
        sortOptions = false,
        description = {"Measures the similarity service against the database's own client on the same read:",
            "wrk (closed loop) on GET /v1/products/{id}/similar, pgbench -M prepared on the design's read query,",
            "same embedded PostgreSQL, same rows, same number of connections, alternating rounds.",
            "Needs wrk and pgbench on the PATH (Debian: apt-get install wrk postgresql). Writes",
            "service-bench.json into --out."})
public final class ServiceBenchCommand implements Callable<Integer> {

    @Option(names = "--design", paramLabel = "NAME", completionCandidates = DesignNames.class,
            description = "A PostgreSQL design (default: ${DEFAULT-VALUE}).")
    String design = "jsonb";

    @Option(names = "--products", paramLabel = "N", description = "Products loaded (default: ${DEFAULT-VALUE}).")
    int products = 100_000;

    @Option(names = "--connections", paramLabel = "N",
            description = "Connections of wrk, of pgbench and of the service's pool (default: ${DEFAULT-VALUE}).")
    int connections = 4;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Measured per side and round, after a 2 s warm-up (default: ${DEFAULT-VALUE}).")
    String duration = "10s";

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds, the service first in odd ones"
            + " (default: ${DEFAULT-VALUE}).")
    int rounds = 4;

    @Option(names = "--limit", paramLabel = "N", description = "Items per read (default: ${DEFAULT-VALUE}).")
    int limit = 10;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default: reports/service-bench-<time>).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Duration measured;
        try {
            measured = DurationText.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--duration: " + e.getMessage(), e);
        }
        if (measured.compareTo(ServiceBenchmark.MIN_DURATION) < 0) {
            throw new UsageException("--duration must be at least " + DurationText.format(ServiceBenchmark.MIN_DURATION)
                    + " (pgbench's per-second progress after its warm-up), not " + duration);
        }
        if (products < 2 || connections < 1 || rounds < 1 || limit < 1) {
            throw new UsageException("--products must be at least 2, and --connections, --rounds and --limit at"
                    + " least 1");
        }
        DesignRegistry.Entry entry = DesignRegistry.find(design).orElseThrow(
                () -> new UsageException("unknown design " + design + "; known: " + DesignRegistry.names()));
        if (!"postgresql".equals(entry.engine())) {
            throw new UsageException("--design " + design + " runs on " + entry.engine() + "; pgbench needs a"
                    + " PostgreSQL design");
        }
        if (ServiceBenchmark.wrkOnPath() == null || !ServiceBenchmark.pgbenchOnPath()) {
            throw new UsageException("the service benchmark needs wrk and pgbench on the PATH (Debian: apt-get"
                    + " install wrk postgresql)");
        }
        Path folder = out != null ? out : Home.directory().resolve("reports").resolve("service-bench-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        ServiceBenchmark.Result result = ServiceBenchmark.run(new ServiceBenchmark.Settings(design, products,
                connections, measured.toSeconds(), rounds, limit), Home.schemas(), folder.resolve("work"));
        Path file = folder.resolve("service-bench.json");
        Path partial = folder.resolve("service-bench.json.partial");
        ResultsFile.mapper().writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), result);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.printf(Locale.ROOT, "Service over pgbench, median of %d rounds: %.2f (%s, %,d products, %d"
                + " connections, %s, %d CPUs)%n", result.rounds().size(), result.medianRatio(), design,
                products, connections, result.postgres().split(" on ")[0], result.cpus());
        System.out.println("Wrote " + file);
        return ExitCode.OK;
    }
}
