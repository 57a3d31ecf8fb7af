package dev.schemabench.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The generator is the ground truth of every other test: same spec, same bytes; lists shaped as documented. */
class CatalogGeneratorTest {

    private static final CatalogSpec SPEC = new CatalogSpec(500, 20, 42L, 0.3);

    @Test
    void sameSpecYieldsSameDigest() {
        String first = BatchDigest.sha256(new CatalogGenerator(SPEC).batch(1));
        String second = BatchDigest.sha256(new CatalogGenerator(new CatalogSpec(500, 20, 42L, 0.3)).batch(1));
        assertEquals(first, second);
        assertEquals(64, first.length());
    }

    @Test
    void otherSeedOrBatchYieldsOtherDigest() {
        String base = BatchDigest.sha256(new CatalogGenerator(SPEC).batch(1));
        assertNotEquals(base, BatchDigest.sha256(new CatalogGenerator(new CatalogSpec(500, 20, 43L, 0.3)).batch(1)));
        assertNotEquals(base, BatchDigest.sha256(new CatalogGenerator(SPEC).batch(2)));
    }

    @Test
    void productIsStableAcrossInstancesAndBatches() {
        CatalogGenerator one = new CatalogGenerator(SPEC);
        CatalogGenerator two = new CatalogGenerator(SPEC);
        for (int index : new int[] {0, 1, 17, 499}) {
            Product product = one.product(index);
            assertEquals(product, two.product(index));
            assertEquals(CatalogGenerator.productId(index), product.productId());
            assertTrue(product.priceCents() > 0, product::toString);
            assertTrue(product.rating() >= 1.0 && product.rating() <= 5.0, product::toString);
            assertEquals(Math.round(product.rating() * 10) / 10.0, product.rating(), product::toString);
            assertTrue(product.imageUrl().startsWith("https://"), product::toString);
        }
        // The generator's display fields are the same in every batch (updates come through CatalogTruth): an item of
        // any batch carries the product's generated fields.
        for (int batch = 1; batch <= 3; batch++) {
            for (SimilarItem item : one.list(7, batch).items()) {
                assertEquals(one.product(CatalogGenerator.indexOf(item.productId())), item.product());
            }
        }
    }

    @Test
    void listsHaveKDistinctOtherItemsWithDescendingScoresAndRanks() {
        CatalogGenerator generator = new CatalogGenerator(SPEC);
        for (int index = 0; index < SPEC.products(); index++) {
            assertWellFormed(generator.list(index, 1), index, SPEC.recsPerProduct());
        }
    }

    @Test
    void largestListsStayWellFormed() {
        // 100 recommendations among 101 products: every other product, scores still strictly positive.
        CatalogGenerator generator = new CatalogGenerator(new CatalogSpec(101, 100, 7L, 0.3));
        for (int index = 0; index < 101; index++) {
            SimilarityList list = generator.list(index, 2);
            assertWellFormed(list, index, 100);
        }
    }

    @Test
    void churnChangesTheConfiguredShareOfLists() {
        int products = 5_000;
        double churn = 0.3;
        CatalogGenerator generator = new CatalogGenerator(new CatalogSpec(products, 5, 11L, churn));
        long changed = IntStream.range(0, products)
                .filter(index -> !generator.list(index, 1).equals(generator.list(index, 2))).count();
        // Each list changes independently with probability churn: a binomial count. Five standard deviations
        // make a false failure practically impossible while still catching a wrong share (0.2 or 0.4 is > 15 sd).
        double expected = products * churn;
        double tolerance = 5 * Math.sqrt(products * churn * (1 - churn));
        assertTrue(Math.abs(changed - expected) <= tolerance,
                "changed " + changed + " lists, expected " + expected + " +- " + tolerance);
    }

