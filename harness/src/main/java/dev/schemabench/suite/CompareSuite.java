package dev.schemabench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.BatchDigest;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.Product;
import dev.schemabench.catalog.SimilarityList;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.db.PostgresHandle;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.DesignContext;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.design.DesignUnavailableException;
import dev.schemabench.design.Footprint;
import dev.schemabench.design.SchemaFiles;
import dev.schemabench.design.ServerInfo;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.internal.Home;
import dev.schemabench.internal.Progress;
import dev.schemabench.db.MongoHandle;
import dev.schemabench.db.MongoProvisioner;
import dev.schemabench.db.WalMeter;
import dev.schemabench.design.mongo.MongoDesign;
import dev.schemabench.design.postgres.PostgresDesign;
import dev.schemabench.measure.CpuMeter;
import dev.schemabench.measure.HeapSettle;
import dev.schemabench.measure.MeasuredDesign;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.measure.SliceResult;
import dev.schemabench.report.ReportWriter;
import dev.schemabench.results.PlanSummary;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The comparison: load every selected design with the same generated batch, check their answers against the truth,
 * measure their footprint and read plan, then measure storage-level reads under a fixed arrival rate in alternating
 * slices over the same key sequence, and write {@code results.json} and {@code index.html}. A design that cannot run
 * is reported as skipped with the reason; one that fails is reported as failed with the reason and whatever was
 * measured before. Not thread-safe; one run per instance.
 */
public final class CompareSuite {

    /** The batch number every design loads and serves during the comparison. */
    static final int BATCH_NUMBER = 1;
    /** Throw-away batches of the bulk calibration; ids of one length, so both sides send the same bytes. */
    static final String BULK_CALIBRATION_HARNESS = "calib-bulk-h";
    static final String BULK_CALIBRATION_PSQL = "calib-bulk-p";

    private final CompareConfig config;
    private final Supplier<PostgresHandle> postgresProvider;
    private final Supplier<MongoHandle> mongoProvider;
    private final Path schemasRoot;

    private PostgresHandle postgres;
    private MongoHandle mongo;
    private boolean keepData;

    /**
     * @param config           the effective configuration
     * @param postgresProvider provisions PostgreSQL on first use (only when a selected design needs it)
     * @param mongoProvider    provides MongoDB on first use, or throws {@link DesignUnavailableException}
     * @param schemasRoot      the {@code schemas/} folder
     */
    public CompareSuite(CompareConfig config, Supplier<PostgresHandle> postgresProvider,
                        Supplier<MongoHandle> mongoProvider, Path schemasRoot) {
        this.config = config;
        this.postgresProvider = postgresProvider;
        this.mongoProvider = mongoProvider;
        this.schemasRoot = schemasRoot;
    }

    /** A suite whose MongoDB comes from {@code MONGO_URI}, Docker or a mongod on PATH. */
    public CompareSuite(CompareConfig config, Supplier<PostgresHandle> postgresProvider, Path schemasRoot) {
        this(config, postgresProvider, () -> MongoProvisioner.provision(null), schemasRoot);
    }

    /** A run's outcome: the results written and where. */
    public record Outcome(RunResults results, Path directory) {

        public boolean anyFailed() {
            return results.designs().stream().anyMatch(design -> RunResults.FAILED.equals(design.status()));
        }
    }

    /** Per-design state while the run is under way. */
    private static final class DesignRun {
        final String name;
        final String description;
        MeasuredDesign design;
        String status = RunResults.MEASURED;
        String reason;
        RunResults.Load load;
        RunResults.Footprint footprint;
        RunResults.Equivalence equivalence;
        JsonNode plan;
        final Histogram histogram = new Histogram(3);
        long ops;
        long errors;
        long wallNanos;
        long warmupOps;
        int slices;
        HistogramLogWriter log;
        PrintStream logStream;
        Footprint rawFootprint;
        RunResults.Refresh refresh;
        RunResults.FootprintAfterChurn churn;
        RunResults.IndexCost indexCost;
        final Map<String, Double> buildMs = new LinkedHashMap<>();
        RunResults.Latency serviceLevel;
        RunResults.Cpu serviceCpu;
        RunResults.ServiceRefresh serviceRefresh;
        RunResults.Jmh jmh;
        RunResults.Calibration calibration;
        String calibrationNote;
        RunResults.BulkCalibration bulkCalibration;
        String bulkCalibrationNote;
        List<RunResults.ScalePoint> scaleCurve;
        RunResults.Capacity capacity;
        RunResults.HttpOverhead httpOverhead;
        String httpOverheadNote;
        String serviceLevelNote;
        double cpuWallS;
        double cpuHarnessS;
        Double cpuDatabaseS = 0.0;
        final Map<String, String> artifacts = new LinkedHashMap<>();

