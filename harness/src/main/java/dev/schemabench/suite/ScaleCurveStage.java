package dev.schemabench.suite;

import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.results.RunResults;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Load time, size and storage-level latency per catalog size ({@link ScaleCurve}), when the profile asks for it. */
final class ScaleCurveStage extends PerDesignStage<List<RunResults.ScalePoint>> {

    private OpenLoopDriver driver;

    @Override
    public String name() {
        return "scale_curve";
    }

    @Override
    public Optional<String> skipReason(RunContext run) {
        return run.config().scale().isEmpty() ? Optional.of("scale curve not asked for (" + CompareConfig.SCALE
                + " is empty)") : Optional.empty();
    }

    @Override
    public Map<String, StageResult<List<RunResults.ScalePoint>>> run(RunContext run, List<DesignUnderTest> designs) {
        try (OpenLoopDriver shared = new OpenLoopDriver(run.config().threads())) {
            driver = shared;
            return super.run(run, designs);
        } finally {
            driver = null;
        }
    }

    @Override
    protected StageResult<List<RunResults.ScalePoint>> measure(RunContext run, DesignUnderTest under) {
        return StageResult.measured(new ScaleCurve(run.config()).run(under.measured(), driver));
    }

    @Override
    public void write(StageResult<List<RunResults.ScalePoint>> result, DesignResults results) {
        results.scaleCurve = result.figures();
    }
}
