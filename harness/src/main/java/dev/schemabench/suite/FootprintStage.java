package dev.schemabench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.design.Footprint;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.util.Map;

/**
 * After {@code VACUUM ANALYZE}: each design's bytes on disk per table and index, and the executed plan of the read
 * for the hottest product.
 */
final class FootprintStage extends PerDesignStage<FootprintStage.Observed> {

    /**
     * @param footprint bytes on disk after vacuuming
     * @param plan      the read's executed plan, as the database returned it
     */
    record Observed(Footprint footprint, JsonNode plan) {
    }

    @Override
    public String name() {
        return "footprint";
    }

    @Override
    protected StageResult<Observed> measure(RunContext run, DesignUnderTest under) throws Exception {
        under.design().vacuumAnalyze();
        Footprint footprint = under.design().footprint();
        CompareConfig config = run.config();
        String hottest = CatalogGenerator.productId(new ZipfianKeys(new CatalogSpec(config.products(), config.recs(),
                config.seed(), config.churn())).productAtRank(0));
        JsonNode plan = ResultsFile.mapper().readTree(under.design().readPlan(hottest, config.limit()).planJson());
        say(String.format(java.util.Locale.ROOT, "%s: %,d bytes on disk (%,.0f per product)", under.name(),
                footprint.totalBytes(), footprint.bytesPerProduct()));
        return StageResult.measured(new Observed(footprint, plan));
    }

    @Override
    public void write(StageResult<Observed> result, DesignResults results) {
        if (result.figures() != null) {
            results.footprint = figures(result.figures().footprint(), Map.of());
            results.plan = result.figures().plan();
        }
    }

    /** A footprint as results.json holds it, with each index's build time where one was measured. */
    static RunResults.Footprint figures(Footprint footprint, Map<String, Double> buildMs) {
        return new RunResults.Footprint(footprint.tableBytes(), footprint.toastBytes(), footprint.indexBytes(),
                footprint.totalBytes(), round(footprint.bytesPerProduct()),
                footprint.indexes().stream().map(index -> new RunResults.IndexSize(index.name(), index.relation(),
                        index.bytes(), buildMs.get(index.name()))).toList(),
                footprint.relations().stream().map(relation -> new RunResults.RelationSize(relation.name(),
                        relation.tableBytes(), relation.toastBytes(), relation.indexBytes())).toList());
    }
}
