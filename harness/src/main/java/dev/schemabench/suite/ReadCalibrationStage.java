package dev.schemabench.suite;

import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.SchemaFiles;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.results.RunResults;
import java.util.Optional;

/**
 * The harness's read path against PostgreSQL's own client, pgbench, on the same read, rows and server
 * ({@link Calibration#reads}). Needs the server's native-client settings (a capability only PostgreSQL offers) and
 * pgbench on the PATH; absent, with the reason, otherwise.
 */
final class ReadCalibrationStage extends PerDesignStage<RunResults.Calibration> {

    @Override
    public String name() {
        return "calibration_reads";
    }

    @Override
    public Optional<String> skipReason(RunContext run) {
        return run.config().calibrationRate() == 0
                ? Optional.of("calibration disabled (calibration_rate = 0)") : Optional.empty();
    }

    @Override
    protected StageResult<RunResults.Calibration> measure(RunContext run, DesignUnderTest under) {
        Optional<PostgresServer> server = under.server().capability(PostgresServer.class);
        if (server.isEmpty()) {
            return StageResult.notMeasured("pgbench calibrates PostgreSQL designs only");
        }
        Calibration calibration = Calibration.onPath(server.get(), run.directory());
        if (!calibration.hasPgbench()) {
            return StageResult.notMeasured("pgbench is not on the PATH, so the harness was not calibrated against"
                    + " PostgreSQL's own client (install PostgreSQL's client tools to get this figure)");
        }
        CompareConfig config = run.config();
        say(under.name() + ": calibrating against pgbench (" + config.pool() + " clients, saturation and "
                + Math.round(config.calibrationRate()) + " reads/s, " + config.calibrationRounds()
                + " rounds of " + dev.schemabench.shared.DurationText.format(config.calibrationDuration())
                + " per side)...");
        try (OpenLoopDriver driver = new OpenLoopDriver(config.pool())) {
            RunResults.Calibration figures = calibration.reads(under.measured(),
                    SchemaFiles.load(run.schemasRoot(), under.name()), config.products(), config.limit(),
                    config.pool(), config.calibrationDuration(), config.calibrationRounds(),
                    config.calibrationRate(), driver);
            say(String.format(java.util.Locale.ROOT, "%s: the harness reached %.2f of pgbench's throughput (median"
                            + " round); P99 at %d/s: harness %.3f ms, pgbench %.3f ms", under.name(), figures.ratio(),
                    Math.round(config.calibrationRate()), figures.harnessP99Ms(), figures.pgbenchP99Ms()));
            return StageResult.measured(figures);
        } catch (java.io.IOException | RuntimeException e) {
            String note = "calibration failed: " + message(e);
            say(under.name() + ": " + note);
            return StageResult.notMeasured(note);
        }
    }

    @Override
    public void write(StageResult<RunResults.Calibration> result, DesignResults results) {
        results.calibration = result.figures();
        if (result.figures() == null) {
            results.calibrationNote = result.reason();
        }
    }
}
