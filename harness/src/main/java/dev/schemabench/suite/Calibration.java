package dev.schemabench.suite;

import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.SchemaFiles;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.design.postgres.PostgresDesign;
import dev.schemabench.internal.Progress;
import dev.schemabench.measure.ClosedLoop;
import dev.schemabench.measure.MeasuredDesign;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.measure.SliceResult;
import dev.schemabench.results.RunResults;
import dev.schemabench.shared.SecretFile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * How close the harness gets to PostgreSQL's own clients, on the same server and rows.
 *
 * <p>Reads: pgbench ({@code -M prepared}) and the harness run the same design's read query (from
 * {@code schemas/<design>/queries.sql}) with uniformly random product ids and the same client count, in rounds
 * that alternate which side goes first: closed-loop (saturation throughput), then at a fixed arrival rate (latency
 * from each read's scheduled start on both sides). Each side warms up before each measurement, so that the figures
 * are steady rates, and a harness that beats pgbench by more than the noise is flagged, not celebrated. Bulk: the design stages a batch through its bulk path, then psql
 * replays the same statements with the same COPY bytes ({@code \copy}) into the same tables. Each part runs where
 * its tool is on the PATH.
 */
final class Calibration {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern PROGRESS = Pattern.compile("progress: ([0-9.]+) s, ([0-9.]+) tps");

    /** Each side's uncounted run before each measurement, so that a round measures a rate, not a start. */
    static final Duration WARMUP = Duration.ofSeconds(2);

    /** The shortest measurement per side and round, whatever the profile asks. */
    static final Duration MIN_MEASUREMENT = Duration.ofSeconds(3);

    /** Saturation rounds agree when their ratios lie within this share of their median. */
    static final double AGREEMENT = 0.10;

    /** Saturation rounds added at most, beyond those asked for, while the rounds disagree. */
    static final int EXTRA_ROUNDS = 3;

    private final Optional<Path> pgbench;
    private final Optional<Path> psql;
    private final PostgresServer server;
    private final Path workDirectory;

    private Calibration(Optional<Path> pgbench, Optional<Path> psql, PostgresServer server, Path workDirectory) {
        this.pgbench = pgbench;
        this.psql = psql;
        this.server = server;
        this.workDirectory = workDirectory;
    }

    /** A calibration with whichever of pgbench and psql is on the PATH. */
    static Calibration onPath(PostgresServer server, Path workDirectory) {
        return new Calibration(onPath("pgbench"), onPath("psql"), server, workDirectory);
    }

    static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether pgbench is there, so that {@link #reads} can run. */
    boolean hasPgbench() {
        return pgbench.isPresent();
    }

    /** Whether psql is there, so that {@link #bulk} can run. */
    boolean hasPsql() {
        return psql.isPresent();
    }

    /** The pgbench script for the design's read, with random uniform ids over {@code products}. */
    static String script(String namedRead, int products, int limit) {
        String sql = namedRead
                .replace(":product_id", "('SKU-' || lpad(:id::text, greatest(7, length(:id::text)), '0'))")
                .replace(":limit", Integer.toString(limit));
        return "\\set id random(0, " + (products - 1) + ")\n" + sql.replace('\n', ' ') + ";\n";
    }

    /**
     * The read comparison with pgbench; needs {@link #hasPgbench}. Runs closed-loop rounds, then {@code rounds}
     * fixed-rate rounds, pgbench going first in odd rounds and the harness in even ones. In every round each side
     * first runs {@link #WARMUP} uncounted, then is measured for {@code duration} (at least
     * {@link #MIN_MEASUREMENT}): one-second rounds measured pgbench's start (connections, plans, the ramp of its
     * threads), not its rate. Closed-loop rounds are added, up to {@link #EXTRA_ROUNDS} more, until their ratios
     * agree within {@link #AGREEMENT}; a harness faster than pgbench by more than the rounds' spread is reported as
     * a calibration fault, not as a result. Every round is kept.
     */
    RunResults.Calibration reads(MeasuredDesign design, SchemaFiles files, int products, int limit, int clients,
                               Duration duration, int rounds, double rate, OpenLoopDriver driver)
            throws IOException {
        Path folder = Files.createDirectories(workDirectory.resolve("calibration").resolve(design.name()));
        Path script = folder.resolve("read.sql");
        Files.writeString(script, script(files.statement("similar"), products, limit));
        Duration measured = duration.compareTo(MIN_MEASUREMENT) < 0 ? MIN_MEASUREMENT : duration;

        List<RunResults.SaturationRound> saturation = new ArrayList<>();
        long harnessErrors = 0;
        for (int round = 1; round <= rounds || !agree(saturation) && round <= rounds + EXTRA_ROUNDS; round++) {
            boolean pgbenchFirst = round % 2 == 1;
            PgbenchRate pgbenchTps;
            ClosedLoop.Result harness;
            if (pgbenchFirst) {
                pgbenchTps = pgbenchSaturation(design, script, clients, measured);
                harness = closedLoop(design, products, clients, limit, measured, round);
            } else {
                harness = closedLoop(design, products, clients, limit, measured, round);
                pgbenchTps = pgbenchSaturation(design, script, clients, measured);
            }
            harnessErrors += harness.errors();
            double harnessTps = harness.opsPerSecond();
            saturation.add(new RunResults.SaturationRound(round(pgbenchTps.steady()), round(harnessTps),
                    pgbenchTps.steady() > 0 ? round(harnessTps / pgbenchTps.steady()) : null, pgbenchFirst,
                    round(pgbenchTps.whole())));
            Progress.say(String.format(Locale.ROOT, "%s: calibration round %d (%d planned), saturation after %d s of"
                    + " warm-up: pgbench %.0f reads/s (%.0f over its whole run), harness %.0f reads/s (%.2f)",
                    design.name(), round, rounds, WARMUP.toSeconds(), pgbenchTps.steady(), pgbenchTps.whole(),
                    harnessTps, harnessTps / pgbenchTps.steady()));
        }

        Histogram pgbenchRate = new Histogram(3);
        Histogram harnessRate = new Histogram(3);
        List<RunResults.RateRound> rateRounds = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(78L);
        for (int round = 1; round <= rounds; round++) {
            boolean pgbenchFirst = round % 2 == 1;
            Histogram pgbenchRound;
            SliceResult harness;
            if (pgbenchFirst) {
                pgbenchRound = pgbenchAtRate(design, script, clients, measured, rate);
                harness = harnessAtRate(design, products, limit, measured, rate, driver, random);
            } else {
                harness = harnessAtRate(design, products, limit, measured, rate, driver, random);
                pgbenchRound = pgbenchAtRate(design, script, clients, measured, rate);
            }
            pgbenchRate.add(pgbenchRound);
            harnessRate.add(harness.histogram());
            harnessErrors += harness.errors();
            rateRounds.add(new RunResults.RateRound(ms(pgbenchRound.getValueAtPercentile(50)),
                    ms(pgbenchRound.getValueAtPercentile(99)), ms(harness.histogram().getValueAtPercentile(50)),
                    ms(harness.histogram().getValueAtPercentile(99)), pgbenchFirst));
            Progress.say(String.format(Locale.ROOT, "%s: calibration round %d/%d at %.0f reads/s: P99 pgbench"
                    + " %.3f ms, harness %.3f ms", design.name(), round, rounds, rate,
                    pgbenchRound.getValueAtPercentile(99) / 1e6, harness.histogram().getValueAtPercentile(99) / 1e6));
        }
        Double ratio = saturation.stream().allMatch(r -> r.ratio() != null)
                ? median(saturation, RunResults.SaturationRound::ratio) : null;
        Double spread = spread(saturation);
        String fault = fault(ratio, spread);
        if (fault != null) {
            Progress.say(design.name() + ": " + fault);
        }
        return new RunResults.Calibration(median(saturation, RunResults.SaturationRound::pgbenchTps),
                median(saturation, RunResults.SaturationRound::harnessTps), ratio,
                ms(pgbenchRate.getValueAtPercentile(99)), ms(harnessRate.getValueAtPercentile(99)),
                ms(pgbenchRate.getValueAtPercentile(50)), ms(harnessRate.getValueAtPercentile(50)),
                rate, clients, measured.toSeconds(), saturation.size(), List.copyOf(saturation), harnessErrors,
                pgbench.orElseThrow().toString(), folder.getParent().getParent().relativize(script).toString(),
                WARMUP.toSeconds(), spread, agree(saturation), fault, List.copyOf(rateRounds));
    }

    /**
     * Whether the rounds' ratios agree: highest minus lowest within {@link #AGREEMENT} of their median. Fewer than
     * two rounds do not agree yet.
     */
    static boolean agree(List<RunResults.SaturationRound> rounds) {
        Double spread = spread(rounds);
        if (rounds.size() < 2 || spread == null) {
            return false;
        }
        double median = median(rounds, RunResults.SaturationRound::ratio);
        return spread <= AGREEMENT * median;
    }

    /** Highest minus lowest ratio of the rounds; null when a round has none or there is no round. */
    static Double spread(List<RunResults.SaturationRound> rounds) {
        if (rounds.isEmpty() || rounds.stream().anyMatch(r -> r.ratio() == null)) {
            return null;
        }
        DoubleSummaryStatistics ratios = rounds.stream().mapToDouble(RunResults.SaturationRound::ratio)
                .summaryStatistics();
        return round(ratios.getMax() - ratios.getMin());
    }

    /**
     * The fault when the harness (median ratio {@code ratio}) is faster than pgbench by more than the rounds'
     * {@code spread}: the same read through JDBC cannot beat PostgreSQL's own C client by more than the noise, so
     * the two sides did not measure the same thing (typically pgbench's start instead of its rate). Null otherwise.
     */
    static String fault(Double ratio, Double spread) {
        if (ratio == null || spread == null || ratio - 1 <= spread) {
            return null;
        }
        return String.format(Locale.ROOT, "calibration fault: the harness came out at %.2f of pgbench's throughput,"
                + " faster than PostgreSQL's own client by more than the rounds' spread (%.2f); the two sides did not"
                + " measure the same thing at steady state, so this is not a result", ratio, spread);
    }

    private static ClosedLoop.Result closedLoop(MeasuredDesign design, int products, int clients, int limit,
                                                Duration duration, int round) {
        ClosedLoop.run(design.unwrap(), CatalogGenerator::productId, products, clients, limit, WARMUP, 177L + round);
        return ClosedLoop.run(design.unwrap(), CatalogGenerator::productId, products, clients, limit, duration,
                77L + round);
    }

    /**
     * pgbench's closed-loop rate.
     *
     * @param steady mean of its per-second progress after the warm-up, reads per second
     * @param whole  its own figure over the whole run, warm-up included
     */
    record PgbenchRate(double steady, double whole) {
    }

    private PgbenchRate pgbenchSaturation(MeasuredDesign design, Path script, int clients, Duration duration)
            throws IOException {
        return pgbenchSaturation(design.unwrap().namespace(), script, clients, duration);
    }

    /**
     * pgbench closed loop with {@code clients} connections on {@code script} in {@code schema}: {@link #WARMUP}
     * uncounted, then {@code duration}; needs {@link #hasPgbench}.
     */
    PgbenchRate pgbenchSaturation(String schema, Path script, int clients, Duration duration) throws IOException {
        String output = pgbench(schema, script, clients, WARMUP.plus(duration), null, null);
        return new PgbenchRate(steadyTps(output, WARMUP.toSeconds()), parseTps(output));
    }

    /**
     * The mean of pgbench's per-second progress lines ({@code -P 1}) that end after {@code warmupSeconds}: its rate
     * once started, without its connections and ramp.
     */
    static double steadyTps(String output, long warmupSeconds) throws IOException {
        Matcher matcher = PROGRESS.matcher(output);
        double sum = 0;
        int seconds = 0;
        while (matcher.find()) {
            if (Double.parseDouble(matcher.group(1)) > warmupSeconds + 0.5) {
                sum += Double.parseDouble(matcher.group(2));
                seconds++;
            }
        }
        if (seconds == 0) {
            throw new IOException("pgbench printed no progress after its " + warmupSeconds + " s warm-up");
        }
        return sum / seconds;
    }

    private Histogram pgbenchAtRate(MeasuredDesign design, Path script, int clients, Duration duration, double rate)
            throws IOException {
        Path logPrefix = script.resolveSibling("pgbench-rate");
        pgbench(design.unwrap().namespace(), script, clients, WARMUP.plus(duration), rate, logPrefix);
        return readLogs(script.getParent(), logPrefix.getFileName().toString(), WARMUP);
    }

    private static SliceResult harnessAtRate(MeasuredDesign design, int products, int limit, Duration duration,
                                             double rate, OpenLoopDriver driver, SplittableRandom random) {
        String[] warmup = keys(products, (int) Math.round(rate * WARMUP.toMillis() / 1000.0), random);
        driver.run(design, warmup, 0, warmup.length, rate, limit, null, design.name());
        String[] keys = keys(products, (int) Math.round(rate * duration.toMillis() / 1000.0), random);
        return driver.run(design, keys, 0, keys.length, rate, limit, null, design.name());
    }

    private static String[] keys(int products, int count, SplittableRandom random) {
        String[] keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = CatalogGenerator.productId(random.nextInt(products));
        }
        return keys;
    }

    /** The median of {@code value} over {@code rounds}; the mean of the middle two for an even count. */
    static double median(List<RunResults.SaturationRound> rounds, ToDoubleFunction<RunResults.SaturationRound> value) {
        double[] sorted = rounds.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return round(sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
    }

    /**
     * The bulk comparison with psql; needs {@link #hasPsql}. Stages {@code harnessBatch} through the design and
     * {@code psqlBatch} (the same rows under a batch id of the same length) through psql, timing each, and discards
     * both batches afterwards.
     */
    RunResults.BulkCalibration bulk(PostgresDesign design, Batch harnessBatch, Batch psqlBatch) throws IOException {
        if (harnessBatch.id().length() != psqlBatch.id().length()) {
            throw new IllegalArgumentException("both batch ids must have the same length, so the COPY bytes match");
        }
        Path folder = workDirectory.resolve("calibration").resolve(design.name()).resolve("bulk");
        double harnessSeconds;
        try (Progress progress = Progress.start(design.name() + ": bulk calibration: staging " + harnessBatch.id()
                + " through the design", harnessBatch.productCount(), "products")) {
            long start = System.nanoTime();
            StageOutcome outcome = design.stage(new CompareSuite.ProgressBatch(harnessBatch, progress));
            harnessSeconds = (System.nanoTime() - start) / 1e9;
            if (!(outcome instanceof StageOutcome.Staged)) {
                throw new IOException("the design did not stage " + harnessBatch.id() + ": " + outcome);
            }
        } finally {
            design.discard(harnessBatch.id());
            design.vacuumAnalyze();
        }
        PostgresDesign.BulkScript script;
        try (Progress progress = Progress.start(design.name() + ": bulk calibration: writing " + psqlBatch.id()
                + " for psql", psqlBatch.productCount(), "products")) {
            script = design.writeBulkScript(new CompareSuite.ProgressBatch(psqlBatch, progress), folder);
        }
        double psqlSeconds;
        try {
            Progress.say(String.format(Locale.ROOT, "%s: bulk calibration: psql replaying %s with \\copy of %.1f MB...",
                    design.name(), script.script().getFileName(), script.copyBytes() / 1e6));
            long start = System.nanoTime();
            replay(design, script, Duration.ofSeconds(Math.round(harnessSeconds * 20) + 120));
            psqlSeconds = (System.nanoTime() - start) / 1e9;
            if (design.batches().stream().noneMatch(batch -> batch.batchId().equals(psqlBatch.id()))) {
                throw new IOException("psql exited without error but batch " + psqlBatch.id() + " is not there");
            }
        } finally {
            design.discard(psqlBatch.id());
            design.vacuumAnalyze();
            for (Path file : script.dataFiles()) {
                Files.deleteIfExists(file);
            }
        }
        double megabytes = script.copyBytes() / 1e6;
        return new RunResults.BulkCalibration(script.lists(), script.copyBytes(), round(harnessSeconds),
                round(psqlSeconds), round(megabytes / harnessSeconds), round(megabytes / psqlSeconds),
                round(psqlSeconds / harnessSeconds), psql.orElseThrow().toString(),
                workDirectory.relativize(script.script()).toString());
    }

    /** Runs a script {@link PostgresDesign#writeBulkScript} wrote with psql, in the design's schema. */
    void replay(PostgresDesign design, PostgresDesign.BulkScript script, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>(List.of(psql.orElseThrow().toString(), "-X", "-q", "-v",
                "ON_ERROR_STOP=1", "-f", script.script().getFileName().toString()));
        command.addAll(serverArguments());
        run(command, design.namespace(), script.script().getParent(), timeout);
    }

    /** Where the server is, as PostgreSQL's client tools take it: host, port, user, then the database. */
    private List<String> serverArguments() {
        URI url = serverUrl();
        return List.of("-h", url.getHost(), "-p", Integer.toString(url.getPort()), "-U", server.user(),
                url.getPath().substring(1));
    }

    private URI serverUrl() {
        return URI.create(server.jdbcUrl().substring("jdbc:".length()));
    }

    /** The server's entry in a libpq password file, for the host, port, database and user the tools are given. */
    private String passwordFileEntry() {
        URI url = serverUrl();
        return passwordFileEntry(url.getHost(), url.getPort() < 0 ? null : Integer.toString(url.getPort()),
                url.getPath().substring(1), server.user(), server.password());
    }

    /**
     * One line of a libpq password file ({@code host:port:database:user:password}): {@code \} and {@code :} escaped
     * with a backslash, a field that is literally {@code *} too, and an unknown (null) field {@code *}, which matches
     * anything.
     */
    static String passwordFileEntry(String host, String port, String database, String user, String password) {
        List<String> fields = new ArrayList<>();
        for (String field : new String[] {host, port, database, user, password}) {
            fields.add(field == null ? "*" : field.equals("*") ? "\\*"
                    : field.replace("\\", "\\\\").replace(":", "\\:"));
        }
        return String.join(":", fields) + "\n";
    }

    /**
     * Sets up a client tool's {@code environment}: {@code schema} as its search path, no password inherited from this
     * process, and the password, if any, in {@code passwordFile} (libpq's {@code PGPASSFILE}).
     */
    static void toolEnvironment(Map<String, String> environment, String schema, Path passwordFile) {
        SecretFile.removeSecrets(environment);
        environment.put("PGOPTIONS", "-c search_path=" + schema);
        if (passwordFile != null) {
            environment.put("PGPASSFILE", passwordFile.toString());
        }
    }

    private String pgbench(String schema, Path script, int clients, Duration duration, Double rate, Path logPrefix)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(pgbench.orElseThrow().toString(), "-n", "-M", "prepared",
                "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                "-T", Long.toString(Math.max(1, duration.toSeconds())), "-f", script.toString()));
        if (rate != null) {
            command.addAll(List.of("-R", Long.toString(Math.round(rate)), "-l", "--log-prefix=" + logPrefix));
        } else {
            command.addAll(List.of("-P", "1"));
        }
        command.addAll(serverArguments());
        return run(command, schema, script.getParent(), duration.plusSeconds(60));
    }

    /**
     * Runs a PostgreSQL client tool with {@code schema} as its search path, the password in a libpq password file
     * deleted when the tool ends; returns what it printed.
     */
    private String run(List<String> command, String schema, Path directory, Duration timeout) throws IOException {
        String tool = Path.of(command.get(0)).getFileName().toString();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(directory.toFile());
        String output;
        Process process;
        try (SecretFile passwordFile = server.password() == null ? null : SecretFile.create(passwordFileEntry())) {
            toolEnvironment(builder.environment(), schema, passwordFile == null ? null : passwordFile.path());
            process = builder.start();
            try {
                output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(tool + " did not finish");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + tool, e);
            }
        }
        if (process.exitValue() != 0) {
            throw new IOException(tool + " failed (exit " + process.exitValue() + "): "
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
     * time plus its schedule lag (both in microseconds). Transactions that completed within {@code warmup} of the
     * first completion are left out.
     */
    private static Histogram readLogs(Path folder, String prefix, Duration warmup) throws IOException {
        List<long[]> transactions = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith(prefix))::iterator) {
                for (String line : Files.readAllLines(file)) {
                    long[] transaction = logLine(line);
                    if (transaction != null) {
                        transactions.add(transaction);
                    }
                }
                Files.delete(file);
            }
        }
        return afterWarmup(transactions, warmup);
    }

    /**
     * One line of pgbench's transaction log ({@code client_id transaction_no time script_no time_epoch time_us
     * [schedule_lag]}) as {completion time in microseconds since the epoch, latency from the scheduled start in
     * nanoseconds}; null for a line that is not a transaction.
     */
    static long[] logLine(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 6) {
            return null;
        }
        long micros = Long.parseLong(fields[2]);
        long lag = fields.length >= 7 ? Long.parseLong(fields[6]) : 0;
        long completedMicros = Long.parseLong(fields[4]) * 1_000_000 + Long.parseLong(fields[5]);
        return new long[] {completedMicros, (micros + lag) * 1000};
    }

    /** The latencies of {@code transactions} (from {@link #logLine}) that completed after the warm-up. */
    static Histogram afterWarmup(List<long[]> transactions, Duration warmup) throws IOException {
        long first = transactions.stream().mapToLong(t -> t[0]).min().orElseThrow(
                () -> new IOException("pgbench wrote no transaction log"));
        long from = first + warmup.toNanos() / 1000;
        Histogram histogram = new Histogram(3);
        for (long[] transaction : transactions) {
            if (transaction[0] >= from) {
                histogram.recordValue(transaction[1]);
            }
        }
        if (histogram.getTotalCount() == 0) {
            throw new IOException("pgbench logged no transaction after its " + warmup.toSeconds() + " s warm-up");
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