    @Test
    void unchangedListsAreIdenticalAndChangedOnesDiffer() {
        CatalogGenerator generator = new CatalogGenerator(new CatalogSpec(300, 10, 5L, 0.3));
        for (int index = 0; index < 300; index++) {
            boolean churned = generator.generation(index, 2) == 2;
            assertEquals(!churned, generator.list(index, 1).equals(generator.list(index, 2)), "product " + index);
        }
    }

    @Test
    void zeroChurnChangesNothing() {
        CatalogGenerator generator = new CatalogGenerator(new CatalogSpec(300, 10, 5L, 0.0));
        assertEquals(BatchDigest.sha256(generator.batch(1)), BatchDigest.sha256(generator.batch(2)));
        assertEquals(BatchDigest.sha256(generator.batch(1)), BatchDigest.sha256(generator.batch(9)));
    }

    @Test
    void batchStreamsAreRepeatableAndCountProducts() {
        Batch batch = new CatalogGenerator(SPEC).batch(3);
        assertEquals("week-0003", batch.id());
        assertEquals(SPEC.products(), batch.productCount());
        List<SimilarityList> first;
        try (Stream<SimilarityList> lists = batch.lists()) {
            first = lists.toList();
        }
        List<SimilarityList> second;
        try (Stream<SimilarityList> lists = batch.lists()) {
            second = lists.toList();
        }
        assertEquals(first, second);
        assertEquals(SPEC.products(), first.size());
        Set<String> ids = new HashSet<>();
        try (Stream<Product> products = batch.products()) {
            products.forEach(product -> assertTrue(ids.add(product.productId()), "duplicate " + product));
        }
        assertEquals(SPEC.products(), ids.size());
    }

    @Test
    void productIdsRoundTripBeyondSevenDigits() {
        for (int index : new int[] {0, 42, 9_999_999, 10_000_000, 123_456_789, Integer.MAX_VALUE}) {
            String id = CatalogGenerator.productId(index);
            assertEquals(index, CatalogGenerator.indexOf(id), id);
        }
        assertEquals(-1, CatalogGenerator.indexOf("SKU-42"));
        assertEquals(-1, CatalogGenerator.indexOf("SKU-00000042"));
        assertEquals(-1, CatalogGenerator.indexOf("SKU-99999999999"));
        assertEquals(-1, CatalogGenerator.indexOf("sku-0000042"));
        assertEquals(-1, CatalogGenerator.indexOf(null));
    }

    @Test
    void generatedIdsDoNotDependOnTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        String digest = BatchDigest.sha256(new CatalogGenerator(new CatalogSpec(50, 5, 1L, 0.3)).batch(1));
        try {
            // Arabic (Egypt) formats numbers with Arabic-Indic digits by default.
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            assertEquals("SKU-0000042", CatalogGenerator.productId(42));
            assertEquals("week-0001", CatalogGenerator.defaultBatchId(1));
            assertEquals(digest, BatchDigest.sha256(new CatalogGenerator(new CatalogSpec(50, 5, 1L, 0.3)).batch(1)));
        } finally {
            Locale.setDefault(saved);
        }
    }

    private static void assertWellFormed(SimilarityList list, int index, int recs) {
        assertEquals(CatalogGenerator.productId(index), list.productId());
        List<SimilarItem> items = list.items();
        assertEquals(recs, items.size());
        Set<String> seen = new HashSet<>();
        double previousScore = Double.POSITIVE_INFINITY;
        for (int i = 0; i < items.size(); i++) {
            SimilarItem item = items.get(i);
            assertEquals(i + 1, item.rank(), list::toString);
            assertTrue(seen.add(item.productId()), () -> "duplicate item in " + list);
            assertNotEquals(list.productId(), item.productId(), "a product recommends itself");
            assertTrue(item.score() > 0 && item.score() <= 1, () -> "score out of (0,1]: " + item);
            assertTrue(item.score() < previousScore, () -> "scores not strictly descending: " + list);
            assertEquals(Math.round(item.score() * 10_000) / 10_000.0, item.score(), "four decimals: " + item);
            previousScore = item.score();
        }
    }
}
