package dev.schemabench.suite;

import dev.schemabench.design.DesignUpdates;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.results.ProductUpdates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Product updates between weekly batches ({@link UpdatesUnderLoad}): the generator's update stream at
 * {@code update_rate} while reads go on at {@code rate}, under each strategy of {@code update_strategy}, every answer
 * checked. A design that stores display fields once has nothing to defer; its defer entry says so.
 */
final class UpdateStage extends PerDesignStage<ProductUpdates> {

    private OpenLoopDriver driver;

    @Override
    public String name() {
        return "product_updates";
    }

    @Override
    public Optional<String> skipReason(RunContext run) {
        UpdateSettings settings = run.config().updates();
        return settings.enabled() ? Optional.empty()
                : Optional.of(CompareConfig.UPDATE_RATE + " = 0 or " + CompareConfig.UPDATE_DURATION
                        + " = 0: no product updates in this run");
    }

    @Override
    public Map<String, StageResult<ProductUpdates>> run(RunContext run, List<DesignUnderTest> designs) {
        try (OpenLoopDriver shared = new OpenLoopDriver(run.config().threads())) {
            driver = shared;
            return super.run(run, designs);
        } finally {
            driver = null;
        }
    }

    @Override
    protected StageResult<ProductUpdates> measure(RunContext run, DesignUnderTest under) {
        Optional<DesignUpdates> role = under.design().role(DesignUpdates.class);
        if (role.isEmpty()) {
            return StageResult.notMeasured(under.name() + " does not play the product-update role (DesignUpdates)");
        }
        Optional<String> active = under.design().activeBatch();
        if (!active.equals(Optional.of(run.batchId()))) {
            return StageResult.notMeasured("the active batch is " + active.orElse("none") + ", not " + run.batchId()
                    + ", so the updates' truth is unknown");
        }
        CompareConfig config = run.config();
        UpdateSettings settings = config.updates();
        UpdatesUnderLoad updates = new UpdatesUnderLoad(run.generator(), settings, RunContext.BATCH_NUMBER,
                config.limit(), config.rate(), config.settle());
        List<ProductUpdates.Strategy> strategies = new ArrayList<>();
        String failure = null;
        for (UpdateSettings.Strategy strategy : settings.strategies()) {
            if (strategy == UpdateSettings.Strategy.DEFER && !role.get().copiesDisplayFields()) {
                strategies.add(new ProductUpdates.Strategy(strategy.key(), "display fields are stored once: an"
                        + " update changes one row and there is nothing to defer", 0, 0, 0, null, null, null, null,
                        null, null, null, List.of()));
                continue;
            }
            say(String.format(Locale.ROOT, "%s: %d product updates (%s) at %.0f/s while reads go on...",
                    under.name(), updates.updateCount(), strategy.key(), settings.ratePerS()));
            ProductUpdates.Strategy figures = updates.run(under.measured(), role.get(), driver, strategy,
                    run.walMeter(under));
            strategies.add(figures);
            say(summary(under.name(), figures));
            Optional<String> wrong = verdict(figures);
            if (wrong.isPresent() && failure == null) {
                failure = wrong.get();
            }
        }
        ProductUpdates result = new ProductUpdates(settings.ratePerS(), settings.skew().key(),
                settings.duration().toMillis() / 1000.0, strategies);
        return failure == null ? StageResult.measured(result) : StageResult.failed(failure, result);
    }

    /** Why the answers after a strategy's stream fail the design, or empty when they do not. */
    static Optional<String> verdict(ProductUpdates.Strategy figures) {
        ProductUpdates.AfterStream after = figures.afterStream();
        String name = figures.strategy();
        if (after != null && after.wrong() > 0) {
            return Optional.of("after the update stream (" + name + "), " + after.wrong() + " of " + after.lists()
                    + " lists differ from the truth in membership, ranks or values");
        }
        if (UpdateSettings.Strategy.APPLY.key().equals(name) && after != null && after.stale() > 0) {
            return Optional.of("after the update stream (apply), " + after.stale() + " of " + after.lists()
                    + " lists still show values older than the applied updates");
        }
        if (figures.freshness() != null && figures.freshness().wrongReads() > 0) {
            return Optional.of("during the update stream (" + name + "), " + figures.freshness().wrongReads()
                    + " reads returned values or lists no update explains");
        }
        return Optional.empty();
    }

    private static String summary(String design, ProductUpdates.Strategy figures) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s (%s): %d updates, %d unknown products,"
                + " %d errors", design, figures.strategy(), figures.updates(), figures.unknownProducts(),
                figures.errors()));
        if (figures.latency() != null) {
            line.append(String.format(Locale.ROOT, "; update P50 %.2f ms, P99 %.2f ms", figures.latency().p50Ms(),
                    figures.latency().p99Ms()));
        }
        if (figures.fanOut() != null) {
            line.append(String.format(Locale.ROOT, "; %.1f rows or documents rewritten per update (max %d)",
                    figures.fanOut().mean(), figures.fanOut().max()));
        }
        if (figures.freshness() != null) {
            line.append(String.format(Locale.ROOT, "; %d of %d reads stale", figures.freshness().staleReads(),
                    figures.freshness().reads()));
        }
        return line.toString();
    }

    @Override
    public void write(StageResult<ProductUpdates> result, DesignResults results) {
        results.productUpdates = result.figures();
    }
}
