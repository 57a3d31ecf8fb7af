package dev.schemabench.suite;

import dev.schemabench.design.EquivalenceCheck;
import dev.schemabench.results.RunResults;
import java.util.Optional;

/**
 * Before anything is timed, every design must give the generated truth for a sample of products
 * ({@link EquivalenceCheck}); a design that differs fails here.
 */
final class EquivalenceStage extends PerDesignStage<RunResults.Equivalence> {

    @Override
    public String name() {
        return "equivalence";
    }

    @Override
    protected StageResult<RunResults.Equivalence> measure(RunContext run, DesignUnderTest under) {
        EquivalenceCheck check = new EquivalenceCheck(run.generator(), run.config().sample());
        Optional<String> difference = check.check(under.design(), RunContext.BATCH_NUMBER, run.batchId(),
                run.config().limit());
        RunResults.Equivalence figures = new RunResults.Equivalence(check.reads(), difference.orElse(null));
        say(under.name() + ": equivalence " + (difference.isEmpty() ? "ok (" + check.reads()
                + " reads match the generated data)" : "FAILED: " + difference.get()));
        return difference.isEmpty() ? StageResult.measured(figures)
                : StageResult.failed("answers differ from the generated data: " + difference.get(), figures);
    }

    @Override
    public void write(StageResult<RunResults.Equivalence> result, DesignResults results) {
        results.equivalence = result.figures();
    }
}
