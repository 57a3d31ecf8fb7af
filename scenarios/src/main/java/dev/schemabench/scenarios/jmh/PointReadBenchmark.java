package dev.schemabench.scenarios.jmh;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.Membership;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.BatchInfo;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.design.EquivalenceCheck;
import java.util.Optional;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Storage-level point reads: how long one {@code similar(productId, 10)} takes through a design's own driver code.
 *
 * <ul>
 *   <li>Operation mix: 100 % point reads of one product's "customers also viewed" list, {@value #LIMIT} items, from
 *       the active batch.</li>
 *   <li>Data size: {@code products} products x {@code recs} recommendations (default 10,000 x 20), one weekly batch
 *       (batch 1 of {@link CatalogGenerator} with {@code seed}) active.</li>
 *   <li>Key distribution: Zipfian (0.99, {@link ZipfianKeys}) with the hottest products scattered over the catalog;
 *       thread {@code i} reads the sequence of seed {@code seed + i}, so thread 0 reads exactly the suite's
 *       sequence.</li>
 *   <li>Rate: none. JMH's SampleTime mode is a <b>closed loop</b>: each thread issues its next read when the previous
 *       one returns, so throughput adapts to latency and a stall delays the reads behind it instead of being charged
 *       to them (coordinated omission). Its percentiles describe service time under {@code threads} concurrent
 *       readers, not the response time users see at a fixed arrival rate; that is what the suite's open-model
 *       storage-level measurement ({@code storage_level} in results.json) reports.</li>
 * </ul>
 *
 * <p>Database: with {@value BenchmarkDatabase#URL_PROPERTY} (or {@value BenchmarkDatabase#URL_ENV}) the trial uses
 * that server. A design schema that is already loaded there is used as it is when its active batch is batch 1 of
 * this spec (checked against the generated data); one that holds other data is refused, never dropped. An absent
 * schema is created, loaded and dropped again at the end of the trial. Without a URL the trial starts an embedded
 * PostgreSQL 17 and loads batch 1 through the design's own {@code stage} and {@code activate}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Threads(4)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
public class PointReadBenchmark {

    /** Items asked for per read: the service's default. */
    public static final int LIMIT = 10;

    /** Keys generated per thread before the trial; the sequence repeats after that many reads. */
    static final int KEYS_PER_THREAD = 1 << 16;

    /** The batch the suite loads and every design serves. */
    static final int BATCH_NUMBER = 1;

    /** Products compared with the generated truth before an already loaded schema is used. */
    private static final int CHECK_SAMPLE = 20;

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
    private boolean schemaCreatedHere;

    /** Opens the server and makes sure the design serves batch 1 of this spec. */
    @Setup(Level.Trial)
    public void open(BenchmarkParams params) {
        database = BenchmarkDatabase.open();
        try {
            storage = database.design(design, Math.max(1, params.getThreads()));
            schemaCreatedHere = !database.namespaceExists(storage.namespace());
            CatalogGenerator generator = new CatalogGenerator(
                    new CatalogSpec(products, recs, seed, CatalogSpec.DEFAULT_CHURN_SHARE,
                    Membership.fromSystemProperty()));
            if (schemaCreatedHere) {
                load(generator);
            } else {
                requireSpec(generator);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void load(CatalogGenerator generator) {
        storage.ensureSchema();
        String batchId = CatalogGenerator.defaultBatchId(BATCH_NUMBER);
        StageOutcome staged = storage.stage(generator.batch(BATCH_NUMBER, batchId));
        if (!(staged instanceof StageOutcome.Staged)) {
            throw new IllegalStateException("stage of " + batchId + " returned " + staged);
        }
        ActivationOutcome activated = storage.activate(batchId);
        if (activated != ActivationOutcome.ACTIVATED) {
            throw new IllegalStateException("activation of " + batchId + " returned " + activated);
        }
    }

    /** An existing schema (for example the suite's) is used only when it serves exactly this spec's batch 1. */
    private void requireSpec(CatalogGenerator generator) {
        String where = storage.namespace() + " at " + database.server().displayUrl();
        Optional<String> active = storage.activeBatch();
        if (active.isEmpty()) {
            throw new IllegalStateException(where + " has no active batch; it is not this benchmark's to load");
        }
        int held = storage.batches().stream().filter(batch -> batch.batchId().equals(active.get()))
                .mapToInt(BatchInfo::productCount).findFirst().orElse(-1);
        if (held != products) {
            throw new IllegalStateException(where + " serves batch " + active.get() + " with " + held
                    + " products, not " + products + "; it is left as it is");
        }
        Optional<String> difference = new EquivalenceCheck(generator, CHECK_SAMPLE)
                .check(storage, BATCH_NUMBER, active.get(), LIMIT);
        if (difference.isPresent()) {
            throw new IllegalStateException(where + " does not serve batch " + BATCH_NUMBER + " of products="
                    + products + ", recs=" + recs + ", seed=" + seed + " (" + difference.get()
                    + "); it is left as it is");
        }
    }

    /** Drops the schema only if this trial created it, then releases connections and the embedded server. */
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

    /** Each thread's own slice of the Zipfian key sequence, generated before the trial so reads time only reads. */
    @State(Scope.Thread)
    public static class Keys {

        private String[] keys;
        private int next;

        @Setup(Level.Trial)
        public void generate(PointReadBenchmark benchmark, ThreadParams thread) {
            ZipfianKeys sequence = new ZipfianKeys(benchmark.products, ZipfianKeys.DEFAULT_CONSTANT,
                    benchmark.seed + thread.getThreadIndex());
            keys = sequence.nextProductIds(KEYS_PER_THREAD);
        }

        String next() {
            String key = keys[next];
            next = (next + 1) & (KEYS_PER_THREAD - 1);
            return key;
        }
    }

    /** One read; the result goes back to JMH, so it is consumed and the read cannot be optimized away. */
    @Benchmark
    public SimilarResult similar(Keys keys) {
        return storage.similar(keys.next(), LIMIT);
    }
}