        DesignRun(String name, String description) {
            this.name = name;
            this.description = description;
        }

        boolean active() {
            return RunResults.MEASURED.equals(status);
        }

        void fail(String why) {
            status = RunResults.FAILED;
            reason = why;
        }
    }

    /**
     * Opens the database the selected designs need. Call before {@link #run} so that an unusable server is reported
     * as bad input before anything is written.
     */
    public void provision() {
        boolean needsPostgres = config.designs().stream().anyMatch(name -> !name.equals(MongoDesign.NAME));
        if (needsPostgres && postgres == null) {
            postgres = postgresProvider.get();
            Progress.say("PostgreSQL ready at " + postgres.server().displayUrl() + " (" + postgres.server().origin()
                    + ")");
        }
    }

    /**
     * Leaves the designs' schemas (and MongoDB database) in place after the run, so they can be inspected and other
     * tools run against the same rows. By default they are dropped at the end; an embedded server is deleted anyway.
     */
    public CompareSuite keepData(boolean keep) {
        this.keepData = keep;
        return this;
    }

    /** Runs the comparison and writes results into {@code directory} (which must exist). */
    public Outcome run(Path directory, String runId) throws IOException {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CatalogGenerator generator = new CatalogGenerator(
                new CatalogSpec(config.products(), config.recs(), config.seed(), config.churn()));
        String batchId = CatalogGenerator.defaultBatchId(BATCH_NUMBER);
        List<DesignRun> runs = new ArrayList<>();
        Map<String, Object> environment = new LinkedHashMap<>();
        try {
            provision();
            DesignContext context = new DesignContext(schemasRoot, () -> postgres.server(), config.pool(),
                    this::mongo);
            for (String name : config.designs()) {
                DesignRegistry.Entry entry = DesignRegistry.find(name).orElseThrow();
                DesignRun run = new DesignRun(name, entry.description());
                runs.add(run);
                try {
                    run.design = new MeasuredDesign(entry.factory().create(context));
                } catch (DesignUnavailableException e) {
                    run.status = RunResults.SKIPPED;
                    run.reason = e.getMessage();
                    Progress.say(name + ": skipped: " + e.getMessage());
                } catch (RuntimeException e) {
                    run.fail(message(e));
                }
            }
            Batch batch = generator.batch(BATCH_NUMBER, batchId);
            for (DesignRun run : active(runs)) {
                guarded(run, () -> load(run, batch));
            }
            EquivalenceCheck check = new EquivalenceCheck(generator, config.sample());
            for (DesignRun run : active(runs)) {
                guarded(run, () -> {
                    Optional<String> difference = check.check(run.design.unwrap(), BATCH_NUMBER, batchId,
                            config.limit());
                    run.equivalence = new RunResults.Equivalence(check.reads(), difference.orElse(null));
                    difference.ifPresent(d -> run.fail("answers differ from the generated data: " + d));
                    Progress.say(run.name + ": equivalence " + (difference.isEmpty() ? "ok (" + check.reads()
                            + " reads match the generated data)" : "FAILED: " + difference.get()));
                });
            }
            for (DesignRun run : active(runs)) {
                run.design.measurementRefusal().ifPresent(refusal -> {
                    run.status = RunResults.SKIPPED;
                    run.reason = refusal;
                    Progress.say(run.name + ": skipped: " + refusal);
                });
            }
            for (DesignRun run : active(runs)) {
                guarded(run, () -> observe(run, directory));
            }
            measure(active(runs), directory);
            jmh(active(runs), directory);
            serviceLevel(active(runs), directory, generator.spec());
            httpOverhead(active(runs), directory, generator);
            RefreshUnderLoad refresh = new RefreshUnderLoad(generator, config.limit(), config.rate(), config.settle());
            try (OpenLoopDriver driver = new OpenLoopDriver(config.threads())) {
                for (DesignRun run : active(runs)) {
                    Progress.say(run.name + ": weekly refresh under load (stage, activate, rollback)...");
                    guarded(run, () -> run.refresh = refresh.run(run.design, driver, BATCH_NUMBER, BATCH_NUMBER + 1,
                            generator.batch(BATCH_NUMBER + 1), walMeter(run)));
                }
            }
            for (DesignRun run : active(runs)) {
                guarded(run, () -> churn(run, generator));
            }
            for (DesignRun run : active(runs)) {
                guarded(run, () -> indexCost(run, generator));
            }
            calibrate(active(runs), directory, generator);
            if (!config.scale().isEmpty()) {
                ScaleCurve curve = new ScaleCurve(config);
                try (OpenLoopDriver driver = new OpenLoopDriver(config.threads())) {
                    for (DesignRun run : active(runs)) {
                        guarded(run, () -> run.scaleCurve = curve.run(run.design, driver));
                    }
                }
            }
            environment = environment(generator, batch, runs);
        } finally {
            for (DesignRun run : runs) {
                if (run.logStream != null) {
                    run.logStream.close();
                }
                if (run.design != null) {
                    try {
                        if (!keepData && onExternalServer(run)) {
                            run.design.dropSchema();
                        }
                    } catch (RuntimeException e) {
                        Progress.say(run.name + ": could not drop " + run.design.namespace() + ": " + message(e));
                    }
                    try {
                        run.design.close();
                    } catch (RuntimeException e) {
                        // Closing a pool of a dead server must not hide the run's results.
                    }
                }
            }
        }
        RunResults results = results(runId, started, environment, runs);
        ResultsFile.write(directory, results);
        ReportWriter.write(directory.resolve(ResultsFile.NAME));
        return new Outcome(results, directory);
    }

