package dev.schemabench.suite;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.design.DesignContext;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.design.SchemaFiles;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.measure.CpuMeter;
import dev.schemabench.service.ServiceConfig;
import dev.schemabench.service.SimilarityService;
import dev.schemabench.internal.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service against the database's own client on the same read (docs/service-benchmark.md): {@code wrk}, closed
 * loop over keep-alive connections, drives {@code GET /v1/products/{id}/similar} on the similarity service running in
 * this JVM; {@code pgbench -M prepared}, with as many connections, runs the design's read query on the same server
 * and rows. Product ids are uniform over the catalog on both sides. Rounds alternate which side goes first (wrk first
 * in odd rounds), each side runs a warm-up uncounted, and every round is kept. Per round: requests per second and
 * wrk's P50/P99, the service's CPU per request (this JVM, which runs nothing else meanwhile), the database server's
 * CPU per read on both sides, and the service's rate over pgbench's.
 */
public final class ServiceBenchmark {

    /**
     * What to measure.
     *
     * @param design      a PostgreSQL design's name
     * @param products    products generated and loaded
     * @param connections connections of each side: wrk's and pgbench's, and the service's database pool
     * @param durationS   measured seconds per side and round, after a warm-up
     * @param rounds      rounds, each one measurement per side
     * @param limit       items per read
     */
    public record Settings(String design, int products, int connections, long durationS, int rounds, int limit) {

        /** {@link #durationS} as a duration. */
        Duration duration() {
            return Duration.ofSeconds(durationS);
        }
    }

    /**
     * One side's measurement in one round.
     *
     * @param ratePerS              requests (wrk) or transactions (pgbench) per second
     * @param p50Ms                 wrk's median latency; null for pgbench (it prints no percentiles)
     * @param p99Ms                 wrk's 99th percentile; null for pgbench
     * @param errors                non-2xx responses and socket errors (wrk); 0 for pgbench, which stops on one
     * @param serviceCpuUsPerRequest CPU microseconds of the service per request; null for pgbench
     * @param databaseCpuUsPerRead   CPU microseconds of the database server per read; null where not observable
     */
    public record Side(double ratePerS, Double p50Ms, Double p99Ms, long errors, Double serviceCpuUsPerRequest,
                       Double databaseCpuUsPerRead) {
    }

    /**
     * One round.
     *
     * @param round        from 1
     * @param serviceFirst whether wrk went first
     * @param service      the service's side (wrk)
     * @param pgbench      the database client's side
     * @param ratio        the service's rate over pgbench's
     */
    public record Round(int round, boolean serviceFirst, Side service, Side pgbench, double ratio) {
    }

    /**
     * The outcome.
     *
     * @param settings    what was asked
     * @param postgres    the server's version
     * @param cpus        processors available
     * @param rounds      every round
     * @param medianRatio median of the rounds' ratios
     */
    public record Result(Settings settings, String postgres, int cpus, List<Round> rounds, double medianRatio) {
    }

    /** The shortest measurement per side: pgbench's rate is read from its per-second progress lines. */
    public static final Duration MIN_DURATION = Calibration.MIN_MEASUREMENT;

    private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");

    private final Settings settings;
    private final Path wrk;
    private final Path workDirectory;

    private ServiceBenchmark(Settings settings, Path wrk, Path workDirectory) {
        this.settings = settings;
        this.wrk = wrk;
        this.workDirectory = workDirectory;
    }

    /** wrk on the PATH, or null when it is not there. */
    public static Path wrkOnPath() {
        return Calibration.onPath("wrk").orElse(null);
    }

    /** Whether pgbench is on the PATH. */
    public static boolean pgbenchOnPath() {
        return Calibration.onPath("pgbench").isPresent();
    }

