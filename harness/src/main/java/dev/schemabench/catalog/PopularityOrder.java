package dev.schemabench.catalog;

/**
 * The catalog's popularity order: a seeded bijection from popularity rank (0 is the most popular) to product index,
 * so the hottest products are scattered over the catalog instead of being the lowest ids. Reads
 * ({@link ZipfianKeys}), list membership ({@link CatalogGenerator}) and the update stream ({@link ProductUpdateStream})
 * all rank products by this one order for a given seed: the product read most is also the one recommended most and,
 * by default, changed most. Immutable and thread-safe; construction is constant time.
 */
final class PopularityOrder {

    private final int items;
    private final long multiplier;
    private final long offset;

    PopularityOrder(int items, long seed) {
        if (items < 2) {
            throw new IllegalArgumentException("need at least 2 items, got " + items);
        }
        this.items = items;
        this.multiplier = coprimeMultiplier(items, Mix.mix(seed, 0x5A495046L));
        this.offset = Math.floorMod(Mix.mix(seed, 0x4F464653L), (long) items);
    }

    int items() {
        return items;
    }

    /** The product index holding popularity rank {@code rank}; a bijection over {@code [0, items)}. */
    int productAtRank(int rank) {
        return (int) Math.floorMod(rank * multiplier + offset, (long) items);
    }

    private static long coprimeMultiplier(int items, long hash) {
        long candidate = Math.floorMod(hash, (long) items);
        if (candidate < 2) {
            candidate = 2;
        }
        while (gcd(candidate, items) != 1) {
            candidate++;
        }
        return candidate;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
