package dev.schemabench.catalog;

import java.util.stream.Stream;

/**
 * One weekly batch of similarity lists, read as streams so that memory does not grow with the catalog size.
 * Each call to {@link #products()} or {@link #lists()} starts a fresh stream over the same content; callers close it.
 */
public interface Batch {

    /** The batch identifier designs store and report; at most 50 characters of {@code [A-Za-z0-9_.-]}. */
    String id();

    /** Number of products, that is of lists, in the batch. */
    int productCount();

    /** Every product that appears in the batch (as a viewed or a recommended product), each exactly once. */
    Stream<Product> products();

    /** One list per product, in a stable order. */
    Stream<SimilarityList> lists();
}
