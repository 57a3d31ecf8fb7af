package dev.schemabench.suite;

import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.results.RunResults;
import java.util.List;
import java.util.Map;

/**
 * The weekly refresh under storage-level load ({@link RefreshUnderLoad}): the next batch staged, activated and rolled
 * back while reads go on at a fixed rate, every answer checked.
 */
final class RefreshStage extends PerDesignStage<RunResults.Refresh> {

    private OpenLoopDriver driver;

    @Override
    public String name() {
        return "refresh";
    }

    @Override
    public Map<String, StageResult<RunResults.Refresh>> run(RunContext run, List<DesignUnderTest> designs) {
        try (OpenLoopDriver shared = new OpenLoopDriver(run.config().threads())) {
            driver = shared;
            return super.run(run, designs);
        } finally {
            driver = null;
        }
    }

    @Override
    protected StageResult<RunResults.Refresh> measure(RunContext run, DesignUnderTest under) {
        CompareConfig config = run.config();
        RefreshUnderLoad refresh = new RefreshUnderLoad(run.generator(), config.limit(), config.rate(),
                config.settle());
        say(under.name() + ": weekly refresh under load (stage, activate, rollback)...");
        return StageResult.measured(refresh.run(under.measured(), driver, RunContext.BATCH_NUMBER,
                RunContext.BATCH_NUMBER + 1, run.generator().batch(RunContext.BATCH_NUMBER + 1),
                run.walMeter(under)));
    }

    @Override
    public void write(StageResult<RunResults.Refresh> result, DesignResults results) {
        results.refresh = result.figures();
    }
}
