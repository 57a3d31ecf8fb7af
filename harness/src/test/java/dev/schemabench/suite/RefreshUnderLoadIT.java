package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.Product;
import dev.schemabench.catalog.SimilarityList;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.db.WalMeter;
import dev.schemabench.design.LoadedDesigns;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.measure.MeasuredDesign;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.results.RunResults;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The weekly refresh under load, for each PostgreSQL design, on the embedded server. */
class RefreshUnderLoadIT {

    private static final CatalogGenerator GENERATOR = new CatalogGenerator(new CatalogSpec(1500, 10, 7L, 0.3));
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private static StorageDesign loaded(String name) {
        return LoadedDesigns.load(name, postgres::server, GENERATOR, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonb", "normalized"})
    void refreshIsZeroDowntimeAndEndsOnThePreviousBatch(String name) {
        try (StorageDesign design = loaded(name); OpenLoopDriver driver = new OpenLoopDriver(3)) {
            RefreshUnderLoad refresh = new RefreshUnderLoad(GENERATOR, 10, 200, Duration.ofMillis(700));
            RunResults.Refresh result = refresh.run(new MeasuredDesign(design), driver, 1, 2, GENERATOR.batch(2),
                    new WalMeter(postgres.server())::position);
            RunResults.RefreshReads reads = result.readsDuringRefresh();
            assertTrue(reads.ops() > 100, "reads ran throughout: " + reads);
            assertEquals(0, reads.errors(), reads::toString);
            assertEquals(0, reads.empty(), reads::toString);
            assertEquals(0, reads.mixed(), reads::toString);
            assertTrue(result.zeroDowntime());
            assertTrue(result.stageMs() > 0 && result.activateMs() > 0 && result.rollbackMs() > 0);
            assertNotNull(result.walBytes());
            assertTrue(result.walBytes() > 0);
            assertEquals(java.util.List.of("stage", "activate", "rollback"),
                    result.events().stream().map(RunResults.RefreshEvent::name).toList());
            assertEquals(java.util.List.of("before", "staging", "activating", "after", "rolling_back",
                    "after_rollback"), result.phases().stream().map(RunResults.PhaseLatency::phase).toList());
            assertEquals(Optional.of(CatalogGenerator.defaultBatchId(1)), design.activeBatch());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonb", "normalized"})
    void aFailureDuringStagingLeavesThePreviousBatchActive(String name) {
        try (StorageDesign design = loaded(name); OpenLoopDriver driver = new OpenLoopDriver(3)) {
            RefreshUnderLoad refresh = new RefreshUnderLoad(GENERATOR, 10, 200, Duration.ofMillis(300));
            Batch failing = new FailingBatch(GENERATOR.batch(2), 700);
            assertThrows(RuntimeException.class, () -> refresh.run(new MeasuredDesign(design), driver, 1, 2, failing, null));
            assertEquals(Optional.of(CatalogGenerator.defaultBatchId(1)), design.activeBatch());
            assertEquals(1, design.batches().size(), "nothing of the failed batch is kept");
            SimilarResult read = design.similar(CatalogGenerator.productId(3), 10);
            assertEquals(new SimilarResult.Found(CatalogGenerator.productId(3), CatalogGenerator.defaultBatchId(1),
                    GENERATOR.list(3, 1).items()), read);
        }
    }

    /** A batch whose list stream breaks after {@code failAfter} lists, as a lost upload would. */
    private record FailingBatch(Batch batch, int failAfter) implements Batch {
        @Override
        public String id() {
            return batch.id();
        }

        @Override
        public int productCount() {
            return batch.productCount();
        }

        @Override
        public Stream<Product> products() {
            return batch.products();
        }

        @Override
        public Stream<SimilarityList> lists() {
            AtomicInteger served = new AtomicInteger();
            return batch.lists().peek(list -> {
                if (served.incrementAndGet() > failAfter) {
                    throw new IllegalStateException("injected failure after " + failAfter + " lists");
                }
            });
        }
    }
}
