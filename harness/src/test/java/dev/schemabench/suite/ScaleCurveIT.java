package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.design.DesignContext;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.internal.Home;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.measure.MeasuredDesign;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.results.RunResults;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scale curve (full profile) on tiny sizes: one point per size, each loaded, sized and read. */
class ScaleCurveIT {

    @Test
    void onePointPerSizeWithSizesAndLatencies() {
        CompareConfig config = new CompareConfig.Builder().set(CompareConfig.RECS, "5", "test")
                .set(CompareConfig.RATE, "100", "test").set(CompareConfig.SCALE, "200,400", "test")
                .set(CompareConfig.SCALE_DURATION, "1s", "test").build();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
             StorageDesign design = DesignRegistry.find("normalized").orElseThrow().factory()
                     .create(new DesignContext(Home.schemas(), postgres::server, 2));
             OpenLoopDriver driver = new OpenLoopDriver(2)) {
            List<RunResults.ScalePoint> points = new ScaleCurve(config).run(new MeasuredDesign(design), driver);
            assertEquals(List.of(200, 400), points.stream().map(RunResults.ScalePoint::products).toList());
            for (RunResults.ScalePoint point : points) {
                assertTrue(point.stageMs() > 0 && point.ops() > 0 && point.errors() == 0, point::toString);
                assertTrue(point.p50Ms() > 0 && point.p50Ms() <= point.p99Ms() && point.p99Ms() <= point.p999Ms(),
                        point::toString);
                assertNotNull(point.totalBytes());
                assertTrue(point.totalBytes() > 0 && point.bytesPerProduct() > 0, point::toString);
            }
            design.dropSchema();
        }
    }
}
