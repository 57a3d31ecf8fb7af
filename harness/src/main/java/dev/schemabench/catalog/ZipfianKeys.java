package dev.schemabench.catalog;

import java.util.SplittableRandom;

/**
 * The read key sequence: product popularity follows a Zipfian distribution (constant 0.99 by default, as in YCSB's
 * {@code ZipfianGenerator}, after Gray et al., "Quickly Generating Billion-Record Synthetic Databases"), and the
 * popularity ranks are scattered over the catalog by a seeded permutation ({@link PopularityOrder}, which list
 * membership and the update stream share) so the hottest products are not the lowest ids. Deterministic for a given
 * spec. Not thread-safe: use one instance per thread.
 */
public final class ZipfianKeys {

    /** YCSB's default Zipfian constant. */
    public static final double DEFAULT_CONSTANT = 0.99;

    private final int items;
    private final double theta;
    private final double zetan;
    private final double alpha;
    private final double eta;
    private final PopularityOrder order;
    private final SplittableRandom random;

    public ZipfianKeys(CatalogSpec spec) {
        this(spec.products(), DEFAULT_CONSTANT, spec.seed());
    }

    public ZipfianKeys(int items, double constant, long seed) {
        this(items, constant, seed, 0x4B455953L);
    }

    /**
     * Keys over the popularity order of {@code seed} drawn from a random stream salted by {@code streamSalt}: the same
     * products are popular as for reads, but the draws are independent of the read sequence.
     */
    ZipfianKeys(int items, double constant, long seed, long streamSalt) {
        if (items < 2) {
            throw new IllegalArgumentException("need at least 2 items, got " + items);
        }
        this.items = items;
        this.theta = constant;
        this.zetan = zeta(items, constant);
        double zeta2 = zeta(2, constant);
        this.alpha = 1.0 / (1.0 - constant);
        this.eta = (1 - Math.pow(2.0 / items, 1 - constant)) / (1 - zeta2 / zetan);
        this.order = new PopularityOrder(items, seed);
        this.random = new SplittableRandom(Mix.mix(seed, streamSalt));
    }

    /** The next product index in the sequence. */
    public int nextIndex() {
        return productAtRank(nextRank());
    }

    /** The next product id in the sequence. */
    public String nextProductId() {
        return CatalogGenerator.productId(nextIndex());
    }

    /** The next {@code count} product ids in the sequence, in order. */
    public String[] nextProductIds(int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = nextProductId();
        }
        return ids;
    }

    /** The popularity rank (0 is the most popular) of the next read, before scattering. */
    int nextRank() {
        return rankFor(random.nextDouble());
    }

    /** The popularity rank that the uniform value {@code u} in [0, 1) maps to (Gray et al.'s approximation). */
    int rankFor(double u) {
        double uz = u * zetan;
        if (uz < 1.0) {
            return 0;
        }
        if (uz < 1.0 + Math.pow(0.5, theta)) {
            return 1;
        }
        long rank = (long) (items * Math.pow(eta * u - eta + 1, alpha));
        return (int) Math.min(rank, items - 1L);
    }

    /** The product index holding popularity rank {@code rank}; a bijection over {@code [0, items)}. */
    public int productAtRank(int rank) {
        return order.productAtRank(rank);
    }

    private static double zeta(long n, double theta) {
        double sum = 0;
        for (long i = 1; i <= n; i++) {
            sum += 1.0 / Math.pow(i, theta);
        }
        return sum;
    }
}
