package dev.schemabench.measure;

import dev.schemabench.catalog.Batch;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.BatchInfo;
import dev.schemabench.design.Footprint;
import dev.schemabench.design.ReadPlan;
import dev.schemabench.design.RollbackOutcome;
import dev.schemabench.design.ServerInfo;
import dev.schemabench.design.SimilarJson;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.design.StorageDesign;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Wraps any design and records each read's latency, in nanoseconds, from its intended start ({@link IntendedStart})
 * to its return, into an HdrHistogram {@link Recorder} (wait-free on the read path): the storage level. Failed reads
 * are counted, not recorded. Thread-safe; the wrapped design never times itself.
 */
public final class MeasuredDesign implements StorageDesign, MeasuredReads {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final StorageDesign design;
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final LongAdder errors = new LongAdder();

    public MeasuredDesign(StorageDesign design) {
        this.design = design;
    }

    /** The design being measured. */
    public StorageDesign unwrap() {
        return design;
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        long start = IntendedStart.take(System.nanoTime());
        SimilarResult result;
        try {
            result = design.similar(productId, limit);
        } catch (RuntimeException e) {
            errors.increment();
            throw e;
        }
        recorder.recordValue(Math.max(0, System.nanoTime() - start));
        return result;
    }

    @Override
    public SimilarJson similarJson(String productId, int limit) {
        long start = IntendedStart.take(System.nanoTime());
        SimilarJson result;
        try {
            result = design.similarJson(productId, limit);
        } catch (RuntimeException e) {
            errors.increment();
            throw e;
        }
        recorder.recordValue(Math.max(0, System.nanoTime() - start));
        return result;
    }

    @Override
    public Histogram intervalHistogram(Histogram recycle) {
        return recorder.getIntervalHistogram(recycle);
    }

    /** Failed reads so far. */
    public long errors() {
        return errors.sum();
    }

    @Override
    public String name() {
        return design.name();
    }

    @Override
    public String namespace() {
        return design.namespace();
    }

    @Override
    public void ensureSchema() {
        design.ensureSchema();
    }

    @Override
    public void dropSchema() {
        design.dropSchema();
    }

    @Override
    public StageOutcome stage(Batch batch) {
        return design.stage(batch);
    }

    @Override
    public ActivationOutcome activate(String batchId) {
        return design.activate(batchId);
    }

    @Override
    public RollbackOutcome rollback() {
        return design.rollback();
    }

    @Override
    public List<String> retire(int keep) {
        return design.retire(keep);
    }

    @Override
    public List<BatchInfo> batches() {
        return design.batches();
    }

    @Override
    public Optional<String> activeBatch() {
        return design.activeBatch();
    }

    @Override
    public Footprint footprint() {
        return design.footprint();
    }

    @Override
    public void cleanup() {
        design.cleanup();
    }

    @Override
    public boolean rebuildIndex(String indexName) {
        return design.rebuildIndex(indexName);
    }

    @Override
    public Optional<String> measurementRefusal() {
        return design.measurementRefusal();
    }

    @Override
    public void dropSecondaryIndexes() {
        design.dropSecondaryIndexes();
    }

    @Override
    public void createSecondaryIndexes() {
        design.createSecondaryIndexes();
    }

    @Override
    public ReadPlan readPlan(String productId, int limit) {
        return design.readPlan(productId, limit);
    }

    @Override
    public ServerInfo serverInfo() {
        return design.serverInfo();
    }

    @Override
    public void close() {
        design.close();
    }
}
