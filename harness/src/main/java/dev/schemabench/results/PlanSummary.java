package dev.schemabench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape and cost of a read plan, taken from PostgreSQL's {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)}: node
 * types in depth-first order (with the index each index node uses), and the buffers the whole plan touched. The
 * shape is what a regression gate compares; the buffers say how much the read really reads.
 *
 * @param shape              depth-first node types, e.g. {@code Index Scan (product_similarities_active_idx)}
 * @param sharedHitBlocks    8 kB blocks found in shared buffers, whole plan
 * @param sharedReadBlocks   blocks read from the OS or disk, whole plan
 * @param executionMs        the execution time EXPLAIN ANALYZE measured (one execution; informative only)
 */
public record PlanSummary(List<String> shape, long sharedHitBlocks, long sharedReadBlocks, Double executionMs) {

    /** Summarizes an EXPLAIN JSON document (an array with one object holding "Plan"), or returns null. */
    public static PlanSummary of(JsonNode explain) {
        JsonNode root = explain == null ? null : explain.isArray() ? explain.path(0) : explain;
        if (root == null || !root.path("Plan").isObject()) {
            return null;
        }
        JsonNode plan = root.get("Plan");
        List<String> shape = new ArrayList<>();
        walk(plan, shape);
        JsonNode execution = root.path("Execution Time");
        return new PlanSummary(List.copyOf(shape), plan.path("Shared Hit Blocks").asLong(),
                plan.path("Shared Read Blocks").asLong(), execution.isNumber() ? execution.asDouble() : null);
    }

    private static void walk(JsonNode node, List<String> shape) {
        String type = node.path("Node Type").asText("?");
        String index = node.path("Index Name").asText("");
        shape.add(index.isEmpty() ? type : type + " (" + index + ")");
        for (JsonNode child : node.path("Plans")) {
            walk(child, shape);
        }
    }
}
