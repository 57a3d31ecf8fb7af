package dev.schemabench.suite;

import dev.schemabench.db.PostgresServer;
import dev.schemabench.internal.Progress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stage that measures one design at a time. An exception from {@link #measure} fails that design alone, with the
 * exception's message (passwords masked) as the reason. Once the run is {@linkplain RunContext#stopping() stopping},
 * the designs not yet measured are not run.
 *
 * @param <R> the stage's figures
 */
abstract class PerDesignStage<R> implements Stage<R> {

    @Override
    public Map<String, StageResult<R>> run(RunContext run, List<DesignUnderTest> designs) {
        Map<String, StageResult<R>> results = new LinkedHashMap<>();
        for (DesignUnderTest design : designs) {
            if (run.stopping()) {
                results.put(design.name(), StageResult.notRun("stopped: the database server was lost"));
                continue;
            }
            try {
                results.put(design.name(), measure(run, design));
            } catch (Exception e) {
                results.put(design.name(), StageResult.failed(message(e)));
            }
        }
        return results;
    }

    /** Measures one design. */
    protected abstract StageResult<R> measure(RunContext run, DesignUnderTest design) throws Exception;

    /** A user-fit message of {@code e}, passwords masked. */
    static String message(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return PostgresServer.mask(message);
    }

    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    static void say(String line) {
        Progress.say(line);
    }
}
