package dev.schemabench.catalog;

/**
 * A catalog product with the display fields the similarity service returns.
 *
 * @param productId  stable identifier, at most 50 ASCII characters
 * @param name       display name
 * @param brand      brand name
 * @param category   category name
 * @param priceCents price in cents
 * @param rating     average rating, 1.0 to 5.0 with one decimal
 * @param imageUrl   absolute image URL
 */
public record Product(
        String productId,
        String name,
        String brand,
        String category,
        int priceCents,
        double rating,
        String imageUrl) {
}
