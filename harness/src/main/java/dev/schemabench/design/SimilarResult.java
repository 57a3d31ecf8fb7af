package dev.schemabench.design;

import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.StoredList;
import java.util.List;

/** The answer to a read: a list, or why there is none. */
public sealed interface SimilarResult {

    /**
     * The product's list from the active batch.
     *
     * @param productId the product asked about
     * @param batchId   the batch every item comes from
     * @param items     items in rank order; a {@link StoredList} is kept as it is (immutable, parsed when first
     *                  looked at), any other list is copied
     */
    record Found(String productId, String batchId, List<SimilarItem> items) implements SimilarResult {
        public Found {
            items = items instanceof StoredList ? items : List.copyOf(items);
        }
    }

    /** The active batch has no list for {@code productId}. */
    record NotFound(String productId) implements SimilarResult {
    }

    /** No batch is active yet. */
    record NoActiveBatch() implements SimilarResult {
    }
}
