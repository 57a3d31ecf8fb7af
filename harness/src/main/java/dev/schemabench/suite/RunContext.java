package dev.schemabench.suite;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.db.Engines;
import dev.schemabench.db.WalMeter;
import dev.schemabench.measure.CpuMeter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What every stage of one run may use: the effective configuration, the run folder, the generated data, the servers,
 * and the results of the stages before it (read-only, typed by the stage that produced them). Used from the run's
 * thread only.
 */
public final class RunContext {

    /** The batch number every design loads and serves during the comparison. */
    public static final int BATCH_NUMBER = CompareSuite.BATCH_NUMBER;

    private final CompareConfig config;
    private final Path directory;
    private final Path schemasRoot;
    private final CatalogGenerator generator;
    private final Engines engines;
    private final Map<Stage<?>, Map<String, StageResult<?>>> results = new HashMap<>();
    private BooleanSupplier stopping = () -> false;

    RunContext(CompareConfig config, Path directory, Path schemasRoot, CatalogGenerator generator, Engines engines) {
        this.config = config;
        this.directory = directory;
        this.schemasRoot = schemasRoot;
        this.generator = generator;
        this.engines = engines;
    }

    public CompareConfig config() {
        return config;
    }

    /** The run folder: results.json, the report and every artifact go under it. */
    public Path directory() {
        return directory;
    }

    /** The {@code schemas/} folder. */
    public Path schemasRoot() {
        return schemasRoot;
    }

    /** The generated catalog every design loads and every answer is checked against. */
    public CatalogGenerator generator() {
        return generator;
    }

    /** The id of the batch the designs serve ({@link #BATCH_NUMBER}). */
    public String batchId() {
        return CatalogGenerator.defaultBatchId(BATCH_NUMBER);
    }

    /** The run's servers. */
    public Engines engines() {
        return engines;
    }

    /** The figures {@code stage} measured for {@code design}, when it ran before this one and measured them. */
    @SuppressWarnings("unchecked")
    public <R> Optional<R> figures(Stage<R> stage, String design) {
        StageResult<?> result = results.getOrDefault(stage, Map.of()).get(design);
        return result == null || !result.isMeasured() ? Optional.empty() : Optional.ofNullable((R) result.figures());
    }

    /**
     * Whether the running stage is asked to stop: every server it uses was lost. A stage that measures designs one
     * after another asks before each; the run's thread is also interrupted, which stops waits and child processes.
     */
    public boolean stopping() {
        return stopping.getAsBoolean();
    }

    void stopWhen(BooleanSupplier condition) {
        this.stopping = condition;
    }

    void record(Stage<?> stage, String design, StageResult<?> result) {
        results.computeIfAbsent(stage, key -> new HashMap<>()).put(design, result);
    }

    /** CPU ticks of the server {@code design} runs on, when it runs on this machine and its process is known. */
    public OptionalLong databaseTicks(DesignUnderTest design) {
        OptionalLong pid = design.server().serverPid();
        return pid.isPresent() ? CpuMeter.treeTicks(pid.getAsLong()) : OptionalLong.empty();
    }

    /** The WAL position of the server {@code design} runs on, or null where its engine has no WAL figure. */
    public LongSupplier walMeter(DesignUnderTest design) {
        return design.server().capability(WalMeter.class).<LongSupplier>map(meter -> meter::position).orElse(null);
    }
}
