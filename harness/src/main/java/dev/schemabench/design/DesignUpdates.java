package dev.schemabench.design;

import dev.schemabench.catalog.Product;
import java.util.List;

/**
 * The product-update role of a design: a product's display fields (name, price, rating, image) change between weekly
 * batches, and the design writes the change wherever its active batch shows them. A design that copies display fields
 * into every list recommending the product must rewrite each of those lists (the fan-out is the price of that
 * denormalization); a design that keeps products once changes one row. The reverse lookup ("which lists recommend
 * this product", as a merchandising page asks) is part of the role because rewriting the copies needs it.
 *
 * <p>Statements come from the design's files under {@code schemas/<design>/}, like its reads. Outcomes are values: a
 * product the design does not hold is an update that rewrites nothing, not an exception. An exception means the
 * database failed or refused; then nothing of that update is visible (PostgreSQL: one transaction; MongoDB: each
 * document is rewritten whole or not at all).
 *
 * <p>Threading: thread-safe; updates may run concurrently with reads, not with the batch lifecycle.
 */
public interface DesignUpdates {

    /**
     * Whether the design copies a product's display fields into the lists that recommend it, so that an update must
     * rewrite them or leave them stale until the next batch. False when display fields are stored once.
     */
    boolean copiesDisplayFields();

    /**
     * Writes {@code product}'s display fields (brand and category never change) into the active batch's data.
     *
     * @return the rows or documents rewritten: the lists recommending the product for a design that copies display
     *         fields, the product row otherwise; 0 when the design holds no such product
     */
    long applyUpdate(Product product);

    /** The products whose active list recommends {@code productId}, ascending; empty when none or no batch is active. */
    List<String> listsRecommending(String productId);
}
