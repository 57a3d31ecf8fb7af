package dev.schemabench.design;

/**
 * The executed plan of a design's read.
 *
 * @param productId the product the plan was taken for
 * @param query     the statement as the design sends it
 * @param planJson  the database's plan as JSON text ({@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} or
 *                  {@code explain("executionStats")})
 */
public record ReadPlan(String productId, String query, String planJson) {
}
