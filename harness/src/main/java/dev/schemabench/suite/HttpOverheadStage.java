package dev.schemabench.suite;

import dev.schemabench.db.PostgresServer;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.results.RunResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.HistogramLogWriter;

/**
 * What the HTTP layer adds, design after design ({@link HttpOverhead}): the design read in process against the same
 * design read through the service over HTTP, at the storage level's rate and keys. A failure here leaves the design
 * measured (its other figures stand), with the reason as the note.
 */
final class HttpOverheadStage extends PerDesignStage<RunResults.HttpOverhead> {

    @Override
    public String name() {
        return "http_overhead";
    }

    @Override
    public Optional<String> skipReason(RunContext run) {
        return HttpOverhead.skipReason(run.config());
    }

    @Override
    protected StageResult<RunResults.HttpOverhead> measure(RunContext run, DesignUnderTest under) {
        CompareConfig config = run.config();
        HttpOverhead.Settings settings = HttpOverhead.Settings.of(config.rate(), config.httpOverheadDuration(),
                config.threads(), config.limit());
        HttpOverhead stage = new HttpOverhead(run.generator(), RunContext.BATCH_NUMBER, settings,
                () -> run.databaseTicks(under));
        Path logFile = run.directory().resolve("histograms").resolve("http-overhead-" + under.name() + ".hlog");
        HttpOverhead.Outcome outcome;
        try {
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            return StageResult.notMeasured("HTTP overhead not measured: " + message(e));
        }
        try (PrintStream stream = new PrintStream(Files.newOutputStream(logFile), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter log = OpenLoopDriver.newLog(stream, "SchemaBench HTTP overhead, design " + under.name()
                    + ": read latency in process (tag storage) and over HTTP (tag http), nanoseconds from"
                    + " intended start, one-second intervals");
            // The unmeasured design: these reads must not land in the storage-level histograms.
            outcome = stage.run(under.name(), under.design(), log);
        } catch (IOException | RuntimeException e) {
            outcome = HttpOverhead.Outcome.note("HTTP overhead not measured: " + message(e));
        }
        if (outcome.figures() == null) {
            String note = outcome.note() == null ? "HTTP overhead not measured" : PostgresServer.mask(outcome.note());
            say(under.name() + ": " + note);
            return StageResult.notMeasured(note);
        }
        return StageResult.measured(outcome.figures(), Map.of("http_overhead_histograms",
                run.directory().relativize(logFile).toString()));
    }

    @Override
    public void write(StageResult<RunResults.HttpOverhead> result, DesignResults results) {
        results.httpOverhead = result.figures();
        if (result.figures() == null) {
            results.httpOverheadNote = result.reason();
        }
        results.artifacts.putAll(result.artifacts());
    }
}
