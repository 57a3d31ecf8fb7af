package dev.schemabench.catalog;

import java.util.Objects;

/**
 * What to generate: the same spec always yields the same data, byte for byte.
 *
 * @param products        number of products, at least 2
 * @param recsPerProduct  recommendations per product, 1 to 100 and less than {@code products}
 * @param seed            generator seed
 * @param churnShare      share of lists that change from one weekly batch to the next, 0 to 1
 * @param membership      how recommended products are drawn: by popularity ({@link Membership#SKEWED}, the default)
 *                        or uniformly
 */
public record CatalogSpec(int products, int recsPerProduct, long seed, double churnShare, Membership membership) {

    /** The default share of lists a new weekly batch changes. */
    public static final double DEFAULT_CHURN_SHARE = 0.30;

    /** The default membership: recommended products drawn by popularity. */
    public static final Membership DEFAULT_MEMBERSHIP = Membership.SKEWED;

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
        Objects.requireNonNull(membership, "membership");
    }

    /** A spec with the {@link #DEFAULT_MEMBERSHIP default membership}, skewed by popularity. */
    public CatalogSpec(int products, int recsPerProduct, long seed, double churnShare) {
        this(products, recsPerProduct, seed, churnShare, DEFAULT_MEMBERSHIP);
    }

    /** This spec with {@code membership} instead. */
    public CatalogSpec withMembership(Membership membership) {
        return new CatalogSpec(products, recsPerProduct, seed, churnShare, membership);
    }
}
