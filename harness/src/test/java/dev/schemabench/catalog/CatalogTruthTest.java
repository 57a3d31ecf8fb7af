package dev.schemabench.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The truth after updates: membership from the batch, display fields from the catalog as updated so far. */
class CatalogTruthTest {

    private static final CatalogSpec SPEC = new CatalogSpec(2_000, 10, 42L, 0.3);
    private static final CatalogGenerator GENERATOR = new CatalogGenerator(SPEC);
    private static final UpdateStreamSpec UPDATES = new UpdateStreamSpec(100).withUnknownShare(0.05);
    private static final int COUNT = 5_000;
    private static final CatalogTruth TRUTH = new CatalogTruth(GENERATOR, UPDATES, COUNT);

    @Test
    void replaysTheStreamExactly() {
        List<ProductUpdate> stream = ProductUpdateStreamTest.take(new ProductUpdateStream(GENERATOR, UPDATES), COUNT);
        for (int sequence = 1; sequence <= COUNT; sequence++) {
            assertEquals(stream.get(sequence - 1), TRUTH.update(sequence));
        }
        assertEquals(COUNT, TRUTH.updateCount());
        assertThrows(IllegalArgumentException.class, () -> TRUTH.update(0));
        assertThrows(IllegalArgumentException.class, () -> TRUTH.update(COUNT + 1));
    }

    @Test
    void productsAfterEachUpdateAreTheStreamsLatest() {
        ProductUpdateStream stream = new ProductUpdateStream(GENERATOR, UPDATES);
        Map<Integer, Product> latest = new HashMap<>();
        for (int sequence = 1; sequence <= COUNT; sequence++) {
            ProductUpdate update = stream.next();
            int index = CatalogGenerator.indexOf(update.productId());
            if (update.inCatalog()) {
                latest.put(index, update.product());
                assertEquals(update.product(), TRUTH.product(index, sequence));
                assertEquals(sequence, TRUTH.lastChange(index, sequence));
                if (TRUTH.lastChange(index, sequence - 1) == 0) {
                    assertEquals(GENERATOR.product(index), TRUTH.product(index, sequence - 1));
                }
            } else {
                assertEquals(Optional.empty(), TRUTH.product(update.productId(), sequence));
            }
            if (sequence % 1_000 == 0) {
                for (int product = 0; product < SPEC.products(); product++) {
                    assertEquals(latest.getOrDefault(product, GENERATOR.product(product)),
                            TRUTH.product(product, sequence), "product " + product + " after " + sequence);
                }
            }
        }
        assertTrue(latest.size() > 100, "only " + latest.size() + " products changed");
    }

    @Test
    void withoutUpdatesTheTruthIsTheGeneratedCatalog() {
        CatalogTruth none = CatalogTruth.withoutUpdates(GENERATOR);
        assertEquals(0, none.updateCount());
        for (int index = 0; index < 50; index++) {
            assertEquals(GENERATOR.product(index), none.product(index, 0));
            assertEquals(GENERATOR.list(index, 3), none.list(index, 3, 0));
        }
        assertEquals(BatchDigest.sha256(GENERATOR.batch(2)), BatchDigest.sha256(TRUTH.batch(2, 0)));
        assertThrows(IllegalArgumentException.class, () -> none.product(0, 1));
    }

    @Test
    void listsKeepTheBatchsMembershipAndCarryUpdatedFields() {
        int changedItems = 0;
        for (int index = 0; index < SPEC.products(); index++) {
            SimilarityList generated = GENERATOR.list(index, 2);
            SimilarityList updated = TRUTH.list(index, 2, COUNT);
            assertEquals(generated.productId(), updated.productId());
            assertEquals(generated.items().size(), updated.items().size());
            for (int i = 0; i < generated.items().size(); i++) {
                SimilarItem before = generated.items().get(i);
                SimilarItem after = updated.items().get(i);
                assertEquals(before.productId(), after.productId());
                assertEquals(before.rank(), after.rank());
                assertEquals(before.score(), after.score());
                assertEquals(TRUTH.product(CatalogGenerator.indexOf(after.productId()), COUNT), after.product());
                changedItems += before.equals(after) ? 0 : 1;
            }
        }
        // Skewed membership and read-skewed updates: changed products sit in many lists.
        assertTrue(changedItems > SPEC.products(), changedItems + " items changed");
    }

