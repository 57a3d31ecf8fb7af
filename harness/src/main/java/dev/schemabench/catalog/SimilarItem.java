package dev.schemabench.catalog;

/**
 * One entry of a "customers also viewed" list: the recommended product, its rank and score, and its display
 * fields denormalized so a reader needs nothing else. This is also the item shape of the service's JSON.
 *
 * @param productId  the recommended product
 * @param rank       1-based position in the list
 * @param score      similarity score in (0, 1], four decimals, strictly descending along a list
 * @param name       display name of the recommended product
 * @param brand      brand of the recommended product
 * @param category   category of the recommended product
 * @param priceCents price in cents
 * @param rating     average rating with one decimal
 * @param imageUrl   absolute image URL
 */
public record SimilarItem(
        String productId,
        int rank,
        double score,
        String name,
        String brand,
        String category,
        int priceCents,
        double rating,
        String imageUrl) {

    /** Builds the item for {@code product} at {@code rank} with {@code score}. */
    public static SimilarItem of(Product product, int rank, double score) {
        return new SimilarItem(product.productId(), rank, score, product.name(), product.brand(),
                product.category(), product.priceCents(), product.rating(), product.imageUrl());
    }

    /** The display fields of this item as a product. */
    public Product product() {
        return new Product(productId, name, brand, category, priceCents, rating, imageUrl);
    }
}
