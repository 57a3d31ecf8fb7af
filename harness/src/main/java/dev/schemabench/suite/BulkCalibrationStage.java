package dev.schemabench.suite;

import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.postgres.PostgresDesign;
import dev.schemabench.results.RunResults;
import java.util.Optional;

/**
 * The design's bulk path against psql's {@code \copy} of the same bytes into the same tables
 * ({@link Calibration#bulk}). Needs a design that can write its bulk path as a psql script, the server's
 * native-client settings, and psql on the PATH; absent, with the reason, otherwise.
 */
final class BulkCalibrationStage extends PerDesignStage<RunResults.BulkCalibration> {

    @Override
    public String name() {
        return "calibration_bulk";
    }

    @Override
    public Optional<String> skipReason(RunContext run) {
        return run.config().calibrationBulk() ? Optional.empty()
                : Optional.of("bulk calibration disabled (calibration_bulk = off)");
    }

    @Override
    protected StageResult<RunResults.BulkCalibration> measure(RunContext run, DesignUnderTest under) {
        Optional<PostgresServer> server = under.server().capability(PostgresServer.class);
        Optional<PostgresDesign> scriptable = under.design().role(PostgresDesign.class);
        if (server.isEmpty() || scriptable.isEmpty()) {
            return StageResult.notMeasured("psql calibrates PostgreSQL designs only");
        }
        Calibration calibration = Calibration.onPath(server.get(), run.directory());
        if (!calibration.hasPsql()) {
            return StageResult.notMeasured("psql is not on the PATH, so the bulk path was not compared with psql's"
                    + " \\copy (install PostgreSQL's client tools to get this figure)");
        }
        try {
            RunResults.BulkCalibration bulk = calibration.bulk(scriptable.get(),
                    run.generator().batch(RunContext.BATCH_NUMBER + 1, CompareSuite.BULK_CALIBRATION_HARNESS),
                    run.generator().batch(RunContext.BATCH_NUMBER + 1, CompareSuite.BULK_CALIBRATION_PSQL));
            say(String.format(java.util.Locale.ROOT, "%s: the bulk path staged %.1f MB at %.1f MB/s, psql \\copy at"
                            + " %.1f MB/s (%.2f of psql's speed)", under.name(), bulk.copyBytes() / 1e6,
                    bulk.harnessMbS(), bulk.psqlMbS(), bulk.ratio()));
            return StageResult.measured(bulk);
        } catch (java.io.IOException | RuntimeException e) {
            String note = "bulk calibration failed: " + message(e);
            say(under.name() + ": " + note);
            return StageResult.notMeasured(note);
        }
    }

    @Override
    public void write(StageResult<RunResults.BulkCalibration> result, DesignResults results) {
        results.bulkCalibration = result.figures();
        if (result.figures() == null) {
            results.bulkCalibrationNote = result.reason();
        }
    }
}
