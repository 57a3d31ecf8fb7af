package dev.schemabench.suite;

import dev.schemabench.shared.GatlingProperties;
import dev.schemabench.shared.DurationText;
import dev.schemabench.shared.SecretFile;
import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.internal.Progress;
import dev.schemabench.measure.CpuMeter;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import dev.schemabench.service.ServiceConfig;
import dev.schemabench.service.SimilarityService;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * The service level: the similarity service runs in this JVM over an already loaded design (batch
 * {@code week-0001} active) on a free loopback port with a random admin token, and Gatling drives it from a child
 * JVM (so the load generator's heap and JIT stay apart from the service) with the {@code scenarios} module's
 * simulations: {@code SimilarProducts} (open-model reads) for the latency figures, then {@code RefreshUnderLoad}
 * (stage, activate and roll back a weekly batch through the admin API while reads are checked). Gatling's HTML report
 * and the simulations' own outputs land in {@code <run>/gatling/<design>/}. CPU seconds of the service (this JVM),
 * Gatling (the child) and PostgreSQL are sampled every 250 ms and taken over the measured window. Not thread-safe.
 */
final class ServiceLevelRunner {

    static final String SIMILAR_PRODUCTS = "dev.schemabench.scenarios.gatling.SimilarProducts";
    static final String REFRESH = "dev.schemabench.scenarios.gatling.RefreshUnderLoad";
    /** Gatling's exit status when the run finished but an assertion failed. */
    private static final int ASSERTIONS_FAILED = 2;
    /** Room for JVM start, report generation and a slow machine beyond the configured load time. */
    private static final Duration CHILD_OVERHEAD = Duration.ofSeconds(120);
    private static final long SAMPLE_MILLIS = 250;

    /**
     * The service-level parameters.
     *
     * @param rate       read arrival rate, per second
     * @param warmup     unmeasured reads before measuring
     * @param duration   measured time
     * @param settle     reads before, during and after the refresh
     * @param limit      items per read
     * @param p99BoundMs the P99 bound of the Gatling assertion
     */
    record Settings(double rate, Duration warmup, Duration duration, Duration settle, int limit, int p99BoundMs) {
    }

    /**
     * What the stage measured for one design; fields are null when not reached.
     *
     * @param latency the {@code SimilarProducts} figures
     * @param cpu     CPU seconds during them
     * @param refresh the refresh through the admin API
     * @param failure why the stage stopped early, or null
     */
    record Outcome(RunResults.Latency latency, RunResults.Cpu cpu, RunResults.ServiceRefresh refresh,
                   String failure) {
    }

    private final Path home;
    private final Path runDirectory;
    private final CatalogSpec catalog;
    private final Settings settings;
    private final Supplier<OptionalLong> databaseTicks;

    /**
     * @param home          the checkout holding {@code scenarios/target}
     * @param runDirectory  the run folder
     * @param catalog       the catalog the designs were loaded with
     * @param databaseTicks CPU ticks of the database server and its backends, or empty when not observable
     */
    ServiceLevelRunner(Path home, Path runDirectory, CatalogSpec catalog, Settings settings,
                 Supplier<OptionalLong> databaseTicks) {
        this.home = home;
        this.runDirectory = runDirectory;
        this.catalog = catalog;
        this.settings = settings;
        this.databaseTicks = databaseTicks;
    }

    /** Why Gatling cannot run from {@code home}, or empty when the scenarios are built. */
    static Optional<String> unavailable(Path home) {
        Path classes = home.resolve("scenarios/target/classes");
        Path classpath = home.resolve("scenarios/target/classpath.txt");
        if (!Files.isRegularFile(classes.resolve(SIMILAR_PRODUCTS.replace('.', '/') + ".class"))
                || !Files.isRegularFile(classpath)) {
            return Optional.of("the Gatling scenarios are not built (" + home.relativize(classpath) + " or "
                    + home.relativize(classes) + " missing; run 'mvn -DskipTests package' first)");
        }
        return Optional.empty();
    }

    /**
     * Serves {@code design} (week-0001 active) and runs both simulations against it; files found are added to
     * {@code artifacts}, relative to the run folder. Afterwards week-0001 is active again, or the outcome says why not.
     */
    Outcome run(String name, StorageDesign design, Map<String, String> artifacts) {
        RunResults.Latency latency = null;
        RunResults.Cpu cpu = null;
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        ServiceConfig config = ServiceConfig.defaults(catalog).withAdminToken(token);
        Path folder = runDirectory.resolve("gatling").resolve(name);
        String fromBatch = CatalogGenerator.defaultBatchId(CompareSuite.BATCH_NUMBER);
        try (SimilarityService service = SimilarityService.start(design, config)) {
            String baseUrl = service.baseUri().toString();
            Progress.say(String.format(Locale.ROOT, "%s: service level (Gatling SimilarProducts, %.0f reads/s for %s"
                    + " after %s warm-up) at %s ...", name, settings.rate(), DurationText.format(settings.duration()),
                    DurationText.format(settings.warmup()), baseUrl));
            Path out = folder.resolve("similar-products");
            Child reads = runGatling(SIMILAR_PRODUCTS, name, out, null, Map.of(
                    GatlingProperties.BASE_URL, baseUrl,
                    GatlingProperties.PRODUCTS, String.valueOf(catalog.products()),
                    GatlingProperties.SEED, String.valueOf(catalog.seed()),
                    GatlingProperties.RATE, String.valueOf(settings.rate()),
                    GatlingProperties.WARMUP, DurationText.format(settings.warmup()),
                    GatlingProperties.DURATION, DurationText.format(settings.duration()),
                    GatlingProperties.LIMIT, String.valueOf(settings.limit()),
                    GatlingProperties.P99_BOUND_MS, String.valueOf(settings.p99BoundMs())),
                    settings.warmup().plus(settings.duration()));
            reads.report().ifPresent(report -> artifacts.put("gatling_report_similar_products", relative(report)));
            artifacts.put("gatling_log_similar_products", relative(reads.log()));
            JsonNode summary = ResultsFile.mapper().readTree(out.resolve(GatlingProperties.SUMMARY_FILE).toFile());
            Path hlog = out.resolve(GatlingProperties.LATENCY_LOG_FILE);
            artifacts.put("service_histogram_log", relative(hlog));
            long start = summary.path("window_start_epoch_ms").asLong();
            long end = summary.path("window_end_epoch_ms").asLong();
            latency = latency(hlog, summary.path("ok").asLong(), summary.path("ko").asLong(), start, end);
            Path sendLag = out.resolve(GatlingProperties.SEND_LAG_LOG_FILE);
            if (Files.isRegularFile(sendLag)) {
                artifacts.put("service_send_lag_log", relative(sendLag));
            }
            latency = latency.withChecks(ServiceLevelChecks.of(hlog, sendLag, settings.rate(), settings.warmup()));
            Progress.say(name + ": service-level checks: " + ServiceLevelChecks.describe(latency.checks()));
            cpu = reads.cpu(start, end).withReads(latency.ops() + latency.errors());
            Progress.say(String.format(Locale.ROOT, "%s: service level p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d ok,"
                    + " %d errors; CPU s: service %.1f, Gatling %s, database %s over %.1f s%s", name,
                    latency.p50Ms(), latency.p99Ms(), latency.maxMs(), latency.ops(), latency.errors(),
                    cpu.harnessS(), text(cpu.loadGeneratorS()), text(cpu.databaseS()), cpu.wallS(),
                    reads.exitCode() == ASSERTIONS_FAILED ? " (Gatling assertions failed, see its report)" : ""));

            Progress.say(name + ": weekly refresh through the admin API under Gatling load ...");
            Path refreshOut = folder.resolve("refresh-under-load");
            String toBatch = "svc-" + CatalogGenerator.defaultBatchId(CompareSuite.BATCH_NUMBER + 1);
            Child refresh = runGatling(REFRESH, name, refreshOut, token, Map.ofEntries(
                    Map.entry(GatlingProperties.BASE_URL, baseUrl),
                    Map.entry(GatlingProperties.PRODUCTS, String.valueOf(catalog.products())),
                    Map.entry(GatlingProperties.RECS, String.valueOf(catalog.recsPerProduct())),
                    Map.entry(GatlingProperties.SEED, String.valueOf(catalog.seed())),
                    Map.entry(GatlingProperties.CHURN, String.valueOf(catalog.churnShare())),
                    Map.entry(GatlingProperties.MEMBERSHIP, catalog.membership().key()),
                    Map.entry(GatlingProperties.RATE, String.valueOf(settings.rate())),
                    Map.entry(GatlingProperties.SETTLE, DurationText.format(settings.settle())),
                    Map.entry(GatlingProperties.LIMIT, String.valueOf(settings.limit())),
                    Map.entry(GatlingProperties.FROM_BATCH, fromBatch),
                    Map.entry(GatlingProperties.FROM_NUMBER, String.valueOf(CompareSuite.BATCH_NUMBER)),
                    Map.entry(GatlingProperties.TO_BATCH, toBatch),
                    Map.entry(GatlingProperties.TO_NUMBER, String.valueOf(CompareSuite.BATCH_NUMBER + 1))),
                    settings.settle().multipliedBy(3).plus(Duration.ofMinutes(10)));
            refresh.report().ifPresent(report -> artifacts.put("gatling_report_refresh", relative(report)));
            artifacts.put("gatling_log_refresh", relative(refresh.log()));
            Path resultFile = refreshOut.resolve(GatlingProperties.REFRESH_FILE);
            if (!Files.isRegularFile(resultFile)) {
                throw new IllegalStateException("Gatling RefreshUnderLoad wrote no " + GatlingProperties.REFRESH_FILE
                        + " (exit " + refresh.exitCode() + "; see " + relative(refresh.log()) + ")");
            }
            artifacts.put("service_refresh_result", relative(resultFile));
            JsonNode result = ResultsFile.mapper().readTree(resultFile.toFile());
            if (!result.path("admin_ok").asBoolean()) {
                return new Outcome(latency, cpu, null, "the weekly refresh through the admin API failed: "
                        + result.path("admin_failure").asText());
            }
            long errors = result.path("errors").asLong();
            long empty = result.path("empty").asLong();
            long mixed = result.path("mixed").asLong();
            RunResults.ServiceRefresh serviceRefresh = new RunResults.ServiceRefresh(toBatch,
                    result.path("stage_ms").asDouble(), result.path("activate_ms").asDouble(),
                    result.path("rollback_ms").asDouble(), settings.rate(),
                    new RunResults.RefreshReads(result.path("ops").asLong(), result.path("ops_during").asLong(),
                            result.path("p99_during_ms").asDouble(), errors, empty, mixed),
                    errors == 0 && empty == 0 && mixed == 0);
            Progress.say(String.format(Locale.ROOT, "%s: service refresh: stage %.0f ms, activate %.0f ms, rollback"
                    + " %.0f ms; %d reads (%d during), errors %d, empty %d, mixed %d%s", name,
                    serviceRefresh.stageMs(), serviceRefresh.activateMs(), serviceRefresh.rollbackMs(),
                    serviceRefresh.readsDuringRefresh().ops(), serviceRefresh.readsDuringRefresh().opsDuring(),
                    errors, empty, mixed, serviceRefresh.zeroDowntime() ? " (zero downtime)"
                            : "; first: " + result.path("first_problem").asText()));
            Optional<String> active = design.activeBatch();
            if (!active.equals(Optional.of(fromBatch))) {
                return new Outcome(latency, cpu, serviceRefresh, "after the service refresh the active batch is "
                        + active.orElse("none") + ", expected " + fromBatch);
            }
            return new Outcome(latency, cpu, serviceRefresh, null);
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(latency, cpu, null, "service level: " + message);
        }
    }

    /**
     * The capacity sweep: SimilarProducts at each rate in turn, ascending, against the service over {@code design},
     * until a step's P99 exceeds {@code sloMs} or a read fails. The highest rate that stayed within the SLO is the
     * design's service-level capacity on this machine.
     */
    RunResults.Capacity sweep(String name, StorageDesign design, List<Double> rates, Duration step, double sloMs) {
        List<RunResults.CapacityPoint> points = new ArrayList<>();
        Double highest = null;
        String stoppedBecause = "every rate stayed within the SLO";
        ServiceConfig config = ServiceConfig.defaults(catalog);
        try (SimilarityService service = SimilarityService.start(design, config)) {
            String baseUrl = service.baseUri().toString();
            for (double rate : rates) {
                Progress.say(String.format(Locale.ROOT, "%s: capacity sweep at %.0f reads/s for %s ...", name, rate,
                        DurationText.format(step)));
                Path out = runDirectory.resolve("gatling").resolve(name)
                        .resolve(String.format(Locale.ROOT, "capacity-%.0f", rate));
                Child child = runGatling(SIMILAR_PRODUCTS, name, out, null, Map.of(
                        GatlingProperties.BASE_URL, baseUrl,
                        GatlingProperties.PRODUCTS, String.valueOf(catalog.products()),
                        GatlingProperties.SEED, String.valueOf(catalog.seed()),
                        GatlingProperties.RATE, String.valueOf(rate),
                        GatlingProperties.WARMUP, "2s",
                        GatlingProperties.DURATION, DurationText.format(step),
                        GatlingProperties.LIMIT, String.valueOf(settings.limit()),
                        GatlingProperties.P99_BOUND_MS, String.valueOf(Math.round(sloMs))), step.plusSeconds(2));
                JsonNode summary = ResultsFile.mapper().readTree(out.resolve(GatlingProperties.SUMMARY_FILE).toFile());
                long ok = summary.path("ok").asLong();
                long failed = summary.path("ko").asLong();
                Histogram histogram = readLog(out.resolve(GatlingProperties.LATENCY_LOG_FILE));
                double p99 = ms(histogram.getValueAtPercentile(99));
                double wallS = Math.max(0.001, (summary.path("window_end_epoch_ms").asLong()
                        - summary.path("window_start_epoch_ms").asLong()) / 1000.0);
                RunResults.Cpu cpu = child.cpu(summary.path("window_start_epoch_ms").asLong(),
                        summary.path("window_end_epoch_ms").asLong());
                boolean within = failed == 0 && histogram.getTotalCount() > 0 && p99 <= sloMs;
                points.add(new RunResults.CapacityPoint(rate, ms(histogram.getValueAtPercentile(50)), p99,
                        ms(histogram.getValueAtPercentile(99.9)), ok, failed, round(ok / wallS), within, cpu));
                if (!within) {
                    stoppedBecause = failed > 0 ? failed + " reads failed at " + Math.round(rate) + "/s"
                            : "P99 " + p99 + " ms exceeded the SLO at " + Math.round(rate) + "/s";
                    break;
                }
                highest = rate;
            }
        } catch (IOException | RuntimeException e) {
            stoppedBecause = "the sweep failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
        return new RunResults.Capacity(sloMs, highest, stoppedBecause, points);
    }

    private static Histogram readLog(Path hlog) throws IOException {
        Histogram histogram = new Histogram(3);
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        try {
            for (EncodableHistogram interval = reader.nextIntervalHistogram(); interval != null;
                 interval = reader.nextIntervalHistogram()) {
                histogram.add((Histogram) interval);
            }
        } finally {
            reader.close();
        }
        return histogram;
    }

    /** A finished Gatling child: its exit status, output file, report and CPU samples. */
    private record Child(int exitCode, Path log, Optional<Path> report, List<Sample> samples) {

        /** CPU seconds over the wall-clock window {@code [startMs, endMs]}, from the nearest samples around it. */
        RunResults.Cpu cpu(long startMs, long endMs) {
            Sample first = samples.get(0);
            Sample last = samples.get(samples.size() - 1);
            for (Sample sample : samples) {
                if (sample.epochMs() <= startMs) {
                    first = sample;
                }
            }
            for (int i = samples.size() - 1; i >= 0; i--) {
                if (samples.get(i).epochMs() >= endMs) {
                    last = samples.get(i);
                }
            }
            Double gatling = first.gatlingTicks() < 0 || last.gatlingTicks() < 0 ? null
                    : round(CpuMeter.ticksToSeconds(last.gatlingTicks() - first.gatlingTicks()));
            Double database = first.databaseTicks() < 0 || last.databaseTicks() < 0 ? null
                    : round(CpuMeter.ticksToSeconds(last.databaseTicks() - first.databaseTicks()));
            return new RunResults.Cpu(round((last.epochMs() - first.epochMs()) / 1000.0),
                    round(last.serviceS() - first.serviceS()), database, Runtime.getRuntime().availableProcessors(),
                    gatling);
        }
    }

    /** CPU counters at one instant; ticks are -1 where not observable. */
    private record Sample(long epochMs, double serviceS, long gatlingTicks, long databaseTicks) {
    }

    /** Runs one Gatling simulation in a child JVM; {@code token} (null for none) reaches it in an owner-only file. */
    private Child runGatling(String simulation, String design, Path out, String token, Map<String, String> properties,
                             Duration load) throws IOException {
        Files.createDirectories(out);
        Path results = out.resolve("report");
        Path log = out.resolve("gatling.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms256m");
        command.add("-Xmx512m");
        // Gatling's log writer reads String internals.
        command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        command.add("-D" + GatlingProperties.OUT + "=" + out);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(classpath());
        command.add("io.gatling.app.Gatling");
        command.addAll(List.of("--simulation", simulation, "--results-folder", results.toString(),
                "--run-description", "SchemaBench " + design, "--launcher", "schemabench"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(out.toFile());
        try (SecretFile tokenFile = token == null ? null : SecretFile.create(token + "\n")) {
            childEnvironment(builder.environment(), tokenFile == null ? null : tokenFile.path());
            return await(builder.start(), simulation, load, log, results);
        }
    }

    /**
     * Sets up a Gatling child's {@code environment}: the admin token only as the path of {@code tokenFile} (none
     * when null), and no secret inherited from this process.
     */
    static void childEnvironment(Map<String, String> environment, Path tokenFile) {
        SecretFile.removeSecrets(environment);
        environment.remove(ServiceConfig.ADMIN_TOKEN_FILE_ENV);
        if (tokenFile != null) {
            environment.put(ServiceConfig.ADMIN_TOKEN_FILE_ENV, tokenFile.toString());
        }
    }

    /** Samples a Gatling child's CPU until it ends, stopping it when it overruns {@code load}. */
    private Child await(Process process, String simulation, Duration load, Path log, Path results)
            throws IOException {
        List<Sample> samples = new CopyOnWriteArrayList<>();
        long pid = process.pid();
        samples.add(sample(pid));
        long deadline = System.nanoTime() + load.plus(CHILD_OVERHEAD).toNanos();
        try {
            while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
                samples.add(sample(pid));
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Gatling " + simulation.substring(simulation.lastIndexOf('.') + 1)
                            + " did not finish within " + DurationText.format(load.plus(CHILD_OVERHEAD)) + "; see "
                            + relative(log));
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Gatling ran", e);
        }
        int exit = process.exitValue();
        if (exit != 0 && exit != ASSERTIONS_FAILED) {
            throw new IllegalStateException("Gatling " + simulation.substring(simulation.lastIndexOf('.') + 1)
                    + " exited with " + exit + ": " + lastLine(log) + " (see " + relative(log) + ")");
        }
        return new Child(exit, log, findReport(results), List.copyOf(samples));
    }

    private Sample sample(long gatlingPid) {
        OptionalLong gatling = CpuMeter.treeTicks(gatlingPid);
        OptionalLong database = databaseTicks.get();
        return new Sample(System.currentTimeMillis(), CpuMeter.thisProcessSeconds(),
                gatling.isPresent() ? gatling.getAsLong() : -1, database.isPresent() ? database.getAsLong() : -1);
    }

    private String classpath() throws IOException {
        String dependencies = Files.readString(home.resolve("scenarios/target/classpath.txt"), StandardCharsets.UTF_8)
                .trim();
        return home.resolve("scenarios/target/classes") + File.pathSeparator + dependencies;
    }

    private static Optional<Path> findReport(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(results, 2, (path, attributes) -> attributes.isRegularFile()
                && path.getFileName().toString().equals("index.html"))) {
            return files.findFirst();
        }
    }

    private RunResults.Latency latency(Path hlog, long ok, long failed, long startMs, long endMs)
            throws IOException {
        Histogram histogram = new Histogram(3);
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        try {
            for (EncodableHistogram interval = reader.nextIntervalHistogram(); interval != null;
                 interval = reader.nextIntervalHistogram()) {
                histogram.add((Histogram) interval);
            }
        } finally {
            reader.close();
        }
        if (histogram.getTotalCount() == 0) {
            throw new IllegalStateException("Gatling recorded no successful read (" + failed + " failed)");
        }
        double wallS = Math.max(0.001, (endMs - startMs) / 1000.0);
        return new RunResults.Latency(ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(95)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)),
                ms(histogram.getMaxValue()), round(histogram.getMean() / 1e6), ok, failed, round(ok / wallS),
                settings.rate(), Math.round(settings.rate() * settings.warmup().toMillis() / 1000.0), 1)
                .withIntervals(MeasuredIntervals.fromLog(hlog, null));
    }

    private String relative(Path file) {
        return runDirectory.toAbsolutePath().relativize(file.toAbsolutePath()).toString();
    }

    private static String lastLine(Path log) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank() && !line.startsWith("\tat ")).reduce((a, b) -> b)
                    .orElse("no output");
        } catch (IOException | RuntimeException e) {
            return "no output";
        }
    }

    private static String text(Double seconds) {
        return seconds == null ? "n/a" : String.format(Locale.ROOT, "%.1f", seconds);
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
