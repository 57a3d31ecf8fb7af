package dev.schemabench.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Skewed membership: how many lists a product appears in is heavy-tailed and follows the read popularity. */
class MembershipTest {

    /** The quick profile's catalog. */
    private static final CatalogSpec QUICK = new CatalogSpec(10_000, 20, 42L, 0.3);

    @Test
    void skewIsTheDefault() {
        assertEquals(Membership.SKEWED, QUICK.membership());
        assertEquals(Membership.UNIFORM, QUICK.withMembership(Membership.UNIFORM).membership());
        assertEquals(QUICK, QUICK.withMembership(Membership.UNIFORM).withMembership(Membership.SKEWED));
    }

    @Test
    void theMostPopularDecileAppearsInManyTimesMoreListsThanTheMedianProduct() {
        int[] lists = new CatalogGenerator(QUICK).listsPerProduct(1);
        int[] sorted = sorted(lists);
        double topDecile = topDecileMean(sorted);
        int median = sorted[sorted.length / 2];
        // Measured with seed 42: median 13, top decile mean about 75 (5.8 times); uniform membership gives about 1.4.
        assertTrue(topDecile >= 4.0 * median, "top decile " + topDecile + " vs median " + median);
        int max = sorted[sorted.length - 1];
        assertTrue(max >= 25 * QUICK.recsPerProduct(),
                "the most recommended product is in " + max + " lists, a mean product in " + QUICK.recsPerProduct());
        assertEquals((long) QUICK.products() * QUICK.recsPerProduct(), Arrays.stream(lists).asLongStream().sum());
    }

    @Test
    void uniformMembershipHasNoHeavyTail() {
        int[] sorted = sorted(new CatalogGenerator(QUICK.withMembership(Membership.UNIFORM)).listsPerProduct(1));
        double topDecile = topDecileMean(sorted);
        int median = sorted[sorted.length / 2];
        assertTrue(topDecile < 2.0 * median, "top decile " + topDecile + " vs median " + median);
        assertTrue(sorted[sorted.length - 1] < 3 * QUICK.recsPerProduct(), "max " + sorted[sorted.length - 1]);
    }

    @Test
    void theMostReadProductsAreTheMostRecommended() {
        int[] lists = new CatalogGenerator(QUICK).listsPerProduct(1);
        ZipfianKeys reads = new ZipfianKeys(QUICK);
        int median = sorted(lists)[lists.length / 2];
        for (int rank = 0; rank < 10; rank++) {
            int index = reads.productAtRank(rank);
            assertTrue(lists[index] > 10 * median,
                    "read rank " + rank + " (product " + index + ") is in " + lists[index] + " lists, median " + median);
        }
        // The coldest tenth by read popularity sits in fewer lists than the median product.
        long coldLists = 0;
        for (int rank = QUICK.products() * 9 / 10; rank < QUICK.products(); rank++) {
            coldLists += lists[reads.productAtRank(rank)];
        }
        double coldMean = coldLists / (QUICK.products() / 10.0);
        assertTrue(coldMean < median, "coldest decile mean " + coldMean + " vs median " + median);
    }

    @Test
    void membershipStaysSkewedInLaterBatches() {
        int[] sorted = sorted(new CatalogGenerator(QUICK).listsPerProduct(4));
        assertTrue(topDecileMean(sorted) >= 4.0 * sorted[sorted.length / 2]);
    }

    @Test
    void uniformMembershipReproducesTheDataGeneratedBeforeTheSkew() {
        // Digests of CatalogSpec(500, 20, 42, 0.3) batches 1 and 2 as generated before membership became skewed:
        // baselines recorded with uniform membership stay comparable.
        CatalogGenerator uniform = new CatalogGenerator(
                new CatalogSpec(500, 20, 42L, 0.3).withMembership(Membership.UNIFORM));
        assertEquals("2d6d2ecb50c996a8c12f20a55c5d0d99e9d941fe23b99c72a89593e1e5c53e45",
                BatchDigest.sha256(uniform.batch(1)));
        assertEquals("a13fec556c347cd517496ff7b98e37bc84d1ec501f14e554c691a88e3eeeefb2",
                BatchDigest.sha256(uniform.batch(2)));
    }

    @Test
    void skewedDataIsDeterministicAndDiffersFromUniform() {
        CatalogSpec spec = new CatalogSpec(2_000, 10, 7L, 0.3);
        String skewed = BatchDigest.sha256(new CatalogGenerator(spec).batch(1));
        assertEquals(skewed, BatchDigest.sha256(new CatalogGenerator(new CatalogSpec(2_000, 10, 7L, 0.3)).batch(1)));
        assertNotEquals(skewed,
                BatchDigest.sha256(new CatalogGenerator(spec.withMembership(Membership.UNIFORM)).batch(1)));
        assertNotEquals(skewed, BatchDigest.sha256(new CatalogGenerator(new CatalogSpec(2_000, 10, 8L, 0.3)).batch(1)));
    }

    @Test
    void theReverseLookupFindsEveryListRecommendingAProduct() {
        CatalogGenerator generator = new CatalogGenerator(new CatalogSpec(1_000, 10, 3L, 0.3));
        int[] lists = generator.listsPerProduct(2);
        int hottest = new ZipfianKeys(generator.spec()).productAtRank(0);
        String hot = CatalogGenerator.productId(hottest);
        String cold = CatalogGenerator.productId(new ZipfianKeys(generator.spec()).productAtRank(999));
        String unknown = CatalogGenerator.productId(5_000);
        Map<String, List<String>> found = generator.recommenders(2, List.of(hot, cold, unknown));
        assertEquals(List.of(hot, cold, unknown), List.copyOf(found.keySet()));
        assertEquals(lists[hottest], found.get(hot).size());
        assertEquals(lists[CatalogGenerator.indexOf(cold)], found.get(cold).size());
        assertEquals(List.of(), found.get(unknown));
        for (int index = 0; index < 1_000; index++) {
            boolean recommends = generator.list(index, 2).items().stream()
                    .anyMatch(item -> item.productId().equals(hot));
            assertEquals(recommends, found.get(hot).contains(CatalogGenerator.productId(index)), "list " + index);
        }
        assertTrue(found.get(hot).size() > 10 * found.get(cold).size() + 10, found.get(hot).size() + " vs "
                + found.get(cold).size());
    }

    @Test
    void membershipParsesItsProfileSpelling() {
        assertEquals(Membership.SKEWED, Membership.parse("skewed"));
        assertEquals(Membership.UNIFORM, Membership.parse(" Uniform "));
        assertEquals("uniform", Membership.UNIFORM.key());
        assertThrows(IllegalArgumentException.class, () -> Membership.parse("zipf"));
        assertThrows(IllegalArgumentException.class, () -> Membership.parse(null));
    }

    private static int[] sorted(int[] values) {
        int[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static double topDecileMean(int[] ascending) {
        int decile = ascending.length / 10;
        long sum = 0;
        for (int i = ascending.length - decile; i < ascending.length; i++) {
            sum += ascending[i];
        }
        return (double) sum / decile;
    }
}
