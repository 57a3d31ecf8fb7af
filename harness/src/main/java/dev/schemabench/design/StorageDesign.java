package dev.schemabench.design;

import dev.schemabench.catalog.Batch;
import java.util.List;
import java.util.Optional;

/**
 * One storage design for the "customers also viewed" service: the same small set of verbs for every design, so the
 * service, the equivalence check and the measurements never know which one they drive.
 *
 * <p>Lifecycle: {@link #ensureSchema()} before anything else; {@link #dropSchema()} removes only what the design
 * created. A design works in its own namespace (a PostgreSQL schema, a MongoDB database) and refuses one of that
 * name it did not create.
 *
 * <p>Batches: {@link #stage} loads a batch through the database's bulk path without changing what readers see;
 * {@link #activate} switches readers to it atomically; {@link #rollback} returns to the batch that was active before;
 * {@link #retire} deletes old batches beyond a retention count.
 *
 * <p>Expected outcomes (an unknown product, an unknown batch, nothing to roll back to) are values. Exceptions mean
 * the database failed or refused, and carry a message fit for a user.
 *
 * <p>Threading: one instance per design per process. {@link #similar} is thread-safe and is called concurrently;
 * the other verbs may be called from any thread and serialize among themselves. Designs never time themselves:
 * measurement wraps them.
 */
public interface StorageDesign extends AutoCloseable {

    /** The registered name, for example {@code jsonb}. */
    String name();

    /** The namespace the design owns, for example the schema {@code schemabench_jsonb}. */
    String namespace();

    /** Creates the namespace, tables and indexes if absent; keeps an existing one the design created. */
    void ensureSchema();

    /** Drops the namespace if this design created it; does nothing if it is absent. */
    void dropSchema();

    /** Loads {@code batch} through the bulk path, all or nothing, leaving the active batch untouched. */
    StageOutcome stage(Batch batch);

    /** Makes {@code batchId} the batch every reader sees, atomically. */
    ActivationOutcome activate(String batchId);

    /** Makes the batch that was active before the current one active again. */
    RollbackOutcome rollback();

    /**
     * Deletes batches beyond the {@code keep} most recent ones; the active batch and the batch a rollback would return
     * to are never deleted.
     *
     * @return the ids of the batches deleted
     */
    List<String> retire(int keep);

    /** All batches the design holds, newest first. */
    List<BatchInfo> batches();

    /** The id of the active batch, if any. */
    Optional<String> activeBatch();

    /** The ranked list of {@code productId} from the active batch, at most {@code limit} items. */
    SimilarResult similar(String productId, int limit);

    /**
     * The same read as {@link #similar}, with the items as JSON text ready to send. A design that stores the list as
     * JSON overrides this to pass the stored text through; the default serializes {@link #similar}'s items. Same
     * threading as {@link #similar}.
     */
    default SimilarJson similarJson(String productId, int limit) {
        return SimilarJson.of(similar(productId, limit));
    }

    /** Bytes on disk per table (or collection): heap, TOAST and each index, as they are now. */
    Footprint footprint();

    /** Reclaims space left by deleted and updated rows and refreshes statistics ({@code VACUUM ANALYZE}). */
    void cleanup();

    /**
     * Rebuilds one index (one of {@link Footprint#indexes()}) from the stored data.
     *
     * @return false when the database cannot rebuild that index by itself (MongoDB's {@code _id} index)
     */
    boolean rebuildIndex(String indexName);

    /**
     * Why figures measured on this design must not be published, or empty when they may. A design connected to
     * something that only imitates its database (for example an in-process MongoDB wire-protocol server) still
     * answers reads, so its answers can be checked, but its latency and sizes describe the imitation.
     */
    default Optional<String> measurementRefusal() {
        return Optional.empty();
    }

    /** Drops the secondary indexes (those of {@code indexes.sql}); readers may slow down until they are back. */
    void dropSecondaryIndexes();

    /** Creates the secondary indexes that are missing. */
    void createSecondaryIndexes();

    /** The database's executed plan of the read for {@code productId}, as JSON with buffer counts. */
    ReadPlan readPlan(String productId, int limit);

    /** The server's version and the settings that shape its performance. */
    ServerInfo serverInfo();

    /** Releases connections; the data stays. */
    @Override
    void close();
}
