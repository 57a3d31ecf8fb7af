package dev.schemabench.catalog;

/**
 * One change of one display field of one product, as a {@link ProductUpdateStream} emits it.
 *
 * @param sequence  1 for the first update of the stream, then 2, 3, ...; "after update k" means after updates 1 to k
 * @param productId the product changed; when {@code inCatalog} is false, an id of the generated form that the catalog
 *                  does not have (a design finds nothing to change; the run counts it)
 * @param field     the display field this update changes
 * @param product   the product's display fields after this update: {@code field} changed, the others as they were
 *                  (for a product not in the catalog, as if it existed with its generated fields)
 * @param inCatalog whether the catalog has the product
 */
public record ProductUpdate(long sequence, String productId, DisplayField field, Product product, boolean inCatalog) {
}
