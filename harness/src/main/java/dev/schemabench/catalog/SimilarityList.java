package dev.schemabench.catalog;

import java.util.List;

/**
 * The ranked recommendations of one product in one batch.
 *
 * @param productId the product being viewed
 * @param items     recommendations in rank order (rank 1 first)
 */
public record SimilarityList(String productId, List<SimilarItem> items) {

    public SimilarityList {
        items = List.copyOf(items);
    }
}
