package dev.schemabench.design;

import dev.schemabench.catalog.Batch;
import java.util.List;
import java.util.Optional;

/**
 * The storage operations of one design's batch lifecycle, which {@link BatchRules} combines into stage, activate,
 * rollback and retire. An instance lives for one lifecycle change, inside the design's serialization (a transaction
 * holding an advisory lock on PostgreSQL; a lock document on MongoDB), and is used from one thread.
 */
public interface BatchStore {

    /** The batch's state, or empty when no batch has that id. */
    Optional<BatchInfo.BatchState> state(String batchId);

    /** The id of the batch readers see, if any. */
    Optional<String> activeBatchId();

    /** The batch that was active before {@code batchId} was activated, if recorded. */
    Optional<String> previousBatchId(String batchId);

    /** Every completely staged batch, newest first. */
    List<BatchInfo> list();

    /** Registers a batch about to be staged ({@link BatchInfo.BatchState#STAGING} where the store can show it). */
    void beginStage(String batchId, int productCount);

    /** The design's bulk path: writes every list of {@code batch}; returns the number of product lists written. */
    long copyLists(Batch batch);

    /** Marks a batch whose lists are all written as {@link BatchInfo.BatchState#STAGED}. */
    void completeStage(String batchId);

    /**
     * Removes what a failed stage left; a store whose change runs in one transaction has nothing to do (the
     * transaction rolls back).
     */
    void abortStage(String batchId);

    /** Makes readers see {@code to} instead of {@code from}, atomically for readers. */
    void switchReaders(Optional<String> from, String to);

    /** Sets a batch's state ({@link BatchInfo.BatchState#INACTIVE} or {@link BatchInfo.BatchState#ROLLED_BACK}). */
    void setState(String batchId, BatchInfo.BatchState state);

    /**
     * Marks {@code batchId} active now, recording {@code previousBatchId} as the batch a rollback returns to; an
     * empty previous keeps the one recorded before (a rollback's target keeps its own chain).
     */
    void markActive(String batchId, Optional<String> previousBatchId);

    /** Deletes a batch's rows, then its registration. */
    void delete(String batchId);
}
