package dev.schemabench.design;

/** The result of staging a batch. */
public sealed interface StageOutcome {

    /** The batch is stored and can be activated. */
    record Staged(String batchId, int productCount) implements StageOutcome {
    }

    /** A batch with this id already exists; nothing was written. */
    record DuplicateBatch(String batchId) implements StageOutcome {
    }
}
