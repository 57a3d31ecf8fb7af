package dev.schemabench.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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
        int[] lists = listsPerProduct(new CatalogGenerator(QUICK), 1);
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
        int[] sorted = sorted(listsPerProduct(new CatalogGenerator(QUICK.withMembership(Membership.UNIFORM)), 1));
        double topDecile = topDecileMean(sorted);
        int median = sorted[sorted.length / 2];
        assertTrue(topDecile < 2.0 * median, "top decile " + topDecile + " vs median " + median);
        assertTrue(sorted[sorted.length - 1] < 3 * QUICK.recsPerProduct(), "max " + sorted[sorted.length - 1]);
    }

    @Test
    void theMostReadProductsAreTheMostRecommended() {
        int[] lists = listsPerProduct(new CatalogGenerator(QUICK), 1);
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
        int[] sorted = sorted(listsPerProduct(new CatalogGenerator(QUICK), 4));
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
    void membershipParsesItsProfileSpelling() {
        assertEquals(Membership.SKEWED, Membership.parse("skewed"));
        assertEquals(Membership.UNIFORM, Membership.parse(" Uniform "));
        assertEquals("uniform", Membership.UNIFORM.key());
        assertThrows(IllegalArgumentException.class, () -> Membership.parse("zipf"));
        assertThrows(IllegalArgumentException.class, () -> Membership.parse(null));
    }

    /** For each product index, the number of lists of batch {@code batchNumber} that recommend it. */
    static int[] listsPerProduct(CatalogGenerator generator, int batchNumber) {
        int[] lists = new int[generator.spec().products()];
        for (int index = 0; index < lists.length; index++) {
            for (SimilarItem item : generator.list(index, batchNumber).items()) {
                lists[CatalogGenerator.indexOf(item.productId())]++;
            }
        }
        return lists;
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
