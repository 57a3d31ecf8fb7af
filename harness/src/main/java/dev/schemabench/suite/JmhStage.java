package dev.schemabench.suite;

import dev.schemabench.db.PostgresServer;
import dev.schemabench.internal.Home;
import dev.schemabench.results.RunResults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The storage-level JMH benchmarks, in a child JVM ({@link JmhRunner}), over the schemas just measured. A design JMH
 * gives no figures for stays measured (its open-model figures stand), with the reason in its artifacts.
 */
final class JmhStage implements Stage<RunResults.Jmh> {

    @Override
    public String name() {
        return "jmh";
    }

    @Override
    public Optional<String> skipReason(RunContext run) {
        return run.config().jmhIterations() == 0
                ? Optional.of("JMH benchmarks not run: " + CompareConfig.JMH_ITERATIONS + " = 0") : Optional.empty();
    }

    @Override
    public Map<String, StageResult<RunResults.Jmh>> run(RunContext run, List<DesignUnderTest> designs) {
        PostgresServer server = designs.stream()
                .map(design -> design.server().capability(PostgresServer.class)).flatMap(Optional::stream)
                .findFirst().orElse(null);
        JmhRunner runner = new JmhRunner(Home.directory(), run.schemasRoot(), run.directory(), server,
                JmhRunner.Settings.of(run.config()));
        Map<String, StageResult<RunResults.Jmh>> results = new LinkedHashMap<>();
        Map<String, JmhRunner.DesignOutcome> outcomes;
        try {
            outcomes = runner.run(designs.stream().map(DesignUnderTest::name).toList());
        } catch (RuntimeException e) {
            // The runner reports expected failures as values; anything else still must not cost the run its results.
            String reason = "JMH benchmarks not run: " + PerDesignStage.message(e);
            PerDesignStage.say(reason);
            designs.forEach(design -> results.put(design.name(), StageResult.notMeasured(reason)));
            return results;
        }
        for (DesignUnderTest design : designs) {
            JmhRunner.DesignOutcome outcome = outcomes.get(design.name());
            if (outcome == null) {
                continue;
            }
            results.put(design.name(), outcome.jmh() != null ? StageResult.measured(outcome.jmh(), outcome.artifacts())
                    : StageResult.notMeasured(outcome.reason(), outcome.artifacts()));
        }
        return results;
    }

    @Override
    public void write(StageResult<RunResults.Jmh> result, DesignResults results) {
        results.jmh = result.figures();
        results.artifacts.putAll(result.artifacts());
        if (result.figures() == null && result.reason() != null) {
            results.artifacts.putIfAbsent(JmhRunner.NOTE_UNAVAILABLE, result.reason());
        }
    }
}
