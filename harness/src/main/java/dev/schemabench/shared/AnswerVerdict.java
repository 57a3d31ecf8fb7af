package dev.schemabench.shared;

/**
 * How one answer read under load compares with the truth it should match, the same for every reader of the harness
 * (the storage-level driver, the refresh checks, the Gatling scenarios): counted, never excused.
 */
public enum AnswerVerdict {
    /** A complete list, all from the batch it names (and that batch one the reader may see). */
    OK,
    /** No answer: the call failed, a status other than 200, or a body that is not the API's JSON. */
    ERROR,
    /** An answer with no list, or fewer items than expected. */
    EMPTY,
    /** Items that do not all belong to the batch the answer names, or a batch that is neither before nor after. */
    MIXED
}
