package dev.schemabench.design;

import dev.schemabench.catalog.Batch;
import java.util.List;
import java.util.Optional;

/**
 * The weekly batch lifecycle of a design: {@link #stage} loads a batch through the database's bulk path without
 * changing what readers see; {@link #activate} switches readers to it atomically; {@link #rollback} returns to the
 * batch that was active before; {@link #retire} deletes old batches beyond a retention count. The rules (which state
 * may follow which, which batch a rollback returns to, what retention spares) are written once in
 * {@link BatchRules}; a design supplies only its storage operations ({@link BatchStore}).
 *
 * <p>Outcomes are values (a duplicate batch, an unknown batch, nothing to roll back to); exceptions mean the database
 * failed or refused and carry a message fit for a user.
 *
 * <p>Threading: callable from any thread; lifecycle changes serialize among themselves, also across processes.
 */
public interface BatchLifecycle {

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

    /** All completely staged batches the design holds, newest first. */
    List<BatchInfo> batches();

    /** The id of the active batch, if any. */
    Optional<String> activeBatch();
}