    @Test
    void theNextBatchCarriesTheUpdatesAppliedSoFar() {
        int applied = 3_000;
        Batch next = TRUTH.batch(2, "week-0002", applied);
        assertEquals("week-0002", next.id());
        assertEquals(SPEC.products(), next.productCount());
        List<SimilarityList> lists;
        try (Stream<SimilarityList> stream = next.lists()) {
            lists = stream.toList();
        }
        for (int index = 0; index < SPEC.products(); index++) {
            assertEquals(TRUTH.list(index, 2, applied), lists.get(index));
        }
        try (Stream<Product> products = next.products()) {
            List<Product> all = products.toList();
            for (int index = 0; index < SPEC.products(); index++) {
                assertEquals(TRUTH.product(index, applied), all.get(index));
            }
        }
        String digest = BatchDigest.sha256(next);
        assertEquals(digest, BatchDigest.sha256(new CatalogTruth(GENERATOR, UPDATES, COUNT).batch(2, applied)));
        assertNotEquals(BatchDigest.sha256(GENERATOR.batch(2)), digest);
        assertNotEquals(BatchDigest.sha256(TRUTH.batch(2, applied + 500)), digest);
    }

    @Test
    void freshnessTellsCurrentFromStaleFromWrong() {
        int judged = 0;
        for (int index = 0; index < SPEC.products(); index++) {
            long last = TRUTH.lastChange(index, 4_000);
            if (last == 0) {
                continue;
            }
            Product now = TRUTH.product(index, 4_000);
            Product before = TRUTH.product(index, last - 1);
            SimilarItem current = SimilarItem.of(now, 1, 0.9);
            SimilarItem stale = SimilarItem.of(before, 1, 0.9);
            assertEquals(Freshness.CURRENT, TRUTH.freshness(current, 4_000, 4_000));
            assertEquals(Freshness.STALE, TRUTH.freshness(stale, 4_000, 4_000), "product " + index);
            assertEquals(Freshness.STALE, TRUTH.freshness(stale, last, last));
            // The read started before update `last` committed: the older value was still current then.
            assertEquals(Freshness.CURRENT, TRUTH.freshness(stale, last - 1, 4_000));
            // The first generated value is stale once the product changed (unless changes took it back there).
            Freshness first = TRUTH.freshness(SimilarItem.of(GENERATOR.product(index), 1, 0.9), last, last);
            assertEquals(GENERATOR.product(index).equals(now) ? Freshness.CURRENT : Freshness.STALE, first);
            // A value from the future, not yet committed when the read ended, is no value the reader could see (a new
            // name or image is unique to its update; a price or rating may return to an earlier value).
            long next = nextChange(index, 4_000);
            if (next > 0 && EnumSet.of(DisplayField.NAME, DisplayField.IMAGE).contains(TRUTH.update(next).field())) {
                assertEquals(Freshness.WRONG,
                        TRUTH.freshness(SimilarItem.of(TRUTH.product(index, next), 1, 0.9), 4_000, 4_000));
                assertEquals(Freshness.CURRENT,
                        TRUTH.freshness(SimilarItem.of(TRUTH.product(index, next), 1, 0.9), 4_000, next));
            }
            judged++;
        }
        assertTrue(judged > 100, judged + " products judged");
        SimilarItem item = SimilarItem.of(TRUTH.product(5, COUNT), 1, 0.9);
        assertEquals(Freshness.WRONG, TRUTH.freshness(withPrice(item, item.priceCents() + 1), COUNT, COUNT));
        assertEquals(Freshness.WRONG, TRUTH.freshness(withName(item, item.name() + " v0"), COUNT, COUNT));
        assertEquals(Freshness.WRONG, TRUTH.freshness(withName(item, "Another product"), COUNT, COUNT));
        assertEquals(Freshness.WRONG,
                TRUTH.freshness(SimilarItem.of(GENERATOR.product(SPEC.products() + 3), 1, 0.9), COUNT, COUNT));
        assertThrows(IllegalArgumentException.class, () -> TRUTH.freshness(item, 10, 9));
        assertThrows(IllegalArgumentException.class, () -> TRUTH.freshness(item, 0, COUNT + 1));
    }

