package dev.schemabench.design;

import java.time.Instant;

/**
 * What a design knows about one stored batch.
 *
 * @param batchId      the batch id
 * @param state        its state
 * @param createdAt    when it was staged
 * @param activatedAt  when it was last activated, or null if never
 * @param productCount number of product lists in it
 */
public record BatchInfo(String batchId, BatchState state, Instant createdAt, Instant activatedAt, int productCount) {

    /** The lifecycle of a batch. */
    public enum BatchState {
        /**
         * Being staged, or its staging was interrupted on a database without multi-document transactions; never
         * listed and never activated.
         */
        STAGING,
        /** Stored, never activated. */
        STAGED,
        /** The batch readers see. */
        ACTIVE,
        /** Was active; a rollback may return to it. */
        INACTIVE,
        /** Was active and was rolled back from; never a rollback target again. */
        ROLLED_BACK
    }
}
