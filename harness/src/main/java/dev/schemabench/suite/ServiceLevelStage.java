package dev.schemabench.suite;

import dev.schemabench.db.PostgresServer;
import dev.schemabench.internal.Home;
import dev.schemabench.results.RunResults;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The service level, design after design: the similarity service over the loaded design, Gatling's open-model load
 * in a child JVM ({@link ServiceLevelRunner}), the weekly refresh through the admin API, and the capacity sweep when
 * asked for. Leaves the run's batch active.
 */
final class ServiceLevelStage extends PerDesignStage<ServiceLevelStage.Figures> {

    /**
     * @param latency  latency through the service
     * @param cpu      CPU seconds per process during it
     * @param refresh  the refresh through the admin API
     * @param capacity the capacity sweep, or null when not asked for
     */
    record Figures(RunResults.Latency latency, RunResults.Cpu cpu, RunResults.ServiceRefresh refresh,
                   RunResults.Capacity capacity) {
    }

    @Override
    public String name() {
        return "service_level";
    }

    @Override
    public Optional<String> skipReason(RunContext run) {
        Optional<String> unavailable = run.config().serviceLevel() ? ServiceLevelRunner.unavailable(Home.directory())
                : Optional.of(CompareConfig.SERVICE_LEVEL + " = off");
        return unavailable.map(why -> "service level not measured: " + why);
    }

    @Override
    protected StageResult<Figures> measure(RunContext run, DesignUnderTest under) {
        CompareConfig config = run.config();
        ServiceLevelRunner.Settings settings = new ServiceLevelRunner.Settings(config.serviceRate(),
                config.serviceWarmup(), config.serviceDuration(), config.serviceSettle(), config.limit(),
                config.serviceP99Ms());
        ServiceLevelRunner runner = new ServiceLevelRunner(Home.directory(), run.directory(), run.generator().spec(),
                settings, () -> run.databaseTicks(under));
        Map<String, String> artifacts = new LinkedHashMap<>();
        // The unmeasured design: service reads must not land in the storage-level histograms.
        ServiceLevelRunner.Outcome outcome = runner.run(under.name(), under.design(), artifacts);
        if (outcome.failure() != null) {
            return new StageResult<>(StageResult.Status.FAILED, new Figures(outcome.latency(), outcome.cpu(),
                    outcome.refresh(), null), PostgresServer.mask(outcome.failure()), artifacts);
        }
        RunResults.Capacity capacity = null;
        if (!config.capacityRates().isEmpty()) {
            capacity = runner.sweep(under.name(), under.design(),
                    config.capacityRates().stream().map(Integer::doubleValue).sorted().toList(),
                    config.capacityStep(), config.serviceP99Ms());
            say(under.name() + ": capacity within P99 " + config.serviceP99Ms() + " ms: "
                    + (capacity.highestRateWithinSlo() == null ? "none of the rates"
                    : Math.round(capacity.highestRateWithinSlo()) + " reads/s") + " (" + capacity.stoppedBecause()
                    + ")");
        }
        return StageResult.measured(new Figures(outcome.latency(), outcome.cpu(), outcome.refresh(), capacity),
                artifacts);
    }

    @Override
    public void write(StageResult<Figures> result, DesignResults results) {
        if (result.figures() != null) {
            results.serviceLevel = result.figures().latency();
            results.serviceCpu = result.figures().cpu();
            results.serviceRefresh = result.figures().refresh();
            results.capacity = result.figures().capacity();
        } else if (result.status() == StageResult.Status.NOT_MEASURED) {
            results.serviceLevelNote = result.reason();
        }
        results.artifacts.putAll(result.artifacts());
    }
}
