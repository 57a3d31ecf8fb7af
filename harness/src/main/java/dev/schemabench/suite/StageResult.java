package dev.schemabench.suite;

import java.util.Map;

/**
 * What one stage gave for one design: figures, or the one reason there are none.
 *
 * @param status    what happened
 * @param figures   the stage's figures when {@link Status#MEASURED}, else null (a failed stage may keep partial
 *                  figures, which readers must present as partial)
 * @param reason    why there are no figures (or why the design failed or was excluded); null when measured
 * @param artifacts files the stage wrote for the design, by kind, relative to the run folder
 * @param <R>       the stage's figures
 */
public record StageResult<R>(Status status, R figures, String reason, Map<String, String> artifacts) {

    /** What a stage's run meant for one design. */
    public enum Status {
        /** Figures measured. */
        MEASURED,
        /** No figures from this stage (switched off, not applicable, a tool missing); the design goes on. */
        NOT_MEASURED,
        /** The design failed here; later stages do not run for it. */
        FAILED,
        /** The design may not be measured (its figures would not be what their label says); status skipped. */
        EXCLUDED,
        /** The stage did not run for the design because the design had failed or been excluded before it. */
        NOT_RUN
    }

    public StageResult {
        artifacts = artifacts == null ? Map.of() : Map.copyOf(artifacts);
    }

    public static <R> StageResult<R> measured(R figures) {
        return new StageResult<>(Status.MEASURED, figures, null, Map.of());
    }

    public static <R> StageResult<R> measured(R figures, Map<String, String> artifacts) {
        return new StageResult<>(Status.MEASURED, figures, null, artifacts);
    }

    public static <R> StageResult<R> notMeasured(String reason) {
        return new StageResult<>(Status.NOT_MEASURED, null, reason, Map.of());
    }

    public static <R> StageResult<R> notMeasured(String reason, Map<String, String> artifacts) {
        return new StageResult<>(Status.NOT_MEASURED, null, reason, artifacts);
    }

    public static <R> StageResult<R> failed(String reason) {
        return new StageResult<>(Status.FAILED, null, reason, Map.of());
    }

    /** The design failed, with what the stage measured before it did. */
    public static <R> StageResult<R> failed(String reason, R partialFigures) {
        return new StageResult<>(Status.FAILED, partialFigures, reason, Map.of());
    }

    public static <R> StageResult<R> excluded(String reason) {
        return new StageResult<>(Status.EXCLUDED, null, reason, Map.of());
    }

    public static <R> StageResult<R> notRun(String reason) {
        return new StageResult<>(Status.NOT_RUN, null, reason, Map.of());
    }

    /** Whether figures were measured. */
    public boolean isMeasured() {
        return status == Status.MEASURED;
    }
}
