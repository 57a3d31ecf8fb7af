package dev.schemabench.design;

/** The result of a rollback. */
public sealed interface RollbackOutcome {

    /** Readers now see {@code activeBatchId} again; {@code fromBatchId} is no longer active. */
    record RolledBack(String fromBatchId, String activeBatchId) implements RollbackOutcome {
    }

    /** There is no earlier batch to return to; nothing changed. */
    record NothingToRollBackTo() implements RollbackOutcome {
    }
}
