package dev.schemabench.design;

/** The result of activating a batch. */
public enum ActivationOutcome {
    /** Readers now see the batch. */
    ACTIVATED,
    /** The batch was already active; nothing changed. */
    ALREADY_ACTIVE,
    /** No batch with that id exists. */
    UNKNOWN_BATCH,
    /** The batch exists but was never completely staged (its staging was interrupted); nothing changed. */
    INCOMPLETE_BATCH
}
