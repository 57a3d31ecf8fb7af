package dev.schemabench.suite;

import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.BatchDigest;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.Product;
import dev.schemabench.catalog.SimilarityList;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.db.DatabaseServer;
import dev.schemabench.db.Engines;
import dev.schemabench.db.MongoHandle;
import dev.schemabench.db.MongoProvisioner;
import dev.schemabench.db.PostgresHandle;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.DesignContext;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.design.DesignUnavailableException;
import dev.schemabench.design.SchemaFiles;
import dev.schemabench.design.ServerInfo;
import dev.schemabench.internal.Progress;
import dev.schemabench.measure.MeasuredDesign;
import dev.schemabench.report.ReportWriter;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The comparison: the selected designs, then the run's stages ({@link Stages#standard}) one after another over the
 * designs still measured, then {@code results.json} and the report. A design that cannot run is reported as skipped
 * with the reason; one that fails is reported as failed with the reason and whatever was measured before, and the
 * stages after its failure are recorded as not run for it. Not thread-safe; one run per instance.
 */
public final class CompareSuite {

    /** The batch number every design loads and serves during the comparison. */
    static final int BATCH_NUMBER = 1;
    /** Throw-away batches of the bulk calibration; ids of one length, so both sides send the same bytes. */
    static final String BULK_CALIBRATION_HARNESS = "calib-bulk-h";
    static final String BULK_CALIBRATION_PSQL = "calib-bulk-p";

    /** How long a server that a failure makes suspect is given to answer before it counts as lost. */
    private static final java.time.Duration LOST_SERVER_PROBE = java.time.Duration.ofSeconds(2);

    private final CompareConfig config;
    private final Engines engines;
    private final Path schemasRoot;
    private final List<Stage<?>> stages;
    private boolean keepData;
    private volatile ServerWatch watch;

    /**
     * @param config      the effective configuration
     * @param engines     the servers, provisioned on first use (only engines some selected design uses)
     * @param schemasRoot the {@code schemas/} folder
     */
    public CompareSuite(CompareConfig config, Engines engines, Path schemasRoot) {
        this.config = config;
        this.engines = engines;
        this.schemasRoot = schemasRoot;
        this.stages = Stages.standard();
    }

    /**
     * @param config           the effective configuration
     * @param postgresProvider provisions PostgreSQL on first use (only when a selected design needs it)
     * @param mongoProvider    provides MongoDB on first use, or throws {@link DesignUnavailableException}
     * @param schemasRoot      the {@code schemas/} folder
     */
    public CompareSuite(CompareConfig config, Supplier<? extends PostgresHandle> postgresProvider,
                        Supplier<MongoHandle> mongoProvider, Path schemasRoot) {
        this(config, Engines.of(postgresProvider, mongoProvider), schemasRoot);
    }

    /** A suite whose MongoDB comes from {@code MONGO_URI}, Docker or a mongod on PATH. */
    public CompareSuite(CompareConfig config, Supplier<? extends PostgresHandle> postgresProvider, Path schemasRoot) {
        this(config, postgresProvider, () -> MongoProvisioner.provision(null), schemasRoot);
    }

    /** A run's outcome: the results written and where. */
    public record Outcome(RunResults results, Path directory) {

        public boolean anyFailed() {
            return results.designs().stream().anyMatch(design -> RunResults.FAILED.equals(design.status()));
        }
    }

    /**
     * Provisions the servers the selected designs need, except those a design may be skipped without (an engine whose
     * provisioning says it is unavailable here). Call before {@link #run} so that an unusable server is reported as
     * bad input before anything is written.
     */
    public void provision() {
        for (String engine : selectedEngines()) {
            try {
                boolean known = engines.provisioned().stream().anyMatch(server -> server.engine().equals(engine));
                DatabaseServer server = engines.server(engine);
                if (!known) {
                    Progress.say(server.engine() + " ready at " + server.displayUrl() + " (" + server.origin() + ")");
                }
            } catch (DesignUnavailableException e) {
                // Reported per design when the run builds it.
            }
        }
    }