    /**
     * Runs the benchmark with an embedded PostgreSQL in {@code workDirectory}; needs {@link #wrkOnPath} and
     * {@link #pgbenchOnPath}.
     */
    public static Result run(Settings settings, Path schemasRoot, Path workDirectory) throws IOException {
        Path wrk = wrkOnPath();
        if (wrk == null || !pgbenchOnPath()) {
            throw new IllegalStateException("the service benchmark needs wrk and pgbench on the PATH");
        }
        return new ServiceBenchmark(settings, wrk, Files.createDirectories(workDirectory)).run(schemasRoot);
    }

    private Result run(Path schemasRoot) throws IOException {
        DesignRegistry.Entry entry = DesignRegistry.find(settings.design()).orElseThrow(
                () -> new IllegalArgumentException("unknown design " + settings.design()));
        CatalogSpec catalog = new CatalogSpec(settings.products(), 20, 42, CatalogSpec.DEFAULT_CHURN_SHARE);
        Progress.say("service benchmark: starting PostgreSQL and loading " + settings.products() + " products into "
                + settings.design() + " ...");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
             StorageDesign design = entry.factory().create(new DesignContext(schemasRoot, postgres::server,
                     settings.connections()))) {
            design.dropSchema();
            design.ensureSchema();
            CatalogGenerator generator = new CatalogGenerator(catalog);
            design.stage(generator.batch(1));
            design.activate(CatalogGenerator.defaultBatchId(1));
            Path script = workDirectory.resolve("read.sql");
            Files.writeString(script, Calibration.script(SchemaFiles.load(schemasRoot, settings.design())
                    .statement("similar"), settings.products(), settings.limit()));
            Path lua = workDirectory.resolve("uniform.lua");
            Files.writeString(lua, luaScript(settings.products(), settings.limit()));
            Calibration calibration = Calibration.onPath(postgres.server(), workDirectory);
            List<Round> rounds = new ArrayList<>();
            try (SimilarityService service = SimilarityService.start(design, ServiceConfig.defaults(catalog))) {
                String url = service.baseUri().toString();
                for (int round = 1; round <= settings.rounds(); round++) {
                    boolean serviceFirst = round % 2 == 1;
                    Side viaService;
                    Side viaPgbench;
                    if (serviceFirst) {
                        viaService = wrk(url, lua, postgres);
                        viaPgbench = pgbench(calibration, design.namespace(), script, postgres);
                    } else {
                        viaPgbench = pgbench(calibration, design.namespace(), script, postgres);
                        viaService = wrk(url, lua, postgres);
                    }
                    double ratio = viaPgbench.ratePerS() > 0 ? viaService.ratePerS() / viaPgbench.ratePerS() : 0;
                    rounds.add(new Round(round, serviceFirst, viaService, viaPgbench, round3(ratio)));
                    Progress.say(String.format(Locale.ROOT, "service benchmark round %d of %d: service %.0f"
                            + " requests/s (P50 %s ms, P99 %s ms, %s µs CPU per request), pgbench %.0f reads/s:"
                            + " %.2f", round, settings.rounds(), viaService.ratePerS(), viaService.p50Ms(),
                            viaService.p99Ms(), viaService.serviceCpuUsPerRequest(), viaPgbench.ratePerS(), ratio));
                }
            } finally {
                design.dropSchema();
            }
            double[] ratios = rounds.stream().mapToDouble(Round::ratio).sorted().toArray();
            double median = ratios.length % 2 == 1 ? ratios[ratios.length / 2]
                    : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
            return new Result(settings, design.serverInfo().version(), Runtime.getRuntime().availableProcessors(),
                    List.copyOf(rounds), round3(median));
        }
    }

    /** wrk's request script: uniform product ids, the service's read path. */
    static String luaScript(int products, int limit) {
        return "-- SchemaBench service benchmark: uniform product ids over the generated catalog\n"
                + "math.randomseed(42)\n"
                + "request = function()\n"
                + "  local path = string.format(\"/v1/products/SKU-%07d/similar?limit=" + limit + "\","
                + " math.random(0, " + (products - 1) + "))\n"
                + "  return wrk.format(\"GET\", path)\n"
                + "end\n";
    }

    private Side wrk(String url, Path lua, EmbeddedPostgres postgres) throws IOException {
        runWrk(url, lua, Calibration.WARMUP);
        double cpuBefore = CpuMeter.thisProcessSeconds();
        OptionalLong databaseBefore = databaseTicks(postgres);
        String output = runWrk(url, lua, settings.duration());
        double serviceCpu = CpuMeter.thisProcessSeconds() - cpuBefore;
        OptionalLong databaseAfter = databaseTicks(postgres);
        WrkOutput parsed = parse(output);
        Double databasePerRead = databaseBefore.isPresent() && databaseAfter.isPresent() && parsed.requests() > 0
                ? round3(CpuMeter.ticksToSeconds(databaseAfter.getAsLong() - databaseBefore.getAsLong()) * 1e6
                / parsed.requests()) : null;
        return new Side(round3(parsed.requestsPerS()), parsed.p50Ms(), parsed.p99Ms(), parsed.errors(),
                parsed.requests() > 0 ? round3(serviceCpu * 1e6 / parsed.requests()) : null, databasePerRead);
    }

    private Side pgbench(Calibration calibration, String schema, Path script, EmbeddedPostgres postgres)
            throws IOException {
        OptionalLong databaseBefore = databaseTicks(postgres);
        long started = System.nanoTime();
        Calibration.PgbenchRate rate = calibration.pgbenchSaturation(schema, script, settings.connections(),
                settings.duration());
        double seconds = (System.nanoTime() - started) / 1e9;
        OptionalLong databaseAfter = databaseTicks(postgres);
        double reads = rate.whole() * seconds;
        Double databasePerRead = databaseBefore.isPresent() && databaseAfter.isPresent() && reads > 0
                ? round3(CpuMeter.ticksToSeconds(databaseAfter.getAsLong() - databaseBefore.getAsLong()) * 1e6
                / reads) : null;
        return new Side(round3(rate.steady()), null, null, 0, null, databasePerRead);
    }

    private static OptionalLong databaseTicks(EmbeddedPostgres postgres) {
        return postgres.serverPid().isPresent() ? CpuMeter.treeTicks(postgres.serverPid().getAsLong())
                : OptionalLong.empty();
    }

    private String runWrk(String url, Path lua, Duration duration) throws IOException {
        int threads = Math.max(1, Math.min(2, settings.connections()));
        List<String> command = List.of(wrk.toString(), "-t", Integer.toString(threads), "-c",
                Integer.toString(settings.connections()), "-d", Math.max(1, duration.toSeconds()) + "s", "--latency",
                "-s", lua.toString(), url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(workDirectory.toFile())
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("wrk did not finish");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running wrk", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("wrk failed (exit " + process.exitValue() + "): " + output.strip());
        }
        return output;
    }

    /** What one wrk run printed. */
    record WrkOutput(double requestsPerS, long requests, Double p50Ms, Double p99Ms, long errors) {
    }

    /** Reads wrk's summary (with {@code --latency}). */
    static WrkOutput parse(String output) throws IOException {
        Matcher rate = REQUESTS.matcher(output);
        Matcher total = TOTAL.matcher(output);
        if (!rate.find() || !total.find()) {
            throw new IOException("wrk printed no request rate: " + output.strip());
        }
        Double p50 = null;
        Double p99 = null;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double value = Double.parseDouble(percentile.group(2));
            double ms = switch (percentile.group(3)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            };
            if (percentile.group(1).equals("50")) {
                p50 = round3(ms);
            } else {
                p99 = round3(ms);
            }
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                errors += Long.parseLong(socket.group(group));
            }
        }
        return new WrkOutput(Double.parseDouble(rate.group(1)), Long.parseLong(total.group(1)), p50, p99, errors);
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
