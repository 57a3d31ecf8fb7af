package dev.schemabench.suite;

import java.util.List;

/** Where the run's stages are declared, in the order they run. */
public final class Stages {

    private Stages() {
    }

    /** Every stage of a comparison; each is skipped with its reason when the configuration leaves it out. */
    static List<Stage<?>> standard() {
        FootprintStage footprint = new FootprintStage();
        return List.of(
                new LoadStage(),
                new EquivalenceStage(),
                new PublishableStage(),
                footprint,
                new StorageLevelStage(),
                new JmhStage(),
                new ServiceLevelStage(),
                new HttpOverheadStage(),
                new RefreshStage(),
                new UpdateStage(),
                new CacheStage(),
                new ChurnStage(),
                new IndexCostStage(footprint),
                new ReadCalibrationStage(),
                new BulkCalibrationStage(),
                new ScaleCurveStage());
    }
}
