package dev.schemabench.catalog;

/**
 * What to generate: the same spec always yields the same data, byte for byte.
 *
 * @param products        number of products, at least 2
 * @param recsPerProduct  recommendations per product, 1 to 100 and less than {@code products}
 * @param seed            generator seed
 * @param churnShare      share of lists that change from one weekly batch to the next, 0 to 1
 */
public record CatalogSpec(int products, int recsPerProduct, long seed, double churnShare) {

    /** The default share of lists a new weekly batch changes. */
    public static final double DEFAULT_CHURN_SHARE = 0.30;

    public CatalogSpec {
        if (products < 2) {
            throw new IllegalArgumentException("products must be at least 2, got " + products);
        }
        if (recsPerProduct < 1 || recsPerProduct > 100 || recsPerProduct >= products) {
            throw new IllegalArgumentException(
                    "recommendations per product must be 1..100 and below the product count, got " + recsPerProduct);
        }
        if (!(churnShare >= 0 && churnShare <= 1)) {
            throw new IllegalArgumentException("churn share must be between 0 and 1, got " + churnShare);
        }
    }
}
