package dev.schemabench.suite;

import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.Footprint;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.internal.Progress;
import dev.schemabench.measure.MeasuredDesign;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.measure.SliceResult;
import dev.schemabench.results.RunResults;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * How a design's load time, size and storage-level read latency grow with the catalog: for each size, a fresh
 * namespace is loaded with batch 1 of that size, cleaned up, sized, and read at the run's arrival rate with the
 * run's Zipfian key distribution over that catalog.
 */
final class ScaleCurve {

    private final CompareConfig config;

    ScaleCurve(CompareConfig config) {
        this.config = config;
    }

    List<RunResults.ScalePoint> run(MeasuredDesign design, OpenLoopDriver driver) {
        List<RunResults.ScalePoint> points = new ArrayList<>();
        for (int products : config.scale()) {
            CatalogSpec spec = new CatalogSpec(products, config.recs(), config.seed(), config.churn(),
                    config.membership());
            Batch batch = new CatalogGenerator(spec).batch(1);
            design.unwrap().dropSchema();
            design.unwrap().ensureSchema();
            long start = System.nanoTime();
            StageOutcome staged;
            try (Progress progress = Progress.start(design.name() + ": scale curve, " + products + " products",
                    products, "products")) {
                staged = design.unwrap().stage(new CompareSuite.ProgressBatch(batch, progress));
            }
            double stageMs = (System.nanoTime() - start) / 1e6;
            if (!(staged instanceof StageOutcome.Staged) || design.unwrap().activate(batch.id()) != ActivationOutcome.ACTIVATED) {
                throw new IllegalStateException("could not load " + products + " products: " + staged);
            }
            design.unwrap().vacuumAnalyze();
            Footprint footprint = design.unwrap().measurementRefusal().isPresent() ? null : design.unwrap().footprint();
            ZipfianKeys sequence = new ZipfianKeys(products, ZipfianKeys.DEFAULT_CONSTANT, config.seed());
            int count = (int) Math.max(1, Math.round(config.rate() * config.scaleDuration().toMillis() / 1000.0));
            String[] keys = sequence.nextProductIds(count);
            int warmup = Math.min(count, (int) Math.round(config.rate() * 2));
            driver.run(design, keys, 0, warmup, config.rate(), config.limit(), null, design.name());
            SliceResult result = driver.run(design, keys, 0, count, config.rate(), config.limit(), null,
                    design.name());
            if (result.aborted()) {
                throw new IllegalStateException("reads kept failing at " + products + " products: "
                        + result.firstError());
            }
            Histogram latency = result.histogram();
            points.add(new RunResults.ScalePoint(products, round(stageMs),
                    footprint == null ? null : footprint.totalBytes(),
                    footprint == null ? null : round(footprint.bytesPerProduct()),
                    ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)),
                    ms(latency.getValueAtPercentile(99.9)), result.ops(), result.errors(), config.rate()));
        }
        return points;
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