    /** Stops what {@link #provision} and the designs' first use started. */
    public void close() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        if (mongo != null) {
            mongo.close();
            mongo = null;
        }
    }

    private MongoHandle mongo() {
        if (mongo == null) {
            mongo = mongoProvider.get();
            Progress.say("MongoDB at " + mongo.displayUri() + " (" + mongo.origin() + ")");
        }
        return mongo;
    }

    private void load(DesignRun run, Batch batch) {
        run.design.dropSchema();
        run.design.ensureSchema();
        long start;
        StageOutcome outcome;
        try (Progress progress = Progress.start(run.name + ": staging " + batch.id(), batch.productCount(),
                "products")) {
            start = System.nanoTime();
            outcome = run.design.stage(new ProgressBatch(batch, progress));
        }
        double stageMs = (System.nanoTime() - start) / 1e6;
        if (!(outcome instanceof StageOutcome.Staged)) {
            throw new IllegalStateException("stage of " + batch.id() + " returned " + outcome);
        }
        start = System.nanoTime();
        ActivationOutcome activation = run.design.activate(batch.id());
        double activateMs = (System.nanoTime() - start) / 1e6;
        if (activation != ActivationOutcome.ACTIVATED) {
            throw new IllegalStateException("activation of " + batch.id() + " returned " + activation);
        }
        run.load = new RunResults.Load(batch.productCount(), round(stageMs), round(activateMs));
    }

    private void observe(DesignRun run, Path directory) throws IOException {
        run.design.cleanup();
        Footprint footprint = run.design.footprint();
        run.rawFootprint = footprint;
        run.footprint = figures(footprint, Map.of());
        String hottest = CatalogGenerator.productId(new ZipfianKeys(new CatalogSpec(config.products(), config.recs(),
                config.seed(), config.churn())).productAtRank(0));
        run.plan = ResultsFile.mapper().readTree(run.design.readPlan(hottest, config.limit()).planJson());
        Path histograms = Files.createDirectories(directory.resolve("histograms"));
        Path logFile = histograms.resolve("storage-" + run.name + ".hlog");
        run.logStream = new PrintStream(Files.newOutputStream(logFile), false, StandardCharsets.UTF_8);
        run.log = OpenLoopDriver.newLog(run.logStream, "SchemaBench storage-level read latency, design "
                + run.name + ", nanoseconds from intended start, one-second intervals");
        run.artifacts.put("storage_histogram_log", directory.relativize(logFile).toString());
        Progress.say(String.format(java.util.Locale.ROOT, "%s: %,d bytes on disk (%,.0f per product)", run.name,
                footprint.totalBytes(), footprint.bytesPerProduct()));
    }

    private void measure(List<DesignRun> runs, Path directory) {
        if (runs.isEmpty()) {
            return;
        }
        long perDesign = Math.max(config.slices(), Math.round(config.rate() * config.duration().toMillis() / 1000.0));
        int perSlice = (int) Math.max(1, perDesign / config.slices());
        int warmupCount = (int) Math.round(config.rate() * config.warmup().toMillis() / 1000.0);
        String[] keys = new ZipfianKeys(config.products(), ZipfianKeys.DEFAULT_CONSTANT, config.seed())
                .nextProductIds(perSlice * config.slices());
        String[] warmupKeys = new ZipfianKeys(config.products(), ZipfianKeys.DEFAULT_CONSTANT, config.seed() + 1)
                .nextProductIds(Math.max(1, warmupCount));
        long totalReads = (long) runs.size() * (perSlice * (long) config.slices() + warmupCount);
        try (OpenLoopDriver driver = new OpenLoopDriver(config.threads());
             Progress progress = Progress.start("measuring " + runs.size() + " design(s) at "
                     + Math.round(config.rate()) + " reads/s", totalReads, "reads")) {
            if (warmupCount > 0) {
                for (DesignRun run : runs) {
                    SliceResult warmup = driver.run(run.design, warmupKeys, 0, warmupCount, config.rate(),
                            config.limit(), null, run.name);
                    run.warmupOps = warmup.ops();
                    progress.advance(warmupCount);
                    if (warmup.aborted()) {
                        run.fail("reads failed during warm-up: " + warmup.firstError());
                    }
                }
            }
            HeapSettle.settle();
            for (int slice = 0; slice < config.slices(); slice++) {
                List<DesignRun> order = new ArrayList<>(runs);
                if (slice % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (DesignRun run : order) {
                    if (!run.active()) {
                        continue;
                    }
                    double harnessBefore = CpuMeter.thisProcessSeconds();
                    OptionalLong databaseBefore = databaseTicks(run);
                    SliceResult result = driver.run(run.design, keys, slice * perSlice, perSlice, config.rate(),
                            config.limit(), run.log, run.name);
                    run.cpuHarnessS += CpuMeter.thisProcessSeconds() - harnessBefore;
                    OptionalLong databaseAfter = databaseTicks(run);
                    if (databaseBefore.isPresent() && databaseAfter.isPresent() && run.cpuDatabaseS != null) {
                        run.cpuDatabaseS += CpuMeter.ticksToSeconds(databaseAfter.getAsLong()
                                - databaseBefore.getAsLong());
                    } else {
                        run.cpuDatabaseS = null;
                    }
                    run.cpuWallS += result.wallNanos() / 1e9;
                    run.histogram.add(result.histogram());
                    run.ops += result.ops();
                    run.errors += result.errors();
                    run.wallNanos += result.wallNanos();
                    run.slices++;
                    progress.advance(perSlice);
                    if (result.aborted()) {
                        run.fail("reads kept failing in slice " + (slice + 1) + ": " + result.firstError());
                    }
                }
            }
        }
    }

    /**
     * The service level, design after design: the service over the loaded design, Gatling in a child JVM. Leaves
     * week-0001 active. Absent, with a note saying why, when switched off or when the scenarios are not built.
     */
    private void serviceLevel(List<DesignRun> runs, Path directory, CatalogSpec catalog) {
        if (runs.isEmpty()) {
            return;
        }
        Path home = Home.directory();
        Optional<String> unavailable = config.serviceLevel() ? ServiceStage.unavailable(home)
                : Optional.of(CompareConfig.SERVICE_LEVEL + " = off");
        if (unavailable.isPresent()) {
            String note = "service level not measured: " + unavailable.get();
            runs.forEach(run -> run.serviceLevelNote = note);
            Progress.say(note);
            return;
        }
        ServiceStage.Settings settings = new ServiceStage.Settings(config.serviceRate(), config.serviceWarmup(),
                config.serviceDuration(), config.serviceSettle(), config.limit(), config.serviceP99Ms());
        for (DesignRun run : runs) {
            ServiceStage stage = new ServiceStage(home, directory, catalog, settings, () -> databaseTicks(run));
            // The unwrapped design: service reads must not land in the storage-level histograms.
            ServiceStage.Outcome outcome = stage.run(run.name, run.design.unwrap(), run.artifacts);
            run.serviceLevel = outcome.latency();
            run.serviceCpu = outcome.cpu();
            run.serviceRefresh = outcome.refresh();
            if (outcome.failure() != null) {
                run.fail(PostgresServer.mask(outcome.failure()));
                Progress.say(run.name + ": failed: " + run.reason);
            } else if (!config.capacityRates().isEmpty()) {
                run.capacity = stage.sweep(run.name, run.design.unwrap(),
                        config.capacityRates().stream().map(Integer::doubleValue).sorted().toList(),
                        config.capacityStep(), config.serviceP99Ms());
                Progress.say(run.name + ": capacity within P99 " + config.serviceP99Ms() + " ms: "
                        + (run.capacity.highestRateWithinSlo() == null ? "none of the rates"
                        : Math.round(run.capacity.highestRateWithinSlo()) + " reads/s") + " ("
                        + run.capacity.stoppedBecause() + ")");
            }
        }
    }

    /**
     * What the HTTP layer adds, design after design: the service over the loaded design read over HTTP from this JVM
     * against the design read in process, at the storage level's rate and keys ({@link HttpOverhead}). Absent, with a
     * note saying why, when the service level is off, when {@code http_overhead_duration} is 0, or when it failed; a
     * failure here leaves the design measured (its other figures stand).
     */
    private void httpOverhead(List<DesignRun> runs, Path directory, CatalogGenerator generator) {
        Optional<String> skipped = HttpOverhead.skipReason(config);
        if (skipped.isPresent()) {
            runs.forEach(run -> run.httpOverheadNote = skipped.get());
            if (!runs.isEmpty()) {
                Progress.say(skipped.get());
            }
            return;
        }
        HttpOverhead.Settings settings = HttpOverhead.Settings.of(config.rate(), config.httpOverheadDuration(),
                config.threads(), config.limit());
        for (DesignRun run : runs) {
            HttpOverhead stage = new HttpOverhead(generator, BATCH_NUMBER, settings, () -> databaseTicks(run));
            Path logFile = directory.resolve("histograms").resolve("http-overhead-" + run.name + ".hlog");
            HttpOverhead.Outcome outcome;
            try {
                Files.createDirectories(logFile.getParent());
            } catch (IOException e) {
                run.httpOverheadNote = "HTTP overhead not measured: " + message(e);
                continue;
            }
            try (PrintStream stream = new PrintStream(Files.newOutputStream(logFile), false,
                    StandardCharsets.UTF_8)) {
                HistogramLogWriter log = OpenLoopDriver.newLog(stream, "SchemaBench HTTP overhead, design " + run.name
                        + ": read latency in process (tag storage) and over HTTP (tag http), nanoseconds from"
                        + " intended start, one-second intervals");
                // The unwrapped design: these reads must not land in the storage-level histograms.
                outcome = stage.run(run.name, run.design.unwrap(), log);
            } catch (IOException | RuntimeException e) {
                outcome = HttpOverhead.Outcome.note("HTTP overhead not measured: " + message(e));
            }
            run.httpOverhead = outcome.figures();
            run.httpOverheadNote = outcome.note() == null ? null : PostgresServer.mask(outcome.note());
            if (outcome.figures() != null) {
                run.artifacts.put("http_overhead_histograms", directory.relativize(logFile).toString());
            } else {
                Progress.say(run.name + ": " + run.httpOverheadNote);
            }
        }
    }

    /**
     * The storage-level JMH benchmarks, in a child JVM, over the schemas just measured. A design JMH gives no figures
     * for stays measured (its open-model figures stand) with {@code jmh} null and the reason in its artifacts.
     */
    private void jmh(List<DesignRun> runs, Path directory) {
        if (runs.isEmpty()) {
            return;
        }
        if (config.jmhIterations() == 0) {
            runs.forEach(run -> run.artifacts.put(JmhStage.NOTE_UNAVAILABLE, "JMH benchmarks not run: "
                    + CompareConfig.JMH_ITERATIONS + " = 0"));
            return;
        }
        JmhStage stage = new JmhStage(Home.directory(), schemasRoot, directory,
                postgres == null ? null : postgres.server(), JmhStage.Settings.of(config));
        Map<String, JmhStage.DesignOutcome> outcomes;
        try {
            outcomes = stage.run(runs.stream().map(run -> run.name).toList());
        } catch (RuntimeException e) {
            // JmhStage reports expected failures as values; anything else still must not cost the run its results.
            String reason = "JMH benchmarks not run: " + message(e);
            Progress.say(reason);
            runs.forEach(run -> run.artifacts.put(JmhStage.NOTE_UNAVAILABLE, reason));
            return;
        }
        for (DesignRun run : runs) {
            JmhStage.DesignOutcome outcome = outcomes.get(run.name);
            if (outcome != null) {
                run.jmh = outcome.jmh();
                run.artifacts.putAll(outcome.artifacts());
            }
        }
    }

    /** Whether the design's data lives on a server SchemaBench did not start (and so outlives the run). */
    private boolean onExternalServer(DesignRun run) {
        if (run.design.unwrap() instanceof MongoDesign) {
            return mongo != null && "external".equals(mongo.origin());
        }
        return postgres != null && "external".equals(postgres.server().origin());
    }

    /** CPU ticks of the server the design runs on, when it runs on this machine and its process is known. */
    private OptionalLong databaseTicks(DesignRun run) {
        OptionalLong pid = run.design.unwrap() instanceof MongoDesign
                ? (mongo == null ? OptionalLong.empty() : mongo.serverPid())
                : (postgres == null ? OptionalLong.empty() : postgres.serverPid());
        return pid.isPresent() ? CpuMeter.treeTicks(pid.getAsLong()) : OptionalLong.empty();
    }

    private LongSupplier walMeter(DesignRun run) {
        if (postgres == null || !(run.design.unwrap() instanceof PostgresDesign)) {
            return null;
        }
        WalMeter meter = new WalMeter(postgres.server());
        return meter::position;
    }

    /** Several weekly batches under the retention policy: the cost of versioning, before and after cleanup. */
    private void churn(DesignRun run, CatalogGenerator generator) {
        int first = BATCH_NUMBER + 2;
        int last = first + config.churnWeeks() - 1;
        for (int week = first; week <= last; week++) {
            Batch batch = generator.batch(week);
            try (Progress progress = Progress.start(run.name + ": weekly batch " + batch.id(), batch.productCount(),
                    "products")) {
                requireStaged(run.design.stage(new ProgressBatch(batch, progress)), batch.id());
            }
            ActivationOutcome activation = run.design.activate(batch.id());
            if (activation != ActivationOutcome.ACTIVATED) {
                throw new IllegalStateException("activation of " + batch.id() + " returned " + activation);
            }
        }
        List<String> retired = run.design.retire(config.retain());
        Footprint before = run.design.footprint();
        run.design.cleanup();
        Footprint after = run.design.footprint();
        run.churn = new RunResults.FootprintAfterChurn(last, config.retain(), retired, figures(before, Map.of()),
                figures(after, Map.of()));
        Progress.say(String.format(java.util.Locale.ROOT,
                "%s: after %d weekly batches keeping %d: %,d bytes before cleanup, %,d after", run.name, last,
                config.retain(), before.totalBytes(), after.totalBytes()));
    }

    /** Build time of every index on the loaded data, and staging with and without the secondary indexes. */
    private void indexCost(DesignRun run, CatalogGenerator generator) {
        for (Footprint.Index index : run.design.footprint().indexes()) {
            long start = System.nanoTime();
            if (run.design.rebuildIndex(index.name())) {
                run.buildMs.put(index.name(), round((System.nanoTime() - start) / 1e6));
            }
        }
        LongSupplier wal = walMeter(run);
        int week = BATCH_NUMBER + 2 + config.churnWeeks();
        long walStart = wal == null ? 0 : wal.getAsLong();
        long start = System.nanoTime();
        requireStaged(run.design.stage(generator.batch(week)), CatalogGenerator.defaultBatchId(week));
        double withIndexes = round((System.nanoTime() - start) / 1e6);
        Long walWith = wal == null ? null : wal.getAsLong() - walStart;

        run.design.dropSecondaryIndexes();
        walStart = wal == null ? 0 : wal.getAsLong();
        start = System.nanoTime();
        requireStaged(run.design.stage(generator.batch(week + 1)), CatalogGenerator.defaultBatchId(week + 1));
        double withoutIndexes = round((System.nanoTime() - start) / 1e6);
        Long walWithout = wal == null ? null : wal.getAsLong() - walStart;
        start = System.nanoTime();
        run.design.createSecondaryIndexes();
        double buildMs = round((System.nanoTime() - start) / 1e6);
        Double amplification = walWith == null || walWithout == null || walWithout == 0 ? null
                : round((double) walWith / walWithout);
        run.indexCost = new RunResults.IndexCost(withIndexes, withoutIndexes, walWith, walWithout, amplification,
                buildMs);
        run.footprint = figures(run.rawFootprint, run.buildMs);
    }

    /**
     * The harness against PostgreSQL's own clients on each PostgreSQL design: pgbench on the read, psql's
     * {@code \\copy} on the bulk path; absent, with the reason, where they cannot run.
     */
    private void calibrate(List<DesignRun> runs, Path directory, CatalogGenerator generator) {
        Optional<Calibration> calibration = postgres == null ? Optional.empty()
                : Optional.of(Calibration.onPath(postgres.server(), directory));
        for (DesignRun run : runs) {
            if (!(run.design.unwrap() instanceof PostgresDesign design)) {
                run.calibrationNote = "pgbench calibrates PostgreSQL designs only";
                run.bulkCalibrationNote = "psql calibrates PostgreSQL designs only";
                continue;
            }
            if (config.calibrationRate() == 0) {
                run.calibrationNote = "calibration disabled (calibration_rate = 0)";
            } else if (calibration.isEmpty() || !calibration.get().hasPgbench()) {
                run.calibrationNote = "pgbench is not on the PATH, so the harness was not calibrated against"
                        + " PostgreSQL's own client (install PostgreSQL's client tools to get this figure)";
            } else {
                Progress.say(run.name + ": calibrating against pgbench (" + config.pool() + " clients, saturation and "
                        + Math.round(config.calibrationRate()) + " reads/s, " + config.calibrationRounds()
                        + " rounds of " + DurationText.format(config.calibrationDuration()) + " per side)...");
                try (OpenLoopDriver driver = new OpenLoopDriver(config.pool())) {
                    run.calibration = calibration.get().reads(run.design, SchemaFiles.load(schemasRoot, run.name),
                            config.products(), config.limit(), config.pool(), config.calibrationDuration(),
                            config.calibrationRounds(), config.calibrationRate(), driver);
                    Progress.say(String.format(java.util.Locale.ROOT,
                            "%s: the harness reached %.2f of pgbench's throughput (median round); P99 at %d/s:"
                                    + " harness %.3f ms, pgbench %.3f ms", run.name, run.calibration.ratio(),
                            Math.round(config.calibrationRate()), run.calibration.harnessP99Ms(),
                            run.calibration.pgbenchP99Ms()));
                } catch (IOException | RuntimeException e) {
                    run.calibrationNote = "calibration failed: " + message(e);
                    Progress.say(run.name + ": " + run.calibrationNote);
                }
            }
            if (!config.calibrationBulk()) {
                run.bulkCalibrationNote = "bulk calibration disabled (calibration_bulk = off)";
            } else if (calibration.isEmpty() || !calibration.get().hasPsql()) {
                run.bulkCalibrationNote = "psql is not on the PATH, so the bulk path was not compared with psql's"
                        + " \\copy (install PostgreSQL's client tools to get this figure)";
            } else {
                try {
                    run.bulkCalibration = calibration.get().bulk(design,
                            generator.batch(BATCH_NUMBER + 1, BULK_CALIBRATION_HARNESS),
                            generator.batch(BATCH_NUMBER + 1, BULK_CALIBRATION_PSQL));
                    RunResults.BulkCalibration bulk = run.bulkCalibration;
                    Progress.say(String.format(java.util.Locale.ROOT,
                            "%s: the bulk path staged %.1f MB at %.1f MB/s, psql \\copy at %.1f MB/s (%.2f of"
                                    + " psql's speed)", run.name, bulk.copyBytes() / 1e6, bulk.harnessMbS(),
                            bulk.psqlMbS(), bulk.ratio()));
                } catch (IOException | RuntimeException e) {
                    run.bulkCalibrationNote = "bulk calibration failed: " + message(e);
                    Progress.say(run.name + ": " + run.bulkCalibrationNote);
                }
            }
        }
    }

    private static void requireStaged(StageOutcome outcome, String batchId) {
        if (!(outcome instanceof StageOutcome.Staged)) {
            throw new IllegalStateException("stage of " + batchId + " returned " + outcome);
        }
    }

    private static RunResults.Footprint figures(Footprint footprint, Map<String, Double> buildMs) {
        return new RunResults.Footprint(footprint.tableBytes(), footprint.toastBytes(), footprint.indexBytes(),
                footprint.totalBytes(), round(footprint.bytesPerProduct()),
                footprint.indexes().stream().map(index -> new RunResults.IndexSize(index.name(), index.relation(),
                        index.bytes(), buildMs.get(index.name()))).toList(),
                footprint.relations().stream().map(relation -> new RunResults.RelationSize(relation.name(),
                        relation.tableBytes(), relation.toastBytes(), relation.indexBytes())).toList());
    }

    private Map<String, Object> environment(CatalogGenerator generator, Batch batch, List<DesignRun> runs) {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("schemabench_version", dev.schemabench.internal.Version.current().describe());
        Map<String, Object> java = new LinkedHashMap<>();
        java.put("version", System.getProperty("java.version"));
        java.put("vendor", System.getProperty("java.vendor"));
        java.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        java.put("arguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        java.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        environment.put("java", java);
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        environment.put("cpus", Runtime.getRuntime().availableProcessors());
        if (postgres != null) {
            PostgresServer server = postgres.server();
            Map<String, Object> pg = new LinkedHashMap<>();
            pg.put("origin", server.origin());
            pg.put("url", server.displayUrl());
            runs.stream().filter(run -> run.design != null && run.design.unwrap() instanceof PostgresDesign).findFirst()
                    .ifPresent(run -> {
                try {
                    ServerInfo info = run.design.serverInfo();
                    pg.put("version", info.version());
                    pg.put("settings", info.settings());
                } catch (RuntimeException e) {
                    pg.put("version", null);
                    pg.put("unavailable_because", message(e));
                }
            });
            environment.put("postgres", pg);
        }
        if (mongo != null) {
            Map<String, Object> mongoInfo = new LinkedHashMap<>();
            mongoInfo.put("origin", mongo.origin());
            mongoInfo.put("uri", mongo.displayUri());
            runs.stream().filter(run -> run.design != null && run.design.unwrap() instanceof MongoDesign).findFirst()
                    .ifPresent(run -> {
                        try {
                            ServerInfo info = run.design.serverInfo();
                            mongoInfo.put("version", info.version());
                            mongoInfo.put("settings", info.settings());
                        } catch (RuntimeException e) {
                            mongoInfo.put("version", null);
                            mongoInfo.put("unavailable_because", message(e));
                        }
                    });
            environment.put("mongodb", mongoInfo);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("generator", "CatalogGenerator");
        data.put("seed", config.seed());
        data.put("products", config.products());
        data.put("recs_per_product", config.recs());
        data.put("churn", config.churn());
        data.put("batch_id", batch.id());
        data.put("batch_sha256", BatchDigest.sha256(batch));
        data.put("key_distribution", "zipfian " + ZipfianKeys.DEFAULT_CONSTANT + ", popularity ranks scattered");
        environment.put("data", data);
        Map<String, Object> schemaHashes = new LinkedHashMap<>();
        for (DesignRun run : runs) {
            try {
                schemaHashes.put(run.name, SchemaFiles.load(schemasRoot, run.name).fileHashes());
            } catch (RuntimeException e) {
                schemaHashes.put(run.name, null);
            }
        }
        environment.put("schema_files", schemaHashes);
        return environment;
    }

    private RunResults results(String runId, Instant started, Map<String, Object> environment, List<DesignRun> runs) {
        List<RunResults.Design> designs = new ArrayList<>();
        for (DesignRun run : runs) {
            RunResults.Latency latency = null;
            if (run.slices > 0 && run.histogram.getTotalCount() > 0) {
                Histogram h = run.histogram;
                latency = new RunResults.Latency(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
                        ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
                        round(h.getMean() / 1e6), run.ops, run.errors, round(run.ops / (run.wallNanos / 1e9)),
                        config.rate(), run.warmupOps, run.slices);
            }
            RunResults.Cpu cpu = run.slices == 0 ? null : new RunResults.Cpu(round(run.cpuWallS),
                    round(run.cpuHarnessS), run.cpuDatabaseS == null ? null : round(run.cpuDatabaseS),
                    Runtime.getRuntime().availableProcessors(), null);
            designs.add(new RunResults.Design(run.name, run.description, run.status, run.reason, latency,
                    run.footprint, run.load, run.equivalence, run.plan, run.artifacts, run.refresh, run.churn,
                    run.indexCost, cpu, run.serviceLevel, run.serviceCpu, run.serviceRefresh, run.serviceLevelNote,
                    run.jmh, PlanSummary.of(run.plan), run.calibration, run.calibrationNote, run.bulkCalibration,
                    run.bulkCalibrationNote, run.scaleCurve, run.capacity, run.httpOverhead, run.httpOverheadNote));
        }
        RunResults.Run run = new RunResults.Run(runId, started.toString(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), config.profile(), config.seed(),
                config.products(), config.recs(), environment, config.effectiveValues(), config.sources());
        return new RunResults(RunResults.SCHEMA_VERSION, run, designs);
    }

    private static List<DesignRun> active(List<DesignRun> runs) {
        return runs.stream().filter(DesignRun::active).toList();
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void guarded(DesignRun run, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            run.fail(message(e));
            Progress.say(run.name + ": failed: " + run.reason);
        }
    }

    private static String message(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return PostgresServer.mask(message);
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    /** A batch whose list stream reports progress. */
    record ProgressBatch(Batch batch, Progress progress) implements Batch {
        @Override
        public String id() {
            return batch.id();
        }

        @Override
        public int productCount() {
            return batch.productCount();
        }

        @Override
        public Stream<Product> products() {
            return batch.products();
        }

        @Override
        public Stream<SimilarityList> lists() {
            return batch.lists().peek(list -> progress.advance(1));
        }
    }
}
