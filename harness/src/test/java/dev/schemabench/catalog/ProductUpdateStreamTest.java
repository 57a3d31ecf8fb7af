package dev.schemabench.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The update stream: deterministic by seed, skewed like reads by default, every update a visible change. */
class ProductUpdateStreamTest {

    private static final CatalogSpec SPEC = new CatalogSpec(10_000, 20, 42L, 0.3);
    private static final CatalogGenerator GENERATOR = new CatalogGenerator(SPEC);
    private static final UpdateStreamSpec UPDATES = new UpdateStreamSpec(100);

    @Test
    void sameSeedSameUpdatesOtherSeedOtherUpdates() {
        List<ProductUpdate> first = take(new ProductUpdateStream(GENERATOR, UPDATES), 2_000);
        List<ProductUpdate> second = take(new ProductUpdateStream(new CatalogGenerator(
                new CatalogSpec(10_000, 20, 42L, 0.3)), new UpdateStreamSpec(100)), 2_000);
        assertEquals(first, second);
        List<ProductUpdate> otherSeed = take(new ProductUpdateStream(new CatalogGenerator(
                new CatalogSpec(10_000, 20, 43L, 0.3)), UPDATES), 2_000);
        assertNotEquals(first, otherSeed);
        for (int i = 0; i < first.size(); i++) {
            assertEquals(i + 1L, first.get(i).sequence());
        }
    }

    @Test
    void theRateOnlyPacesTheStream() {
        assertEquals(take(new ProductUpdateStream(GENERATOR, UPDATES), 500),
                take(new ProductUpdateStream(GENERATOR, new UpdateStreamSpec(7)), 500));
        UpdateStreamSpec twoHundred = new UpdateStreamSpec(200);
        assertEquals(0, twoHundred.intendedOffsetNanos(1));
        assertEquals(5_000_000, twoHundred.intendedOffsetNanos(2));
        assertEquals(1_000_000_000, twoHundred.intendedOffsetNanos(201));
        assertThrows(IllegalArgumentException.class, () -> twoHundred.intendedOffsetNanos(0));
    }

    @Test
    void updatesFollowTheReadPopularityByDefault() {
        int draws = 50_000;
        int[] perProduct = targets(new ProductUpdateStream(GENERATOR, UPDATES), draws);
        ZipfianKeys reads = new ZipfianKeys(SPEC);
        int hottest = reads.productAtRank(0);
        double uniform = (double) draws / SPEC.products();
        // Zipf(0.99) over 10,000 products gives rank 0 about a tenth of all draws, like ZipfianKeysTest.
        assertTrue(perProduct[hottest] > 100 * uniform, "hottest read product changed " + perProduct[hottest]);
        assertEquals(hottest, argMax(perProduct), "the most changed product is the most read one");
        long hotDecile = 0;
        for (int rank = 0; rank < SPEC.products() / 10; rank++) {
            hotDecile += perProduct[reads.productAtRank(rank)];
        }
        assertTrue(hotDecile > 0.6 * draws, "the most read tenth got " + hotDecile + " of " + draws + " updates");
    }

    @Test
    void uniformUpdatesSpreadEvenly() {
        int draws = 50_000;
        int[] perProduct = targets(new ProductUpdateStream(GENERATOR, UPDATES.withSkew(UpdateSkew.UNIFORM)), draws);
        ZipfianKeys reads = new ZipfianKeys(SPEC);
        long hotDecile = 0;
        for (int rank = 0; rank < SPEC.products() / 10; rank++) {
            hotDecile += perProduct[reads.productAtRank(rank)];
        }
        // Binomial(50,000, 0.1): 5,000 +- 67; five standard deviations.
        assertTrue(Math.abs(hotDecile - draws / 10.0) < 5 * Math.sqrt(draws * 0.1 * 0.9), "hot decile " + hotDecile);
        assertTrue(perProduct[argMax(perProduct)] < 25, "max " + perProduct[argMax(perProduct)]);
    }

    @Test
    void updateTargetsAreNotTheReadSequence() {
        ProductUpdateStream stream = new ProductUpdateStream(GENERATOR, UPDATES);
        ZipfianKeys reads = new ZipfianKeys(SPEC);
        int same = 0;
        for (int i = 0; i < 1_000; i++) {
            same += stream.next().productId().equals(reads.nextProductId()) ? 1 : 0;
        }
        // Independent draws coincide about sum(p^2) of the time, 1 to 2 % for Zipf(0.99) over 10,000.
        assertTrue(same < 100, same + " of 1,000 updates hit the product read at the same position");
    }