    private List<String> selectedEngines() {
        return config.designs().stream().map(name -> DesignRegistry.find(name).orElseThrow().engine()).distinct()
                .toList();
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
                new CatalogSpec(config.products(), config.recs(), config.seed(), config.churn(), config.membership()));
        RunContext context = new RunContext(config, directory, schemasRoot, generator, engines);
        Map<String, DesignResults> results = new LinkedHashMap<>();
        List<DesignUnderTest> designs = new ArrayList<>();
        Map<String, Object> environment = new LinkedHashMap<>();
        try {
            provision();
            designs.addAll(create(results));
            watch = new ServerWatch(designs.stream().map(DesignUnderTest::server).distinct().toList());
            context.stopWhen(watch::stopping);
            for (Stage<?> stage : stages) {
                runStage(stage, context, designs, results);
            }
            environment = environment(generator, designs);
            DesignComparisons.compute(directory, results);
        } finally {
            if (watch != null) {
                watch.close();
            }
            for (DesignUnderTest design : designs) {
                release(design);
            }
        }
        RunResults written = new RunResults(RunResults.SCHEMA_VERSION, new RunResults.Run(runId, started.toString(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), config.profile(), config.seed(),
                config.products(), config.recs(), environment, config.effectiveValues(), config.sources()),
                results.values().stream().map(DesignResults::build).toList());
        ResultsFile.write(directory, written);
        ReportWriter.write(directory.resolve(ResultsFile.NAME));
        return new Outcome(written, directory);
    }

    /** Builds every selected design; one that cannot run here is recorded as skipped with the reason. */
    private List<DesignUnderTest> create(Map<String, DesignResults> results) {
        DesignContext designContext = new DesignContext(schemasRoot, config.pool(), engines);
        List<DesignUnderTest> designs = new ArrayList<>();
        for (String name : config.designs()) {
            DesignRegistry.Entry entry = DesignRegistry.find(name).orElseThrow();
            DesignResults result = new DesignResults(name, entry.description());
            results.put(name, result);
            try {
                dev.schemabench.design.StorageDesign design = entry.factory().create(designContext);
                designs.add(new DesignUnderTest(name, entry.description(), design, new MeasuredDesign(design),
                        engines.server(entry.engine())));
            } catch (DesignUnavailableException e) {
                result.status = RunResults.SKIPPED;
                result.reason = e.getMessage();
                Progress.say(name + ": skipped: " + e.getMessage());
            } catch (RuntimeException e) {
                result.status = RunResults.FAILED;
                result.reason = PerDesignStage.message(e);
            }
        }
        return designs;
    }

    /** Runs one stage over the designs still measured and writes what it gave each design into its results. */
    private <R> void runStage(Stage<R> stage, RunContext context, List<DesignUnderTest> designs,
                              Map<String, DesignResults> results) {
        for (DesignUnderTest design : designs) {
            DesignResults result = results.get(design.name());
            watch.loss(design.server()).filter(loss -> RunResults.MEASURED.equals(result.status)).ifPresent(loss -> {
                result.status = RunResults.FAILED;
                result.reason = loss.reason();
            });
        }
        List<DesignUnderTest> measured = designs.stream()
                .filter(design -> RunResults.MEASURED.equals(results.get(design.name()).status)).toList();
        for (DesignResults result : results.values()) {
            if (!RunResults.MEASURED.equals(result.status)) {
                result.stages.put(stage.name(), new RunResults.StageStatus("not_run", "the design "
                        + result.status + " before this stage"));
            }
        }
        if (measured.isEmpty()) {
            return;
        }
        Map<String, StageResult<R>> outcomes = new LinkedHashMap<>();
        watch.stageStarted(stage.name(), measured.stream().map(DesignUnderTest::server)
                .collect(java.util.stream.Collectors.toSet()));
        try {
            stage.skipReason(context).ifPresentOrElse(reason -> {
                Progress.say(reason);
                measured.forEach(design -> outcomes.put(design.name(), StageResult.notMeasured(reason)));
            }, () -> outcomes.putAll(stage.run(context, measured)));
        } catch (RuntimeException e) {
            if (measured.stream().noneMatch(design -> watch.loss(design.server()).isPresent())) {
                throw e;
            }
        } finally {
            watch.stageEnded();
        }
        for (DesignUnderTest design : measured) {
            Optional<ServerWatch.Loss> loss = watch.loss(design.server());
            StageResult<R> outcome = loss.<StageResult<R>>map(lost -> StageResult.failed(lost.reason()))
                    .orElseGet(() -> outcomes.getOrDefault(design.name(),
                            StageResult.notMeasured(stage.name() + " gave no figures for this design")));
            context.record(stage, design.name(), outcome);
            DesignResults result = results.get(design.name());
            stage.write(outcome, result);
            result.stages.put(stage.name(), new RunResults.StageStatus(
                    outcome.status().name().toLowerCase(Locale.ROOT), outcome.reason()));
            if (loss.isPresent()) {
                result.status = RunResults.FAILED;
                result.reason = outcome.reason();
            } else if (outcome.status() == StageResult.Status.FAILED) {
                result.status = RunResults.FAILED;
                result.reason = outcome.reason();
                Progress.say(design.name() + ": failed: " + outcome.reason());
            } else if (outcome.status() == StageResult.Status.EXCLUDED) {
                result.status = RunResults.SKIPPED;
                result.reason = outcome.reason();
            }
        }
        failDesignsOnLostServers(stage, measured, results);
    }

    /**
     * After a stage in which designs failed: a server that no longer answers fails every design on it, with a reason
     * naming the server, when it was found lost and in which stage, so that no later stage runs against a dead server.
     */
    private void failDesignsOnLostServers(Stage<?> stage, List<DesignUnderTest> measured,
                                          Map<String, DesignResults> results) {
        List<DatabaseServer> suspects = measured.stream()
                .filter(design -> RunResults.FAILED.equals(results.get(design.name()).status))
                .map(DesignUnderTest::server).distinct()
                .filter(server -> watch.loss(server).isEmpty()).toList();
        for (DatabaseServer server : suspects) {
            if (server.answers(LOST_SERVER_PROBE)) {
                continue;
            }
            String lost = watch.lost(server, stage.name()).reason();
            Progress.say(lost + "; the stages after it do not run for the designs on it");
            for (DesignUnderTest design : measured) {
                DesignResults result = results.get(design.name());
                if (design.server() == server) {
                    result.reason = RunResults.FAILED.equals(result.status) ? lost + ": " + result.reason : lost;
                    result.status = RunResults.FAILED;
                }
            }
        }
    }

    /** Drops a design's namespace when its server outlives the run (unless asked to keep it) and closes it. */
    private void release(DesignUnderTest design) {
        boolean lost = watch != null && watch.loss(design.server()).isPresent();
        try {
            if (!keepData && !lost && design.server().outlivesRun()) {
                design.design().dropSchema();
            }
        } catch (RuntimeException e) {
            Progress.say(design.name() + ": could not drop " + design.design().namespace() + ": "
                    + PerDesignStage.message(e));
        }
        try {
            design.design().close();
        } catch (RuntimeException e) {
            // Closing a pool of a dead server must not hide the run's results.
        }
    }

    /** The name of the stage running now, or null before, between and after stages. */
    public String currentStage() {
        ServerWatch running = watch;
        return running == null ? null : running.currentStage();
    }

    /** Stops the servers {@link #provision} and the designs' first use started. */
    public void close() {
        engines.close();
    }

    private Map<String, Object> environment(CatalogGenerator generator, List<DesignUnderTest> designs) {
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
        for (DatabaseServer server : engines.provisioned()) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("origin", server.origin());
            info.put(server.engine().equals(Engines.MONGODB) ? "uri" : "url", server.displayUrl());
            Optional<ServerWatch.Loss> loss = watch == null ? Optional.empty() : watch.loss(server);
            if (loss.isPresent()) {
                info.put("version", null);
                info.put("unavailable_because", loss.get().reason());
            } else {
                designs.stream().filter(design -> design.server() == server).findFirst()
                        .ifPresent(design -> describeServer(design, info));
            }
            environment.put(environmentKey(server.engine()), info);
        }
        Batch batch = generator.batch(BATCH_NUMBER);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("generator", "CatalogGenerator");
        data.put("seed", config.seed());
        data.put("products", config.products());
        data.put("recs_per_product", config.recs());
        data.put("churn", config.churn());
        data.put("membership", generator.spec().membership().key());
        data.put("batch_id", batch.id());
        data.put("batch_sha256", BatchDigest.sha256(batch));
        data.put("key_distribution", "zipfian " + ZipfianKeys.DEFAULT_CONSTANT + ", popularity ranks scattered");
        environment.put("data", data);
        Map<String, Object> schemaHashes = new LinkedHashMap<>();
        for (String name : config.designs()) {
            try {
                schemaHashes.put(name, SchemaFiles.load(schemasRoot, name).fileHashes());
            } catch (RuntimeException e) {
                schemaHashes.put(name, null);
            }
        }
        environment.put("schema_files", schemaHashes);
        return environment;
    }

    private static void describeServer(DesignUnderTest design, Map<String, Object> info) {
        try {
            ServerInfo serverInfo = design.design().serverInfo();
            info.put("version", serverInfo.version());
            info.put("settings", serverInfo.settings());
        } catch (RuntimeException e) {
            info.put("version", null);
            info.put("unavailable_because", PerDesignStage.message(e));
        }
    }

    /** The fingerprint's key for an engine's server, as results files have always spelled it. */
    private static String environmentKey(String engine) {
        return switch (engine) {
            case Engines.POSTGRESQL -> "postgres";
            default -> engine;
        };
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
