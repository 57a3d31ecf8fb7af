package dev.schemabench.suite;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of what a run does (load, equivalence, storage-level reads, the weekly refresh, ...), over every design
 * still measured. The run is the ordered list of stages ({@link Stages#standard}); adding a scenario is one stage class
 * and one line there.
 *
 * <p>A stage says in one way whether it runs at all ({@link #skipReason}), returns one typed {@link StageResult} per
 * design, and writes its figures, or the reason they are absent, into the design's results ({@link #write}). A stage
 * reads an earlier stage's figures through {@link RunContext#figures}; stages share no mutable state.
 *
 * <p>Threading: stages run one after another on the run's thread.
 *
 * @param <R> the figures the stage produces per design
 */
public interface Stage<R> {

    /** A stable snake_case name, as results.json's {@code stages} map shows it. */
    String name();

    /** Why the stage does not run at all in this run (switched off, a tool missing), or empty when it runs. */
    default Optional<String> skipReason(RunContext run) {
        return Optional.empty();
    }

    /**
     * Runs the stage over {@code designs} (those still measured, in run order).
     *
     * @return one result per design name; a design left out counts as not measured by this stage
     */
    Map<String, StageResult<R>> run(RunContext run, List<DesignUnderTest> designs);

    /** Writes this stage's figures, or the reason they are absent, into one design's results. */
    void write(StageResult<R> result, DesignResults results);
}
