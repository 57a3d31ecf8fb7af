package dev.schemabench.suite;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.SchemaFiles;
import dev.schemabench.measure.ClosedLoop;
import dev.schemabench.measure.MeasuredDesign;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.measure.SliceResult;
import dev.schemabench.results.RunResults;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * How close the harness gets to PostgreSQL's own client: pgbench ({@code -M prepared}) and the harness run the same
 * design's read query (from {@code schemas/<design>/queries.sql}) against the same server and rows, with uniformly
 * random product ids and the same client count, once closed-loop (saturation throughput) and once at a fixed arrival
 * rate (latency from each read's scheduled start on both sides). Runs only where {@code pgbench} is on the PATH.
 */
final class Calibration {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final Path pgbench;
    private final PostgresServer server;
    private final Path workDirectory;

    private Calibration(Path pgbench, PostgresServer server, Path workDirectory) {
        this.pgbench = pgbench;
        this.server = server;
        this.workDirectory = workDirectory;
    }

    /** A calibration when pgbench is on the PATH, else empty. */
    static Optional<Calibration> find(PostgresServer server, Path workDirectory) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, "pgbench");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new Calibration(candidate, server, workDirectory));
            }
        }
        return Optional.empty();
    }

    /** The pgbench script for the design's read, with random uniform ids over {@code products}. */
    static String script(String namedRead, int products, int limit) {
        String sql = namedRead
                .replace(":product_id", "('SKU-' || lpad(:id::text, greatest(7, length(:id::text)), '0'))")
                .replace(":limit", Integer.toString(limit));
        return "\\set id random(0, " + (products - 1) + ")\n" + sql.replace('\n', ' ') + ";\n";
    }

    RunResults.Calibration run(MeasuredDesign design, SchemaFiles files, int products, int limit, int clients,
                               Duration duration, double rate, OpenLoopDriver driver) throws IOException {
        Path folder = Files.createDirectories(workDirectory.resolve("calibration").resolve(design.name()));
        Path script = folder.resolve("read.sql");
        Files.writeString(script, script(files.statement("similar"), products, limit));

        String saturation = pgbench(design.namespace(), script, clients, duration, null, null);
        double pgbenchTps = parseTps(saturation);
        ClosedLoop.Result harness = ClosedLoop.run(design.unwrap(), CatalogGenerator::productId, products, clients,
                limit, duration, 77L);

        Path logPrefix = folder.resolve("pgbench-rate");
        pgbench(design.namespace(), script, clients, duration, rate, logPrefix);
        Histogram pgbenchRate = readLogs(folder, logPrefix.getFileName().toString());

        SplittableRandom random = new SplittableRandom(78L);
        int count = (int) Math.round(rate * duration.toMillis() / 1000.0);
        String[] keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = CatalogGenerator.productId(random.nextInt(products));
        }
        SliceResult harnessRate = driver.run(design, keys, 0, count, rate, limit, null, design.name());
        double harnessTps = harness.opsPerSecond();
        return new RunResults.Calibration(round(pgbenchTps), round(harnessTps),
                pgbenchTps > 0 ? round(harnessTps / pgbenchTps) : null,
                ms(pgbenchRate.getValueAtPercentile(99)), ms(harnessRate.histogram().getValueAtPercentile(99)),
                ms(pgbenchRate.getValueAtPercentile(50)), ms(harnessRate.histogram().getValueAtPercentile(50)),
                rate, clients, duration.toSeconds(), harness.errors() + harnessRate.errors(),
                pgbench.toString(), folder.getParent().getParent().relativize(script).toString());
    }

    private String pgbench(String schema, Path script, int clients, Duration duration, Double rate, Path logPrefix)
            throws IOException {
        URI url = URI.create(server.jdbcUrl().substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(pgbench.toString(), "-n", "-M", "prepared",
                "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                "-T", Long.toString(Math.max(1, duration.toSeconds())), "-f", script.toString(),
                "-h", url.getHost(), "-p", Integer.toString(url.getPort()), "-U", server.user()));
        if (rate != null) {
            command.addAll(List.of("-R", Long.toString(Math.round(rate)), "-l", "--log-prefix=" + logPrefix));
        }
        command.add(url.getPath().substring(1));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(script.getParent().toFile());
        builder.environment().put("PGOPTIONS", "-c search_path=" + schema);
        if (server.password() != null) {
            builder.environment().put("PGPASSWORD", server.password());
        }
        Process process = builder.start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("pgbench did not finish");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running pgbench", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("pgbench failed (exit " + process.exitValue() + "): "
                    + PostgresServer.mask(output.strip().lines().reduce((a, b) -> b).orElse("")));
        }
        return output;
    }

    private static double parseTps(String output) throws IOException {
        Matcher matcher = TPS.matcher(output);
        if (!matcher.find()) {
            throw new IOException("pgbench printed no tps line");
        }
        return Double.parseDouble(matcher.group(1));
    }

    /**
     * Latencies from pgbench's per-transaction logs, from each transaction's scheduled start: the log's elapsed
     * time plus its schedule lag (both in microseconds).
     */
    private static Histogram readLogs(Path folder, String prefix) throws IOException {
        Histogram histogram = new Histogram(3);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith(prefix))::iterator) {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length < 6) {
                        continue;
                    }
                    long micros = Long.parseLong(fields[2]);
                    long lag = fields.length >= 7 ? Long.parseLong(fields[6]) : 0;
                    histogram.recordValue((micros + lag) * 1000);
                }
                Files.delete(file);
            }
        }
        if (histogram.getTotalCount() == 0) {
            throw new IOException("pgbench wrote no transaction log");
        }
        return histogram;
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
