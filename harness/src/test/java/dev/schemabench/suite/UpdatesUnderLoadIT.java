package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.UpdateSkew;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.db.WalMeter;
import dev.schemabench.design.DesignUpdates;
import dev.schemabench.design.LoadedDesigns;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.measure.MeasuredDesign;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.results.ProductUpdates;
import dev.schemabench.results.RunResults;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Product updates under load on the embedded server: the fan-out a copying design pays, the one row the normalized
 * design writes, and freshness as readers saw it under apply and defer.
 */
class UpdatesUnderLoadIT {

    private static final CatalogGenerator GENERATOR = new CatalogGenerator(new CatalogSpec(2000, 10, 7L, 0.3));
    private static final UpdateSettings SETTINGS = new UpdateSettings(40, UpdateSkew.READS, Duration.ofSeconds(2),
            0.05, List.of(UpdateSettings.Strategy.APPLY, UpdateSettings.Strategy.DEFER));
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private static UpdatesUnderLoad updates() {
        return new UpdatesUnderLoad(GENERATOR, SETTINGS, 1, 10, 300, Duration.ofMillis(500));
    }

    @Test
    void jsonbRewritesEveryListUnderApplyAndServesStaleValuesUnderDefer() {
        try (StorageDesign design = LoadedDesigns.load("jsonb", postgres::server, GENERATOR, 3);
             OpenLoopDriver driver = new OpenLoopDriver(3)) {
            DesignUpdates role = design.role(DesignUpdates.class).orElseThrow();
            ProductUpdates.Strategy apply = updates().run(new MeasuredDesign(design), role, driver,
                    UpdateSettings.Strategy.APPLY, new WalMeter(postgres.server())::position);
            assertEquals(80, apply.updates());
            RunResults.LatencyIntervals intervals = apply.latency().intervals();
            assertNotNull(intervals, "update latency carries intervals, or says why it has none");
            assertEquals(2, intervals.blocks(), "a stream of 2 s: " + intervals);
            assertNull(intervals.p50Ms().value(), "2 seconds are too few blocks for an interval: " + intervals);
            assertTrue(intervals.p50Ms().reason().startsWith("not enough time"), intervals::toString);
            assertEquals(80, intervals.p50Ms().reads(), intervals::toString);
            assertTrue(apply.unknownProducts() > 0, apply::toString);
            assertEquals(0, apply.errors());
            assertNotNull(apply.fanOut());
            assertTrue(apply.fanOut().mean() > 5, "skewed membership: popular products sit in many lists " + apply);
            assertTrue(apply.fanOut().max() > 3 * apply.fanOut().p50(), "a heavy tail: " + apply.fanOut());
            assertNotNull(apply.walBytesPerUpdate());
            assertTrue(apply.walBytesPerUpdate() > 0);
            assertEquals(0, apply.afterStream().stale() + apply.afterStream().wrong(), apply::toString);
            assertTrue(apply.afterStream().lists() > 0);
            assertEquals(0, apply.freshness().wrongReads(), apply::toString);
            assertTrue(apply.freshness().reads() > 300, apply::toString);
            assertEquals(UpdateStage.verdict(apply), java.util.Optional.empty());
            assertBatchAsLoaded(design);

            ProductUpdates.Strategy defer = updates().run(new MeasuredDesign(design), role, driver,
                    UpdateSettings.Strategy.DEFER, null);
            assertNull(defer.latency());
            assertNull(defer.fanOut());
            assertTrue(defer.freshness().staleReads() > 0, "deferred updates leave readers stale: " + defer);
            assertTrue(defer.freshness().staleShare() > apply.freshness().staleShare());
            assertTrue(defer.freshness().maxStaleAfterCommitMs() > 0);
            assertEquals(0, defer.freshness().wrongReads(), defer::toString);
            assertEquals(defer.afterStream().lists(), defer.afterStream().stale());
            assertEquals(UpdateStage.verdict(defer), java.util.Optional.empty());
        }
    }

    @Test
    void normalizedWritesOneRowPerUpdate() {
        try (StorageDesign design = LoadedDesigns.load("normalized", postgres::server, GENERATOR, 3);
             OpenLoopDriver driver = new OpenLoopDriver(3)) {
            DesignUpdates role = design.role(DesignUpdates.class).orElseThrow();
            ProductUpdates.Strategy apply = updates().run(new MeasuredDesign(design), role, driver,
                    UpdateSettings.Strategy.APPLY, new WalMeter(postgres.server())::position);
            assertEquals(1.0, apply.fanOut().mean());
            assertEquals(1, apply.fanOut().max());
            assertEquals(0, apply.freshness().staleReads(), apply::toString);
            assertEquals(0, apply.afterStream().stale() + apply.afterStream().wrong(), apply::toString);
            assertBatchAsLoaded(design);
        }
    }

    @Test
    void declaredDesignsPlayTheRoleThroughTheirOwnStatements() {
        try (StorageDesign ids = LoadedDesigns.load("jsonb_ids", postgres::server, GENERATOR, 3);
             StorageDesign gin = LoadedDesigns.load("jsonb_gin", postgres::server, GENERATOR, 3);
             OpenLoopDriver driver = new OpenLoopDriver(3)) {
            DesignUpdates idsRole = ids.role(DesignUpdates.class).orElseThrow();
            ProductUpdates.Strategy once = updates().run(new MeasuredDesign(ids), idsRole, driver,
                    UpdateSettings.Strategy.APPLY, new WalMeter(postgres.server())::position);
            assertEquals(1, once.fanOut().max(), "display fields live once in products: " + once.fanOut());
            assertEquals(0, once.afterStream().stale() + once.afterStream().wrong(), once::toString);
            assertBatchAsLoaded(ids);

            DesignUpdates ginRole = gin.role(DesignUpdates.class).orElseThrow();
            assertTrue(ginRole.copiesDisplayFields());
            ProductUpdates.Strategy everyCopy = updates().run(new MeasuredDesign(gin), ginRole, driver,
                    UpdateSettings.Strategy.APPLY, new WalMeter(postgres.server())::position);
            assertTrue(everyCopy.fanOut().mean() > 5, "copies in every list: " + everyCopy.fanOut());
            assertEquals(0, everyCopy.afterStream().stale() + everyCopy.afterStream().wrong(), everyCopy::toString);
            assertEquals(0, everyCopy.freshness().wrongReads(), everyCopy::toString);
            String popular = CatalogGenerator.productId(0);
            assertEquals(ginRole.listsRecommending(popular), idsRole.listsRecommending(popular),
                    "the reverse lookups agree");
            assertBatchAsLoaded(gin);
        }
    }

    private static void assertBatchAsLoaded(StorageDesign design) {
        for (int index = 0; index < GENERATOR.spec().products(); index += 5) {
            SimilarResult.Found found = (SimilarResult.Found) design.similar(CatalogGenerator.productId(index), 10);
            assertEquals(GENERATOR.list(index, 1).items().subList(0, 10), found.items(), "product " + index);
        }
    }
}
