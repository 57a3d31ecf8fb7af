package dev.schemabench.catalog;

/** A display field of a product that a {@link ProductUpdate} changes; brand and category never change. */
public enum DisplayField {
    /** {@link Product#priceCents()}. */
    PRICE,
    /** {@link Product#rating()}. */
    RATING,
    /** {@link Product#name()}. */
    NAME,
    /** {@link Product#imageUrl()}. */
    IMAGE
}
