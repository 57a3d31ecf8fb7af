package dev.schemabench.cache;

import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.ForwardingDesign;
import dev.schemabench.design.RollbackOutcome;
import dev.schemabench.design.SimilarJson;
import dev.schemabench.design.SimilarResult;

/**
 * A design as the service serves it with a cache: reads go through {@link CachedDesign}, activation and rollback too
 * (so the cache follows them at once), and everything else is the design's own ({@link ForwardingDesign}). It plays
 * the {@link CacheMetrics} role, so the service's {@code /metrics} shows hits, misses and errors. Closing it closes
 * the cache and the design. Thread-safe.
 */
public final class ServedCachedDesign extends ForwardingDesign implements CacheMetrics {

    private final CachedDesign cache;

    public ServedCachedDesign(CachedDesign cache) {
        super(cache.unwrap());
        this.cache = cache;
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

    @Override
    public void close() {
        try {
            cache.close();
        } finally {
            design.close();
        }
    }
}
