package dev.schemabench.cli;

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
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Test-only: a design whose every read takes {@code 1 + extra} times as long as the wrapped design's, by parking the
 * reader for {@code extra} times the read's own duration after it returns. Everything else is the wrapped design's.
 * Used to prove that the gate fails a run whose reads got slower.
 */
final class SlowedReads implements StorageDesign {

    private final StorageDesign design;
    private final double extra;

    SlowedReads(StorageDesign design, double extra) {
        this.design = design;
        this.extra = extra;
    }

    private <T> T slowed(Supplier<T> read) {
        long start = System.nanoTime();
        T result = read.get();
        LockSupport.parkNanos((long) ((System.nanoTime() - start) * extra));
        return result;
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        return slowed(() -> design.similar(productId, limit));
    }

    @Override
    public SimilarJson similarJson(String productId, int limit) {
        return slowed(() -> design.similarJson(productId, limit));
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
    public boolean namespaceExists() {
        return design.namespaceExists();
    }

    @Override
    public <R> Optional<R> role(Class<R> role) {
        return design.role(role);
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
    public void vacuumAnalyze() {
        design.vacuumAnalyze();
    }

    @Override
    public boolean rebuildIndex(String indexName) {
        return design.rebuildIndex(indexName);
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
    public Optional<String> measurementRefusal() {
        return design.measurementRefusal();
    }

    @Override
    public void close() {
        design.close();
    }
}
