package dev.schemabench.cache;

import dev.schemabench.catalog.StoredList;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.DesignReads;
import dev.schemabench.design.RollbackOutcome;
import dev.schemabench.design.SimilarJson;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StorageDesign;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cache-aside in front of any design's reads: a read asks the {@link CacheStore} first and, on a miss, the design,
 * then stores the answer. A hit makes no database call at all, not even for the active batch: under
 * {@link CachePolicy#VERSIONED} the key carries the batch the {@link BatchWatch} believes active, learned at once
 * when this layer activates or rolls back ({@link #activate}, {@link #rollback}) and every check interval otherwise;
 * under {@link CachePolicy#TTL} the key carries no version and entries expire. "No batch is active" is never cached; an
 * unknown product is. A store that is down turns every read into a miss answered by the design, never into a failed
 * read.
 *
 * <p>It decorates the read role only, like {@code measure.MeasuredDesign}: everything else is the design's own
 * ({@link #unwrap()}). Thread-safe.
 */
public final class CachedDesign implements DesignReads, AutoCloseable {

    private static final byte FOUND = 'F';
    private static final byte NOT_FOUND = 'N';

    private final StorageDesign design;
    private final CacheStore store;
    private final CacheSettings settings;
    private final BatchWatch watch;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** Wraps {@code design}; the cache owns {@code store} from now on and closes it with itself. */
    public CachedDesign(StorageDesign design, CacheStore store, CacheSettings settings) {
        this.design = design;
        this.store = store;
        this.settings = settings;
        this.watch = new BatchWatch(design::activeBatch, settings.checkInterval());
    }

    /** The design behind the cache. */
    public StorageDesign unwrap() {
        return design;
    }

    /** The cache's settings. */
    public CacheSettings settings() {
        return settings;
    }

    /** The store answers are kept in. */
    public CacheStore store() {
        return store;
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        SimilarJson answer = similarJson(productId, limit);
        if (answer instanceof SimilarJson.Found found) {
            return new SimilarResult.Found(found.productId(), found.batchId(), new StoredList(found.items(), limit));
        }
        if (answer instanceof SimilarJson.NotFound notFound) {
            return new SimilarResult.NotFound(notFound.productId());
        }
        return new SimilarResult.NoActiveBatch();
    }

    @Override
    public SimilarJson similarJson(String productId, int limit) {
        String version = settings.policy() == CachePolicy.VERSIONED ? watch.active() : "";
        if (version != null) {
            byte[] cached = store.get(key(version, productId, limit));
            if (cached != null) {
                hits.increment();
                return decode(productId, cached);
            }
        }
        misses.increment();
        SimilarJson answer = design.similarJson(productId, limit);
        if (answer instanceof SimilarJson.Found found) {
            String keyVersion = settings.policy() == CachePolicy.VERSIONED ? found.batchId() : "";
            store.put(key(keyVersion, productId, limit), encode(found));
        } else if (answer instanceof SimilarJson.NotFound && version != null) {
            store.put(key(version, productId, limit), new byte[] {NOT_FOUND});
        }
        return answer;
    }

    private static String key(String version, String productId, int limit) {
        return version + ':' + limit + ':' + productId;
    }

    private static byte[] encode(SimilarJson.Found found) {
        byte[] batch = found.batchId().getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[2 + batch.length + found.items().length];
        value[0] = FOUND;
        value[1] = (byte) batch.length;
        System.arraycopy(batch, 0, value, 2, batch.length);
        System.arraycopy(found.items(), 0, value, 2 + batch.length, found.items().length);
        return value;
    }

    private static SimilarJson decode(String productId, byte[] value) {
        if (value[0] == NOT_FOUND) {
            return new SimilarJson.NotFound(productId);
        }
        int batchLength = value[1] & 0xFF;
        String batchId = new String(value, 2, batchLength, StandardCharsets.UTF_8);
        byte[] items = java.util.Arrays.copyOfRange(value, 2 + batchLength, value.length);
        return new SimilarJson.Found(productId, batchId, items);
    }

    /** Activates {@code batchId} on the design; on success the cache serves keys of the new batch at once. */
    public ActivationOutcome activate(String batchId) {
        ActivationOutcome outcome = design.activate(batchId);
        if (outcome == ActivationOutcome.ACTIVATED) {
            watch.learned(batchId);
        }
        return outcome;
    }

    /** Rolls the design back; on success the cache serves keys of the batch returned to at once. */
    public RollbackOutcome rollback() {
        RollbackOutcome outcome = design.rollback();
        if (outcome instanceof RollbackOutcome.RolledBack back) {
            watch.learned(back.activeBatchId());
        }
        return outcome;
    }

    /** The batch the cache believes active now. */
    public String believedActiveBatch() {
        return watch.active();
    }

    /** Counts so far. */
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), store.errors());
    }

    /** Empties the store and resets nothing else. */
    public void clear() {
        store.clear();
    }

    @Override
    public void close() {
        watch.close();
        store.close();
    }

    /**
     * Counts of a cache's reads.
     *
     * @param hits   reads answered from the store, with no database call
     * @param misses reads that went to the database (each one database read)
     * @param errors store operations that failed (Redis unreachable); each such read was a miss
     */
    public record CacheStats(long hits, long misses, long errors) {

        /** Hits over all reads, or 0 before any read. */
        public double hitRatio() {
            long reads = hits + misses;
            return reads == 0 ? 0 : (double) hits / reads;
        }

        /** The counts since {@code earlier}. */
        public CacheStats since(CacheStats earlier) {
            return new CacheStats(hits - earlier.hits, misses - earlier.misses, errors - earlier.errors);
        }
    }
}
