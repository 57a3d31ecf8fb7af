package dev.schemabench.cache;

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

/**
 * A design as the service serves it with a cache: reads go through {@link CachedDesign}, activation and rollback too
 * (so the cache follows them at once), and everything else is the design's own. It plays the {@link CacheMetrics}
 * role, so the service's {@code /metrics} shows hits, misses and errors. Closing it closes the cache and the design.
 * Thread-safe.
 */
public final class ServedCachedDesign implements StorageDesign, CacheMetrics {

    private final CachedDesign cache;
    private final StorageDesign design;

    public ServedCachedDesign(CachedDesign cache) {
        this.cache = cache;
        this.design = cache.unwrap();
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        return cache.similar(productId, limit);
    }

    @Override
    public SimilarJson similarJson(String productId, int limit) {
        return cache.similarJson(productId, limit);
    }

    @Override
    public ActivationOutcome activate(String batchId) {
        return cache.activate(batchId);
    }

    @Override
    public RollbackOutcome rollback() {
        return cache.rollback();
    }

    @Override
    public String prometheusText() {
        CachedDesign.CacheStats stats = cache.stats();
        String labels = "{kind=\"" + cache.settings().kind().id() + "\",policy=\"" + cache.settings().policy().id()
                + "\"}";
        return "# HELP schemabench_cache_hits_total Reads answered from the cache, with no database call.\n"
                + "# TYPE schemabench_cache_hits_total counter\n"
                + "schemabench_cache_hits_total" + labels + " " + stats.hits() + "\n"
                + "# HELP schemabench_cache_misses_total Reads answered by the database.\n"
                + "# TYPE schemabench_cache_misses_total counter\n"
                + "schemabench_cache_misses_total" + labels + " " + stats.misses() + "\n"
                + "# HELP schemabench_cache_errors_total Cache operations that failed (the read fell through).\n"
                + "# TYPE schemabench_cache_errors_total counter\n"
                + "schemabench_cache_errors_total" + labels + " " + stats.errors() + "\n"
                + "# HELP schemabench_cache_available 1 while the cache store answers.\n"
                + "# TYPE schemabench_cache_available gauge\n"
                + "schemabench_cache_available" + labels + " " + (cache.store().available() ? 1 : 0) + "\n";
    }

    /** This layer's roles ({@link CacheMetrics}), else the design's own. */
    @Override
    public <R> Optional<R> role(Class<R> role) {
        return role.isInstance(this) ? Optional.of(role.cast(this)) : design.role(role);
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
        try {
            cache.close();
        } finally {
            design.close();
        }
    }
}
