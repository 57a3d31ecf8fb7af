package dev.schemabench.suite;

import dev.schemabench.catalog.Batch;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.Footprint;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.internal.Progress;
import dev.schemabench.results.RunResults;
import java.util.List;
import java.util.Map;

/** Several weekly batches under the retention policy: the cost of versioning, before and after vacuuming. */
final class ChurnStage extends PerDesignStage<RunResults.FootprintAfterChurn> {

    @Override
    public String name() {
        return "churn";
    }

    @Override
    protected StageResult<RunResults.FootprintAfterChurn> measure(RunContext run, DesignUnderTest under) {
        CompareConfig config = run.config();
        StorageDesign design = under.design();
        int first = RunContext.BATCH_NUMBER + 2;
        int last = first + config.churnWeeks() - 1;
        for (int week = first; week <= last; week++) {
            Batch batch = run.generator().batch(week);
            try (Progress progress = Progress.start(under.name() + ": weekly batch " + batch.id(),
                    batch.productCount(), "products")) {
                requireStaged(design.stage(new CompareSuite.ProgressBatch(batch, progress)), batch.id());
            }
            ActivationOutcome activation = design.activate(batch.id());
            if (activation != ActivationOutcome.ACTIVATED) {
                throw new IllegalStateException("activation of " + batch.id() + " returned " + activation);
            }
        }
        List<String> retired = design.retire(config.retain());
        Footprint before = design.footprint();
        design.vacuumAnalyze();
        Footprint after = design.footprint();
        say(String.format(java.util.Locale.ROOT,
                "%s: after %d weekly batches keeping %d: %,d bytes before cleanup, %,d after", under.name(), last,
                config.retain(), before.totalBytes(), after.totalBytes()));
        return StageResult.measured(new RunResults.FootprintAfterChurn(last, config.retain(), retired,
                FootprintStage.figures(before, Map.of()), FootprintStage.figures(after, Map.of())));
    }

    static void requireStaged(StageOutcome outcome, String batchId) {
        if (!(outcome instanceof StageOutcome.Staged)) {
            throw new IllegalStateException("stage of " + batchId + " returned " + outcome);
        }
    }

    @Override
    public void write(StageResult<RunResults.FootprintAfterChurn> result, DesignResults results) {
        results.footprintAfterChurn = result.figures();
    }
}
