package dev.schemabench.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ZipfianKeysTest {

    @Test
    void sameSeedSameSequence() {
        assertArrayEquals(draw(new ZipfianKeys(10_000, ZipfianKeys.DEFAULT_CONSTANT, 9L), 1_000),
                draw(new ZipfianKeys(10_000, ZipfianKeys.DEFAULT_CONSTANT, 9L), 1_000));
        assertArrayEquals(draw(new ZipfianKeys(new CatalogSpec(10_000, 10, 9L, 0.3)), 1_000),
                draw(new ZipfianKeys(10_000, ZipfianKeys.DEFAULT_CONSTANT, 9L), 1_000));
    }

    @Test
    void productAtRankIsABijection() {
        for (int items : new int[] {2, 3, 10, 97, 1_000, 1_024, 65_536, 100_003}) {
            for (long seed = 0; seed < 4; seed++) {
                ZipfianKeys keys = new ZipfianKeys(items, ZipfianKeys.DEFAULT_CONSTANT, seed);
                BitSet hit = new BitSet(items);
                for (int rank = 0; rank < items; rank++) {
                    int index = keys.productAtRank(rank);
                    assertTrue(index >= 0 && index < items, "index " + index + " out of range for " + items);
                    assertTrue(!hit.get(index), "index " + index + " hit twice for items=" + items + " seed=" + seed);
                    hit.set(index);
                }
                assertEquals(items, hit.cardinality());
            }
        }
    }

    @Test
    void hottestProductDependsOnTheSeed() {
        Set<Integer> hottest = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            hottest.add(new ZipfianKeys(100_000, ZipfianKeys.DEFAULT_CONSTANT, seed).productAtRank(0));
        }
        assertTrue(hottest.size() >= 4, "the permutation barely depends on the seed: " + hottest);
    }

    @Test
    void rankZeroIsFarMoreFrequentThanUniform() {
        int items = 10_000;
        int draws = 100_000;
        ZipfianKeys keys = new ZipfianKeys(items, ZipfianKeys.DEFAULT_CONSTANT, 3L);
        int hottest = keys.productAtRank(0);
        int second = keys.productAtRank(1);
        int hottestCount = 0;
        int secondCount = 0;
        int coldHalf = 0;
        for (int i = 0; i < draws; i++) {
            int rank = keys.nextRank();
            assertTrue(rank >= 0 && rank < items, "rank " + rank);
            int index = keys.productAtRank(rank);
            hottestCount += index == hottest ? 1 : 0;
            secondCount += index == second ? 1 : 0;
            coldHalf += rank >= items / 2 ? 1 : 0;
        }
        double uniform = (double) draws / items;
        // Zipf(0.99) over 10,000 items gives rank 0 about 1/zeta(10000) ~ 10% of draws, a thousand times uniform.
        assertTrue(hottestCount > 100 * uniform, "rank 0 drawn " + hottestCount + " times, uniform is " + uniform);
        assertTrue(hottestCount > secondCount, "rank 0 " + hottestCount + " vs rank 1 " + secondCount);
        assertTrue(coldHalf < draws / 10, "the colder half got " + coldHalf + " of " + draws + " draws");
    }

    @Test
    void nextIndexAndProductIdFollowTheSameSequence() {
        ZipfianKeys indexes = new ZipfianKeys(1_000, ZipfianKeys.DEFAULT_CONSTANT, 5L);
        ZipfianKeys ids = new ZipfianKeys(1_000, ZipfianKeys.DEFAULT_CONSTANT, 5L);
        for (int i = 0; i < 100; i++) {
            assertEquals(CatalogGenerator.productId(indexes.nextIndex()), ids.nextProductId());
        }
    }

    @Test
    void nextProductIdsContinueTheSequence() {
        ZipfianKeys one = new ZipfianKeys(1_000, ZipfianKeys.DEFAULT_CONSTANT, 5L);
        ZipfianKeys many = new ZipfianKeys(1_000, ZipfianKeys.DEFAULT_CONSTANT, 5L);
        String[] first = many.nextProductIds(50);
        for (String id : first) {
            assertEquals(one.nextProductId(), id);
        }
        assertEquals(one.nextProductId(), many.nextProductIds(1)[0], "the next call goes on where it stopped");
        assertEquals(0, many.nextProductIds(0).length);
    }

    private static int[] draw(ZipfianKeys keys, int count) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = keys.nextIndex();
        }
        return values;
    }
}