    @Test
    void everyUpdateChangesItsFieldOnlyAndVisibly() {
        ProductUpdateStream stream = new ProductUpdateStream(GENERATOR, UPDATES);
        Map<String, Product> current = new HashMap<>();
        Map<DisplayField, Integer> fields = new EnumMap<>(DisplayField.class);
        int updates = 20_000;
        for (int i = 0; i < updates; i++) {
            ProductUpdate update = stream.next();
            assertTrue(update.inCatalog());
            Product before = current.getOrDefault(update.productId(),
                    GENERATOR.product(CatalogGenerator.indexOf(update.productId())));
            Product after = update.product();
            assertEquals(update.productId(), after.productId());
            assertEquals(before.brand(), after.brand());
            assertEquals(before.category(), after.category());
            assertEquals(update.field() == DisplayField.PRICE, before.priceCents() != after.priceCents(), update::toString);
            assertEquals(update.field() == DisplayField.RATING, before.rating() != after.rating(), update::toString);
            assertEquals(update.field() == DisplayField.NAME, !before.name().equals(after.name()), update::toString);
            assertEquals(update.field() == DisplayField.IMAGE, !before.imageUrl().equals(after.imageUrl()),
                    update::toString);
            assertTrue(after.priceCents() >= 99 && after.priceCents() % 100 == 99, update::toString);
            assertTrue(after.rating() >= 1.0 && after.rating() <= 5.0, update::toString);
            assertEquals(Math.round(after.rating() * 10) / 10.0, after.rating(), update::toString);
            assertTrue(after.imageUrl().startsWith("https://") && after.imageUrl().endsWith(".jpg"), update::toString);
            current.put(update.productId(), after);
            fields.merge(update.field(), 1, Integer::sum);
        }
        assertShare(fields.get(DisplayField.PRICE), updates, 0.40);
        assertShare(fields.get(DisplayField.RATING), updates, 0.30);
        assertShare(fields.get(DisplayField.NAME), updates, 0.15);
        assertShare(fields.get(DisplayField.IMAGE), updates, 0.15);
    }

    @Test
    void pricesStayNearTheCatalogsAfterManyUpdates() {
        ProductUpdateStream stream = new ProductUpdateStream(GENERATOR, UPDATES);
        for (int i = 0; i < 50_000; i++) {
            ProductUpdate update = stream.next();
            int base = GENERATOR.product(CatalogGenerator.indexOf(update.productId())).priceCents();
            assertTrue(update.product().priceCents() <= 1.3 * base + 200, update + " from " + base);
        }
    }

    @Test
    void unknownProductsAreInjectedAtTheConfiguredShare() {
        int updates = 10_000;
        double share = 0.1;
        ProductUpdateStream stream = new ProductUpdateStream(GENERATOR, UPDATES.withUnknownShare(share));
        int unknown = 0;
        for (int i = 0; i < updates; i++) {
            ProductUpdate update = stream.next();
            int index = CatalogGenerator.indexOf(update.productId());
            assertTrue(index >= 0, "an id of the generated form: " + update.productId());
            assertEquals(index < SPEC.products(), update.inCatalog(), update::toString);
            unknown += update.inCatalog() ? 0 : 1;
        }
        assertShare(unknown, updates, share);
        ProductUpdateStream allUnknown = new ProductUpdateStream(GENERATOR, UPDATES.withUnknownShare(1));
        for (int i = 0; i < 100; i++) {
            assertFalse(allUnknown.next().inCatalog());
        }
        assertEquals(100, allUnknown.emitted());
    }

    @Test
    void specsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new UpdateStreamSpec(0));
        assertThrows(IllegalArgumentException.class, () -> new UpdateStreamSpec(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new UpdateStreamSpec(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new UpdateStreamSpec(10, UpdateSkew.READS, 1.5));
        assertThrows(NullPointerException.class, () -> new UpdateStreamSpec(10, null, 0));
        assertEquals(UpdateSkew.READS, new UpdateStreamSpec(10).skew());
        assertEquals(UpdateSkew.UNIFORM, UpdateSkew.parse("uniform"));
        assertEquals(UpdateSkew.READS, UpdateSkew.parse(" READS "));
        assertThrows(IllegalArgumentException.class, () -> UpdateSkew.parse("zipf"));
    }

    private static void assertShare(long count, long total, double share) {
        double tolerance = 5 * Math.sqrt(total * share * (1 - share));
        assertTrue(Math.abs(count - total * share) <= tolerance,
                count + " of " + total + ", expected " + total * share + " +- " + tolerance);
    }

    private static int[] targets(ProductUpdateStream stream, int draws) {
        int[] perProduct = new int[SPEC.products()];
        for (int i = 0; i < draws; i++) {
            perProduct[CatalogGenerator.indexOf(stream.next().productId())]++;
        }
        return perProduct;
    }

    private static int argMax(int[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    static List<ProductUpdate> take(ProductUpdateStream stream, int count) {
        List<ProductUpdate> updates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            updates.add(stream.next());
        }
        return updates;
    }
}
