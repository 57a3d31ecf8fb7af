package dev.schemabench.design;

import dev.schemabench.catalog.Batch;
import dev.schemabench.design.BatchInfo.BatchState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The batch lifecycle's rules, written once for every design over {@link BatchState}: a batch is staged once under a
 * new id, activation switches readers to a completely staged batch and records the batch it replaced, a rollback
 * returns to that batch only while it is still {@link BatchState#INACTIVE}, and retention spares the active batch and
 * the rollback target. Each design supplies its storage operations as a {@link BatchStore} and calls these inside its
 * own serialization. Stateless.
 */
public final class BatchRules {

    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_.-]{1,50}");

    private BatchRules() {
    }

    /** Refuses a batch id that is not 1 to 50 letters, digits, '_', '.' or '-'. */
    public static void requireBatchId(String batchId) {
        if (batchId == null || !BATCH_ID.matcher(batchId).matches()) {
            throw new IllegalArgumentException("a batch id is 1 to 50 characters of letters, digits, '_', '.' or '-'");
        }
    }

    /** Stages {@code batch} unless its id exists; all or nothing. */
    public static StageOutcome stage(BatchStore store, Batch batch) {
        requireBatchId(batch.id());
        if (store.state(batch.id()).isPresent()) {
            return new StageOutcome.DuplicateBatch(batch.id());
        }
        store.beginStage(batch.id(), batch.productCount());
        try {
            long lists = store.copyLists(batch);
            if (lists != batch.productCount()) {
                throw new DesignException("batch " + batch.id() + " announced " + batch.productCount()
                        + " products but held " + lists + "; nothing was staged");
            }
            store.completeStage(batch.id());
            return new StageOutcome.Staged(batch.id(), batch.productCount());
        } catch (RuntimeException e) {
            store.abortStage(batch.id());
            throw e;
        }
    }

    /** Switches readers to {@code batchId}, recording the batch it replaces as the rollback target. */
    public static ActivationOutcome activate(BatchStore store, String batchId) {
        Optional<BatchState> state = store.state(batchId);
        if (state.isEmpty()) {
            return ActivationOutcome.UNKNOWN_BATCH;
        }
        if (state.get() == BatchState.ACTIVE) {
            return ActivationOutcome.ALREADY_ACTIVE;
        }
        if (state.get() == BatchState.STAGING) {
            return ActivationOutcome.INCOMPLETE_BATCH;
        }
        Optional<String> current = store.activeBatchId();
        store.switchReaders(current, batchId);
        current.ifPresent(previous -> store.setState(previous, BatchState.INACTIVE));
        store.markActive(batchId, current);
        return ActivationOutcome.ACTIVATED;
    }

    /** Returns to the batch the active one replaced, while that batch is still inactive. */
    public static RollbackOutcome rollback(BatchStore store) {
        Optional<String> current = store.activeBatchId();
        if (current.isEmpty()) {
            return new RollbackOutcome.NothingToRollBackTo();
        }
        Optional<String> previous = store.previousBatchId(current.get())
                .filter(id -> store.state(id).filter(BatchState.INACTIVE::equals).isPresent());
        if (previous.isEmpty()) {
            return new RollbackOutcome.NothingToRollBackTo();
        }
        store.switchReaders(current, previous.get());
        store.setState(current.get(), BatchState.ROLLED_BACK);
        store.markActive(previous.get(), Optional.empty());
        return new RollbackOutcome.RolledBack(current.get(), previous.get());
    }

    /** Deletes batches beyond the {@code keep} newest, sparing the active batch and its rollback target. */
    public static List<String> retire(BatchStore store, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("retention must keep at least 1 batch, got " + keep);
        }
        List<BatchInfo> batches = store.list();
        Optional<String> current = store.activeBatchId();
        Optional<String> rollbackTarget = current.flatMap(store::previousBatchId);
        List<String> retired = new ArrayList<>();
        for (int i = keep; i < batches.size(); i++) {
            String id = batches.get(i).batchId();
            if (current.filter(id::equals).isPresent() || rollbackTarget.filter(id::equals).isPresent()) {
                continue;
            }
            store.delete(id);
            retired.add(id);
        }
        return retired;
    }
}
