package dev.schemabench.suite;

import dev.schemabench.catalog.Batch;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.internal.Progress;
import dev.schemabench.results.RunResults;

/** Loads the run's batch into every design from an empty namespace through its bulk path, and activates it. */
final class LoadStage extends PerDesignStage<RunResults.Load> {

    @Override
    public String name() {
        return "load";
    }

    @Override
    protected StageResult<RunResults.Load> measure(RunContext run, DesignUnderTest under) {
        StorageDesign design = under.design();
        Batch batch = run.generator().batch(RunContext.BATCH_NUMBER, run.batchId());
        if (design.namespaceExists()) {
            say(under.name() + ": " + design.namespace() + " is left from an earlier run (killed, or kept with"
                    + " --keep-data); dropping it and loading " + batch.id() + " afresh, as the load is measured");
        }
        design.dropSchema();
        design.ensureSchema();
        long start;
        StageOutcome outcome;
        try (Progress progress = Progress.start(under.name() + ": staging " + batch.id(), batch.productCount(),
                "products")) {
            start = System.nanoTime();
            outcome = design.stage(new CompareSuite.ProgressBatch(batch, progress));
        }
        double stageMs = (System.nanoTime() - start) / 1e6;
        if (!(outcome instanceof StageOutcome.Staged)) {
            throw new IllegalStateException("stage of " + batch.id() + " returned " + outcome);
        }
        start = System.nanoTime();
        ActivationOutcome activation = design.activate(batch.id());
        double activateMs = (System.nanoTime() - start) / 1e6;
        if (activation != ActivationOutcome.ACTIVATED) {
            throw new IllegalStateException("activation of " + batch.id() + " returned " + activation);
        }
        return StageResult.measured(new RunResults.Load(batch.productCount(), round(stageMs), round(activateMs)));
    }

    @Override
    public void write(StageResult<RunResults.Load> result, DesignResults results) {
        results.load = result.figures();
    }
}
