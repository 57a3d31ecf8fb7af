package dev.schemabench.design;

import dev.schemabench.catalog.Batch;
import java.util.List;
import java.util.Optional;

/**
 * A design that hands every call to another one: the base of decorators that change one role and keep the rest, such
 * as a cache in front of the reads or a test's slowed reads. The name, namespace and data stay the wrapped design's;
 * {@link #role} answers for this object first, then for the wrapped design. Closing it closes the wrapped design.
 */
public abstract class ForwardingDesign implements StorageDesign {

    /** The design calls go to. */
    protected final StorageDesign design;

    protected ForwardingDesign(StorageDesign design) {
        this.design = design;
    }

    @Override
    public <R> Optional<R> role(Class<R> role) {
        return role.isInstance(this) ? Optional.of(role.cast(this)) : design.role(role);
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        return design.similar(productId, limit);
    }

    @Override
    public SimilarJson similarJson(String productId, int limit) {
        return design.similarJson(productId, limit);
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
    public StageOutcome stage(Batch batch) {
        return design.stage(batch);
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