    @Test
    void anAnswerFromTheOlderBatchCopiesIsStaleAfterTheUpdates() {
        // A design that staged batch 1 with updates 1..1,000 applied and did not apply later ones (defer, or a
        // rollback to that batch) serves these copies after update 5,000.
        int staged = 1_000;
        int limit = 5;
        int stale = 0;
        int current = 0;
        for (int index = 0; index < SPEC.products(); index++) {
            List<SimilarItem> served = TRUTH.list(index, 1, staged).items().subList(0, limit);
            String viewed = CatalogGenerator.productId(index);
            Freshness verdict = TRUTH.freshness(viewed, 1, limit, served, COUNT, COUNT);
            List<String> staleProducts = TRUTH.staleProducts(served, COUNT, COUNT);
            boolean changedSince = served.stream().anyMatch(item -> !item.product().equals(
                    TRUTH.product(CatalogGenerator.indexOf(item.productId()), COUNT)));
            assertEquals(changedSince ? Freshness.STALE : Freshness.CURRENT, verdict, viewed);
            assertEquals(changedSince, !staleProducts.isEmpty());
            assertEquals(Freshness.CURRENT, TRUTH.freshness(viewed, 1, limit, served, staged, staged));
            stale += verdict == Freshness.STALE ? 1 : 0;
            current += verdict == Freshness.CURRENT ? 1 : 0;
        }
        // The top ranks hold popular products, which change most: most answers are stale, a few still current.
        assertTrue(stale > 1_000 && current > 0, stale + " stale, " + current + " current answers");
    }

    @Test
    void anAnswerOffTheBatchIsWrongWhateverItsFields() {
        String viewed = CatalogGenerator.productId(11);
        List<SimilarItem> truth = TRUTH.list(11, 2, COUNT).items();
        assertEquals(Freshness.CURRENT, TRUTH.freshness(viewed, 2, 10, truth, COUNT, COUNT));
        assertEquals(Freshness.CURRENT, TRUTH.freshness(viewed, 2, 100, truth, COUNT, COUNT));
        assertEquals(Freshness.WRONG, TRUTH.freshness(viewed, 2, 3, truth, COUNT, COUNT), "too many items");
        List<SimilarItem> swapped = new ArrayList<>(truth);
        swapped.set(0, truth.get(1));
        swapped.set(1, truth.get(0));
        assertEquals(Freshness.WRONG, TRUTH.freshness(viewed, 2, 10, swapped, COUNT, COUNT));
        List<SimilarItem> otherBatch = TRUTH.list(11, 1, COUNT).items();
        if (!GENERATOR.list(11, 1).equals(GENERATOR.list(11, 2))) {
            assertEquals(Freshness.WRONG, TRUTH.freshness(viewed, 2, 10, otherBatch, COUNT, COUNT));
        }
        assertEquals(Freshness.WRONG, TRUTH.freshness("SKU-9999999", 2, 10, truth, COUNT, COUNT));
    }

    @Test
    void unknownProductUpdatesLeaveTheCatalogAlone() {
        CatalogTruth allUnknown = new CatalogTruth(GENERATOR, UPDATES.withUnknownShare(1), 500);
        for (int sequence = 1; sequence <= 500; sequence++) {
            ProductUpdate update = allUnknown.update(sequence);
            assertTrue(CatalogGenerator.indexOf(update.productId()) >= SPEC.products(), update::toString);
            assertTrue(!update.inCatalog());
        }
        assertEquals(BatchDigest.sha256(GENERATOR.batch(1)), BatchDigest.sha256(allUnknown.batch(1, 500)));
    }

    private static long nextChange(int index, long after) {
        for (long sequence = after + 1; sequence <= COUNT; sequence++) {
            if (TRUTH.lastChange(index, sequence) == sequence) {
                return sequence;
            }
        }
        return 0;
    }

    private static SimilarItem withPrice(SimilarItem item, int priceCents) {
        return new SimilarItem(item.productId(), item.rank(), item.score(), item.name(), item.brand(),
                item.category(), priceCents, item.rating(), item.imageUrl());
    }

    private static SimilarItem withName(SimilarItem item, String name) {
        return new SimilarItem(item.productId(), item.rank(), item.score(), name, item.brand(), item.category(),
                item.priceCents(), item.rating(), item.imageUrl());
    }
}
