package dev.schemabench.scenarios.jmh;

import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.Membership;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.design.StorageDesign;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Staging a weekly batch: how long a design's bulk path ({@code stage}: COPY for PostgreSQL) takes to store one whole
 * batch without changing what readers see.
 *
 * <ul>
 *   <li>Operation mix: one {@code stage} of a complete batch per iteration (SingleShotTime), nothing else timed; no
 *       concurrent reads.</li>
 *   <li>Data size: {@code products} lists x {@code recs} recommendations per batch (default 10,000 x 20), staged next
 *       to an active batch and at most one older one, as in weekly operation. The time includes generating the
 *       batch in this JVM as it streams into the database, like the suite's {@code load.stage_ms}.</li>
 *   <li>Key distribution: none; every product's list is written once. Batch {@code n} is the generator's weekly batch
 *       {@code n} (about 30 % of the lists change from one week to the next).</li>
 *   <li>Rate: one batch at a time, back to back (closed loop).</li>
 * </ul>
 *
 * <p>Each iteration stages a new batch with a unique id ({@code jmh-stage-NNNN}); after the timed stage the batch is
 * activated and batches beyond the last {@value #KEEP} are retired, outside the measurement, so the data volume stays
 * steady from one iteration to the next.
 *
 * <p>Database: this benchmark writes, so it works only on a design schema it creates: by default in an embedded
 * PostgreSQL 17 it starts; with {@value BenchmarkDatabase#URL_PROPERTY} on that server, provided the design's schema
 * is absent there (it is dropped again at the end). An existing schema is refused, never changed.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Threads(1)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class BatchStageBenchmark {

    /** Batches retention keeps after each iteration: the active one and the one a rollback returns to. */
    static final int KEEP = 2;

    // JMH needs a default; the launcher passes the run's designs with -p design=NAME,... (no list to keep in step)
    @Param("jsonb")
    public String design;

    @Param("10000")
    public int products;

    @Param("20")
    public int recs;

    @Param("42")
    public long seed;

    private BenchmarkDatabase database;
    private StorageDesign storage;
    private CatalogGenerator generator;
    private boolean schemaCreatedHere;
    private int week;
    private Batch next;

    /** Creates the design's schema and activates batch 1, so every staged batch lands next to a live one. */
    @Setup(Level.Trial)
    public void open() {
        database = BenchmarkDatabase.open();
        try {
            storage = database.design(design, 2);
            if (database.namespaceExists(storage.namespace())) {
                throw new IllegalStateException(storage.namespace() + " already exists at "
                        + database.server().displayUrl() + "; BatchStageBenchmark writes batches and works only on a"
                        + " schema it creates (run it without " + BenchmarkDatabase.URL_PROPERTY
                        + " to use an embedded server)");
            }
            schemaCreatedHere = true;
            storage.ensureSchema();
            generator = new CatalogGenerator(new CatalogSpec(products, recs, seed, CatalogSpec.DEFAULT_CHURN_SHARE,
                    Membership.fromSystemProperty()));
            week = 1;
            Batch first = generator.batch(week, batchId(week));
            requireStaged(storage.stage(first), first.id());
            requireActivated(storage.activate(first.id()), first.id());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The next weekly batch, with an id no earlier iteration used. Generated lazily, as it streams in. */
    @Setup(Level.Iteration)
    public void nextBatch() {
        week++;
        next = generator.batch(week, batchId(week));
    }

    /** The measured operation: one whole batch through the bulk path. */
    @Benchmark
    public StageOutcome stage() {
        StageOutcome outcome = storage.stage(next);
        requireStaged(outcome, next.id());
        return outcome;
    }

    /** Untimed: makes the batch live and retires old ones, as the weekly refresh would. */
    @TearDown(Level.Iteration)
    public void activateAndRetire() {
        requireActivated(storage.activate(next.id()), next.id());
        storage.retire(KEEP);
    }

    @TearDown(Level.Trial)
    public void close() {
        try {
            if (storage != null) {
                if (schemaCreatedHere && database.external()) {
                    storage.dropSchema();
                }
                storage.close();
            }
        } finally {
            storage = null;
            if (database != null) {
                database.close();
                database = null;
            }
        }
    }

    private static String batchId(int week) {
        return String.format(Locale.ROOT, "jmh-stage-%04d", week);
    }

    private static void requireStaged(StageOutcome outcome, String batchId) {
        if (!(outcome instanceof StageOutcome.Staged)) {
            throw new IllegalStateException("stage of " + batchId + " returned " + outcome);
        }
    }

    private static void requireActivated(ActivationOutcome outcome, String batchId) {
        if (outcome != ActivationOutcome.ACTIVATED) {
            throw new IllegalStateException("activation of " + batchId + " returned " + outcome);
        }
    }
}
