package dev.schemabench.suite;

/**
 * Excludes from measurement a design whose figures would describe something other than its database (for example a
 * MongoDB wire-protocol imitation): its answers were checked, its latency and sizes are not published.
 */
final class PublishableStage extends PerDesignStage<Boolean> {

    @Override
    public String name() {
        return "publishable";
    }

    @Override
    protected StageResult<Boolean> measure(RunContext run, DesignUnderTest under) {
        return under.design().measurementRefusal().<StageResult<Boolean>>map(refusal -> {
            say(under.name() + ": skipped: " + refusal);
            return StageResult.excluded(refusal);
        }).orElseGet(() -> StageResult.measured(Boolean.TRUE));
    }

    @Override
    public void write(StageResult<Boolean> result, DesignResults results) {
        // The design's status says it all.
    }
}
