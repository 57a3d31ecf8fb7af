package dev.schemabench.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.CatalogTruth;
import dev.schemabench.catalog.Freshness;
import dev.schemabench.catalog.Product;
import dev.schemabench.catalog.ProductUpdate;
import dev.schemabench.catalog.ProductUpdateStream;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityList;
import dev.schemabench.catalog.UpdateStreamSpec;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.BatchInfo.BatchState;
import dev.schemabench.internal.Home;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link StorageDesign} keeps, run against a real database (BenchBase's
 * {@code AbstractTestWorker} pattern): a design's test is a subclass that only says how to build the design.
 *
 * <p>One database server per test class; each test starts from a freshly created, empty namespace. Database-specific
 * checks (footprint, plans, settings) live in a subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DesignContractIT {

    protected static final CatalogSpec SPEC = new CatalogSpec(200, 10, 20240501L, 0.3);
    protected static final CatalogGenerator GENERATOR = new CatalogGenerator(SPEC);
    private static final int POOL_SIZE = 3;
    private static final Pattern INDEX_NAME = Pattern.compile(
            "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_][A-Za-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    protected StorageDesign design;

    /** Builds the design under test; called once per test, closed after it. */
    protected abstract StorageDesign createDesign(DesignContext context);

    /** Starts the database the design needs; once per test class. */
    protected abstract void startServer();

    /** Stops what {@link #startServer()} started. */
    protected abstract void stopServer();

    /** The context the design is built from. */
    protected abstract DesignContext context(int poolSize);

    /** Whether the design's namespace (schema, database) exists in the server. */
    protected abstract boolean namespaceExists();

    /** Creates a namespace of the design's name that the design did not create, holding some precious data. */
    protected abstract void createForeignNamespace();

    /** Fails unless the foreign namespace still holds exactly its precious data. */
    protected abstract void assertForeignNamespaceUntouched();

    /** Removes the foreign namespace. */
    protected abstract void dropForeignNamespace();

    @BeforeAll
    void startDatabase() {
        startServer();
    }

    @AfterAll
    void stopDatabase() {
        stopServer();
    }

    @BeforeEach
    void freshSchema() {
        design = createDesign(context(POOL_SIZE));
        design.dropSchema();
        design.ensureSchema();
    }

    @AfterEach
    void closeDesign() {
        if (design != null) {
            design.close();
        }
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------------

    @Test
    void ensureSchemaCreatesAndIsIdempotent() {
        assertTrue(namespaceExists());
        stageAndActivate(1);
        design.ensureSchema();
        design.ensureSchema();
        assertEquals(Optional.of(batchId(1)), design.activeBatch(), "ensureSchema must keep existing data");
        assertFound(1, 3, design.similar(productId(3), SPEC.recsPerProduct()));

        design.dropSchema();
        assertFalse(namespaceExists());
        design.dropSchema();
        design.ensureSchema();
        assertTrue(namespaceExists());
        assertEquals(List.of(), design.batches());
    }

    @Test
    void refusesANamespaceOfItsNameItDidNotCreate() {
        design.dropSchema();
        createForeignNamespace();
        try {
            DesignException ensure = assertThrows(DesignException.class, design::ensureSchema);
            assertTrue(ensure.getMessage().contains(design.namespace()) && ensure.getMessage().contains("not created"),
                    ensure.getMessage());
            DesignException drop = assertThrows(DesignException.class, design::dropSchema);
            assertTrue(drop.getMessage().contains(design.namespace()), drop.getMessage());
            assertForeignNamespaceUntouched();
        } finally {
            dropForeignNamespace();
        }
    }

    // ---- batches ---------------------------------------------------------------------------------------------------

    @Test
    void stageLeavesReadersUnchanged() {
        assertEquals(new SimilarResult.NoActiveBatch(), design.similar(productId(0), 10));
        assertEquals(new StageOutcome.Staged(batchId(1), SPEC.products()), design.stage(GENERATOR.batch(1)));
        assertEquals(new SimilarResult.NoActiveBatch(), design.similar(productId(0), 10));
        assertEquals(Optional.empty(), design.activeBatch());

        assertEquals(ActivationOutcome.ACTIVATED, design.activate(batchId(1)));
        assertEquals(new StageOutcome.Staged(batchId(2), SPEC.products()), design.stage(GENERATOR.batch(2)));
        assertEquals(Optional.of(batchId(1)), design.activeBatch());
        for (int index = 0; index < SPEC.products(); index += 7) {
            assertFound(1, index, design.similar(productId(index), SPEC.recsPerProduct()));
        }
    }

    @Test
    void activateSwitchesEveryReadToTheNewBatch() {
        stageAndActivate(1);
        design.stage(GENERATOR.batch(2));
        assertEquals(ActivationOutcome.ACTIVATED, design.activate(batchId(2)));
        assertEquals(Optional.of(batchId(2)), design.activeBatch());
        for (int index = 0; index < SPEC.products(); index++) {
            assertFound(2, index, design.similar(productId(index), SPEC.recsPerProduct()));
        }
    }

    @Test
    void readersNeverSeeAGapOrAMixDuringActivation() throws Exception {
        stageAndActivate(1);
        design.stage(GENERATOR.batch(2));
        // Products whose list differs between the batches, so a read tells which batch it came from.
        List<Integer> churned = new ArrayList<>();
        for (int index = 0; index < SPEC.products() && churned.size() < 20; index++) {
            if (!GENERATOR.list(index, 1).equals(GENERATOR.list(index, 2))) {
                churned.add(index);
            }
        }
        assertFalse(churned.isEmpty());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            int seenBatch = 1;
            try {
                // Sequential reads on one thread: once the new batch is visible, the old one must never return.
                while (!stop.get() || reads.get() < 50) {
                    int index = churned.get(reads.getAndIncrement() % churned.size());
                    SimilarResult result = design.similar(productId(index), SPEC.recsPerProduct());
                    if (!(result instanceof SimilarResult.Found found)) {
                        throw new AssertionError("read during activation returned " + result);
                    }
                    int batch = found.batchId().equals(batchId(2)) ? 2 : 1;
                    if (batch < seenBatch) {
                        throw new AssertionError("read went back to batch 1 after seeing batch 2");
                    }
                    seenBatch = batch;
                    assertEquals(expected(batch, index, SPEC.recsPerProduct()), result);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "contract-reader");
        reader.start();
        while (reads.get() < 20 && reader.isAlive()) {
            Thread.onSpinWait();
        }
        assertEquals(ActivationOutcome.ACTIVATED, design.activate(batchId(2)));
        stop.set(true);
        reader.join(60_000);
        assertFalse(reader.isAlive(), "reader did not finish");
        if (failure.get() != null) {
            throw new AssertionError("concurrent reader failed", failure.get());
        }
        assertFound(2, churned.get(0), design.similar(productId(churned.get(0)), SPEC.recsPerProduct()));
    }

    @Test
    void duplicateStageWritesNothing() {
        stageAndActivate(1);
        Batch sameIdOtherContent = GENERATOR.batch(2, batchId(1));
        assertEquals(new StageOutcome.DuplicateBatch(batchId(1)), design.stage(sameIdOtherContent));
        assertEquals(1, design.batches().size());
        for (int index = 0; index < SPEC.products(); index += 11) {
            assertFound(1, index, design.similar(productId(index), SPEC.recsPerProduct()));
        }
    }

    @Test
    void activationOutcomes() {
        assertEquals(ActivationOutcome.UNKNOWN_BATCH, design.activate("no-such-batch"));
        stageAndActivate(1);
        assertEquals(ActivationOutcome.ALREADY_ACTIVE, design.activate(batchId(1)));
        assertEquals(ActivationOutcome.UNKNOWN_BATCH, design.activate("no-such-batch"));
        assertEquals(Optional.of(batchId(1)), design.activeBatch());
    }

    @Test
    void rollbackGoesBackOneBatchAtATime() {
        assertEquals(new RollbackOutcome.NothingToRollBackTo(), design.rollback());
        stageAndActivate(1);
        assertEquals(new RollbackOutcome.NothingToRollBackTo(), design.rollback());
        stageAndActivate(2);
        stageAndActivate(3);

        assertEquals(new RollbackOutcome.RolledBack(batchId(3), batchId(2)), design.rollback());
        assertEquals(Optional.of(batchId(2)), design.activeBatch());
        assertAllFound(2);

        assertEquals(new RollbackOutcome.RolledBack(batchId(2), batchId(1)), design.rollback());
        assertEquals(Optional.of(batchId(1)), design.activeBatch());
        assertAllFound(1);

        assertEquals(new RollbackOutcome.NothingToRollBackTo(), design.rollback());
        assertEquals(Optional.of(batchId(1)), design.activeBatch());
        assertEquals(Map.of(batchId(3), BatchState.ROLLED_BACK, batchId(2), BatchState.ROLLED_BACK,
                batchId(1), BatchState.ACTIVE), states());
    }

    @Test
    void rollbackAfterReactivationNeverReturnsToARolledBackBatch() {
        stageAndActivate(1);
        stageAndActivate(2);
        assertEquals(new RollbackOutcome.RolledBack(batchId(2), batchId(1)), design.rollback());
        stageAndActivate(3);
        // History of what readers saw: 1, 2, 1, 3. Back from 3 is 1; 2 was rolled back from and is never a target.
        assertEquals(new RollbackOutcome.RolledBack(batchId(3), batchId(1)), design.rollback());
        assertEquals(new RollbackOutcome.NothingToRollBackTo(), design.rollback());
        assertEquals(Optional.of(batchId(1)), design.activeBatch());
        assertAllFound(1);
    }

    @Test
    void explicitReactivationThenRollbackNeverCyclesBack() {
        stageAndActivate(1);
        stageAndActivate(2);
        assertEquals(ActivationOutcome.ACTIVATED, design.activate(batchId(1)));
        assertEquals(new RollbackOutcome.RolledBack(batchId(1), batchId(2)), design.rollback());
        assertEquals(new RollbackOutcome.NothingToRollBackTo(), design.rollback(),
                "batch 1 was rolled back from and is never a target again");
        assertEquals(Optional.of(batchId(2)), design.activeBatch());
        assertAllFound(2);
    }

    @Test
    void retireKeepsTheActiveBatchAndItsRollbackTarget() {
        for (int batch = 1; batch <= 3; batch++) {
            stageAndActivate(batch);
        }
        design.stage(GENERATOR.batch(4));
        // Newest first: 4 (staged), 3 (active), 2 (rollback target), 1. Keeping one deletes only batch 1.
        assertEquals(List.of(batchId(1)), design.retire(1));
        assertEquals(List.of(batchId(4), batchId(3), batchId(2)),
                design.batches().stream().map(BatchInfo::batchId).toList());
        assertAllFound(3);
        assertEquals(new RollbackOutcome.RolledBack(batchId(3), batchId(2)), design.rollback());
        assertAllFound(2);
        assertEquals(new RollbackOutcome.NothingToRollBackTo(), design.rollback(), "batch 1 was retired");
        assertEquals(List.of(), design.retire(3));
        assertThrows(IllegalArgumentException.class, () -> design.retire(0));
    }

    @Test
    void retireNeverDeletesTheActiveBatchEvenWhenItIsTheOldest() {
        for (int batch = 1; batch <= 4; batch++) {
            stageAndActivate(batch);
        }
        design.rollback();
        design.rollback();
        // Active 2, rollback target 1; 4 and 3 are newer but rolled back. Keeping one keeps 4 and deletes 3 only.
        assertEquals(List.of(batchId(3)), design.retire(1));
        assertEquals(Optional.of(batchId(2)), design.activeBatch());
        assertAllFound(2);
        assertEquals(new RollbackOutcome.RolledBack(batchId(2), batchId(1)), design.rollback());
        assertAllFound(1);
    }

    @Test
    void batchesListsEveryBatchNewestFirstWithItsState() {
        for (int batch = 1; batch <= 3; batch++) {
            design.stage(GENERATOR.batch(batch));
        }
        design.activate(batchId(1));
        design.activate(batchId(2));
        List<BatchInfo> batches = design.batches();
        assertEquals(List.of(batchId(3), batchId(2), batchId(1)), batches.stream().map(BatchInfo::batchId).toList());
        assertEquals(List.of(BatchState.STAGED, BatchState.ACTIVE, BatchState.INACTIVE),
                batches.stream().map(BatchInfo::state).toList());
        for (BatchInfo info : batches) {
            assertEquals(SPEC.products(), info.productCount(), info::toString);
            assertNotNull(info.createdAt(), info::toString);
        }
        assertNull(batches.get(0).activatedAt(), "a staged batch was never activated");
        assertNotNull(batches.get(1).activatedAt());
        assertNotNull(batches.get(2).activatedAt());
        assertFalse(batches.get(1).activatedAt().isBefore(batches.get(2).activatedAt()));
    }

    // ---- failed stages ---------------------------------------------------------------------------------------------

    @Test
    void aStageWhoseSourceFailsMidwayLeavesNothing() {
        stageAndActivate(1);
        List<BatchInfo> before = design.batches();
        Batch failing = new FailingBatch(GENERATOR.batch(2), 120, SPEC.products());
        RuntimeException error = assertThrows(RuntimeException.class, () -> design.stage(failing));
        assertTrue(hasCause(error, "source broke"), "the source's failure should be reported: " + error);
        assertNothingStagedAfterFailure(before, 1, 2);
    }

    @Test
    void aStageThatAnnouncesTheWrongCountLeavesNothing() {
        stageAndActivate(1);
        int batchNumber = 2;
        for (int announced : new int[] {SPEC.products() + 1, SPEC.products() - 1}) {
            List<BatchInfo> before = design.batches();
            Batch lying = new FailingBatch(GENERATOR.batch(batchNumber), Integer.MAX_VALUE, announced);
            DesignException error = assertThrows(DesignException.class, () -> design.stage(lying));
            assertTrue(error.getMessage().contains("announced"), error.getMessage());
            assertNothingStagedAfterFailure(before, 1, batchNumber);
            batchNumber++;
        }
    }

    /** After a failed stage of {@code failedBatch}: nothing changed, and the same id stages and activates cleanly. */
    private void assertNothingStagedAfterFailure(List<BatchInfo> before, int activeBatch, int failedBatch) {
        assertEquals(before, design.batches());
        assertEquals(Optional.of(batchId(activeBatch)), design.activeBatch());
        assertAllFound(activeBatch);
        assertEquals(ActivationOutcome.UNKNOWN_BATCH, design.activate(batchId(failedBatch)));
        assertEquals(new StageOutcome.Staged(batchId(failedBatch), SPEC.products()),
                design.stage(GENERATOR.batch(failedBatch)));
        assertEquals(ActivationOutcome.ACTIVATED, design.activate(batchId(failedBatch)));
        assertAllFound(failedBatch);
        assertEquals(new RollbackOutcome.RolledBack(batchId(failedBatch), batchId(activeBatch)), design.rollback());
        assertAllFound(activeBatch);
    }

    // ---- reads -----------------------------------------------------------------------------------------------------

    @Test
    void similarReturnsTheGeneratorsListWithDisplayFields() {
        stageAndActivate(1);
        assertAllFound(1);
        SimilarResult.Found found = (SimilarResult.Found) design.similar(productId(17), SPEC.recsPerProduct());
        for (SimilarItem item : found.items()) {
            Product product = GENERATOR.product(CatalogGenerator.indexOf(item.productId()));
            assertEquals(product, item.product());
            assertFalse(item.name().isBlank() || item.brand().isBlank() || item.category().isBlank()
                    || item.imageUrl().isBlank(), item::toString);
        }
    }

    @Test
    void similarHonorsTheLimit() {
        stageAndActivate(1);
        for (int limit : new int[] {0, 1, 3, SPEC.recsPerProduct() - 1, SPEC.recsPerProduct(), 100}) {
            SimilarResult result = design.similar(productId(5), limit);
            assertEquals(expected(1, 5, limit), result, "limit " + limit);
        }
    }

    @Test
    void unknownProductIsNotFound() {
        stageAndActivate(1);
        for (String unknown : new String[] {"SKU-9999999", CatalogGenerator.productId(SPEC.products()), "nope", ""}) {
            assertEquals(new SimilarResult.NotFound(unknown), design.similar(unknown, 10));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    protected static String batchId(int batchNumber) {
        return CatalogGenerator.defaultBatchId(batchNumber);
    }

    protected static String productId(int index) {
        return CatalogGenerator.productId(index);
    }

    // ---- product updates ------------------------------------------------------------------------------------------

    /** Whether the design under test plays {@link DesignUpdates}; every built-in design does. */
    protected boolean playsUpdates() {
        return true;
    }

    private DesignUpdates updates() {
        Assumptions.assumeTrue(playsUpdates(), "the design does not play the product-update role");
        return design.role(DesignUpdates.class).orElseThrow(() -> new AssertionError(design.name()
                + " does not play DesignUpdates"));
    }

    /** The products whose list in batch {@code batchNumber} recommends product {@code index}, ascending. */
    protected static List<String> listsRecommending(int index, int batchNumber) {
        List<String> lists = new ArrayList<>();
        for (int owner = 0; owner < SPEC.products(); owner++) {
            for (SimilarItem item : GENERATOR.list(owner, batchNumber).items()) {
                if (item.productId().equals(productId(index))) {
                    lists.add(productId(owner));
                }
            }
        }
        lists.sort(null);
        return lists;
    }

    @Test
    void afterProductUpdatesEveryReadIsTheTruth() {
        DesignUpdates updates = updates();
        stageAndActivate(1);
        UpdateStreamSpec spec = new UpdateStreamSpec(100).withUnknownShare(0.1);
        int count = 80;
        ProductUpdateStream stream = new ProductUpdateStream(GENERATOR, spec);
        long unknown = 0;
        for (int k = 1; k <= count; k++) {
            ProductUpdate update = stream.next();
            long rewritten = updates.applyUpdate(update.product());
            if (!update.inCatalog()) {
                unknown++;
                assertEquals(0, rewritten, "an update of a product the catalog lacks rewrites nothing");
            } else {
                int index = CatalogGenerator.indexOf(update.productId());
                long expected = updates.copiesDisplayFields() ? listsRecommending(index, 1).size() : 1;
                assertEquals(expected, rewritten, "rows or documents rewritten by update " + k);
            }
        }
        assertTrue(unknown > 0 && unknown < count, "the stream aims some updates at unknown products: " + unknown);
        CatalogTruth truth = new CatalogTruth(GENERATOR, spec, count);
        for (int index = 0; index < SPEC.products(); index++) {
            SimilarResult read = design.similar(productId(index), SPEC.recsPerProduct());
            assertEquals(new SimilarResult.Found(productId(index), batchId(1), truth.list(index, 1, count).items()),
                    read, "product " + index + " after " + count + " updates");
            Freshness verdict = truth.freshness(productId(index), 1, SPEC.recsPerProduct(),
                    ((SimilarResult.Found) read).items(), count, count);
            assertEquals(Freshness.CURRENT, verdict);
        }
    }

    @Test
    void withoutUpdatesACopyingDesignIsStaleAndTheTruthSaysSo() {
        DesignUpdates updates = updates();
        Assumptions.assumeTrue(updates.copiesDisplayFields(), "nothing to defer in a design that stores products once");
        stageAndActivate(1);
        UpdateStreamSpec spec = new UpdateStreamSpec(100);
        CatalogTruth truth = new CatalogTruth(GENERATOR, spec, 1);
        ProductUpdate update = new ProductUpdateStream(GENERATOR, spec).next();
        int index = CatalogGenerator.indexOf(update.productId());
        String owner = listsRecommending(index, 1).get(0);
        SimilarResult.Found read = (SimilarResult.Found) design.similar(owner, SPEC.recsPerProduct());
        assertEquals(Freshness.STALE, truth.freshness(owner, 1, SPEC.recsPerProduct(), read.items(), 1, 1));
        assertEquals(List.of(update.productId()), truth.staleProducts(read.items(), 1, 1));
    }

    @Test
    void reverseLookupNamesEveryActiveListRecommendingTheProduct() {
        DesignUpdates updates = updates();
        assertEquals(List.of(), updates.listsRecommending(productId(0)), "no batch is active");
        stageAndActivate(1);
        design.stage(GENERATOR.batch(2));
        for (int index = 0; index < SPEC.products(); index += 17) {
            assertEquals(listsRecommending(index, 1), updates.listsRecommending(productId(index)),
                    "lists recommending product " + index);
        }
        assertEquals(List.of(), updates.listsRecommending(EquivalenceCheck.UNKNOWN_PRODUCT));
        assertEquals(ActivationOutcome.ACTIVATED, design.activate(batchId(2)));
        for (int index = 0; index < SPEC.products(); index += 23) {
            assertEquals(listsRecommending(index, 2), updates.listsRecommending(productId(index)),
                    "lists recommending product " + index + " after activating batch 2");
        }
    }

    /** What a read of product {@code index} must return when batch {@code batchNumber} is active. */
    protected static SimilarResult expected(int batchNumber, int index, int limit) {
        List<SimilarItem> items = GENERATOR.list(index, batchNumber).items();
        return new SimilarResult.Found(productId(index), batchId(batchNumber),
                items.subList(0, Math.min(limit, items.size())));
    }

    protected void stageAndActivate(int batchNumber) {
        assertEquals(new StageOutcome.Staged(batchId(batchNumber), SPEC.products()),
                design.stage(GENERATOR.batch(batchNumber)));
        assertEquals(ActivationOutcome.ACTIVATED, design.activate(batchId(batchNumber)));
    }

    protected static void assertFound(int batchNumber, int index, SimilarResult actual) {
        assertEquals(expected(batchNumber, index, SPEC.recsPerProduct()), actual,
                "product " + index + " in batch " + batchNumber);
    }

    protected void assertAllFound(int batchNumber) {
        for (int index = 0; index < SPEC.products(); index += 3) {
            assertFound(batchNumber, index, design.similar(productId(index), SPEC.recsPerProduct()));
        }
    }

    private Map<String, BatchState> states() {
        Map<String, BatchState> states = new LinkedHashMap<>();
        design.batches().forEach(info -> states.put(info.batchId(), info.state()));
        return states;
    }

    private static boolean hasCause(Throwable error, String text) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** Wraps a batch: its lists stream throws after {@code failAfter} lists, and it announces {@code announced}. */
    private record FailingBatch(Batch delegate, int failAfter, int announced) implements Batch {

        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public int productCount() {
            return announced;
        }

        @Override
        public Stream<Product> products() {
            return delegate.products();
        }

        @Override
        public Stream<SimilarityList> lists() {
            AtomicInteger served = new AtomicInteger();
            return delegate.lists().peek(list -> {
                if (served.incrementAndGet() > failAfter) {
                    throw new IllegalStateException("source broke after " + failAfter + " lists");
                }
            });
        }
    }
}
