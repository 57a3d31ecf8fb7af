package dev.schemabench.suite;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.design.Footprint;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.results.RunResults;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the secondary indexes cost: each index's build time on the loaded data, and staging one weekly batch with and
 * without them (time and WAL). Adds the build times to the footprint the {@link FootprintStage} measured.
 */
final class IndexCostStage extends PerDesignStage<IndexCostStage.Figures> {

    /**
     * @param cost      staging with and without the secondary indexes
     * @param footprint the footprint after loading, with each index's build time
     */
    record Figures(RunResults.IndexCost cost, RunResults.Footprint footprint) {
    }

    private final FootprintStage footprint;

    IndexCostStage(FootprintStage footprint) {
        this.footprint = footprint;
    }

    @Override
    public String name() {
        return "index_cost";
    }

    @Override
    protected StageResult<Figures> measure(RunContext run, DesignUnderTest under) {
        StorageDesign design = under.design();
        CatalogGenerator generator = run.generator();
        Map<String, Double> buildMs = new LinkedHashMap<>();
        for (Footprint.Index index : design.footprint().indexes()) {
            long start = System.nanoTime();
            if (design.rebuildIndex(index.name())) {
                buildMs.put(index.name(), round((System.nanoTime() - start) / 1e6));
            }
        }
        LongSupplier wal = run.walMeter(under);
        int week = RunContext.BATCH_NUMBER + 2 + run.config().churnWeeks();
        long walStart = wal == null ? 0 : wal.getAsLong();
        long start = System.nanoTime();
        ChurnStage.requireStaged(design.stage(generator.batch(week)), CatalogGenerator.defaultBatchId(week));
        double withIndexes = round((System.nanoTime() - start) / 1e6);
        Long walWith = wal == null ? null : wal.getAsLong() - walStart;

        design.dropSecondaryIndexes();
        walStart = wal == null ? 0 : wal.getAsLong();
        start = System.nanoTime();
        ChurnStage.requireStaged(design.stage(generator.batch(week + 1)), CatalogGenerator.defaultBatchId(week + 1));
        double withoutIndexes = round((System.nanoTime() - start) / 1e6);
        Long walWithout = wal == null ? null : wal.getAsLong() - walStart;
        start = System.nanoTime();
        design.createSecondaryIndexes();
        double rebuildMs = round((System.nanoTime() - start) / 1e6);
        Double amplification = walWith == null || walWithout == null || walWithout == 0 ? null
                : round((double) walWith / walWithout);
        RunResults.IndexCost cost = new RunResults.IndexCost(withIndexes, withoutIndexes, walWith, walWithout,
                amplification, rebuildMs);
        RunResults.Footprint withBuildTimes = run.figures(footprint, under.name())
                .map(observed -> FootprintStage.figures(observed.footprint(), buildMs)).orElse(null);
        return StageResult.measured(new Figures(cost, withBuildTimes));
    }

    @Override
    public void write(StageResult<Figures> result, DesignResults results) {
        if (result.figures() != null) {
            results.indexCost = result.figures().cost();
            if (result.figures().footprint() != null) {
                results.footprint = result.figures().footprint();
            }
        }
    }
}
