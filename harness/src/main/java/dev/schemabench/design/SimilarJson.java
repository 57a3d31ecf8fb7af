package dev.schemabench.design;

import dev.schemabench.catalog.SimilarityJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The answer to a read in the form the service sends: the items as one JSON array of text, so a design that stores
 * the list as JSON can hand it over without parsing and re-serializing it. Items carry the fields of
 * {@link SimilarityJson}; the order of fields inside an item and the whitespace may differ between designs (a JSON
 * object is unordered), the values do not.
 */
public sealed interface SimilarJson {

    /**
     * The product's list from the active batch.
     *
     * @param productId the product asked about
     * @param batchId   the batch every item comes from
     * @param itemsJson a JSON array of at most the requested number of items, in rank order
     */
    record Found(String productId, String batchId, String itemsJson) implements SimilarJson {
    }

    /** The active batch has no list for {@code productId}. */
    record NotFound(String productId) implements SimilarJson {
    }

    /** No batch is active yet. */
    record NoActiveBatch() implements SimilarJson {
    }

    /** The same answer with the items serialized by {@link SimilarityJson}. */
    static SimilarJson of(SimilarResult result) {
        if (result instanceof SimilarResult.Found found) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256 + found.items().size() * 256);
            SimilarityJson.writeItems(found.items(), out);
            return new Found(found.productId(), found.batchId(), out.toString(StandardCharsets.UTF_8));
        }
        if (result instanceof SimilarResult.NotFound notFound) {
            return new NotFound(notFound.productId());
        }
        return new NoActiveBatch();
    }

    /**
     * The first {@code limit} elements of the JSON array {@code arrayJson}, as a JSON array. A single scan that tracks
     * only nesting depth and strings; values are neither parsed nor copied unless the array is cut. Returns the text
     * itself when it has at most {@code limit} elements.
     *
     * @throws IllegalArgumentException if {@code arrayJson} does not start with an array
     */
    static String firstItems(String arrayJson, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        int start = 0;
        while (start < arrayJson.length() && Character.isWhitespace(arrayJson.charAt(start))) {
            start++;
        }
        if (start == arrayJson.length() || arrayJson.charAt(start) != '[') {
            throw new IllegalArgumentException("a recommendation list must be a JSON array");
        }
        int depth = 0;
        int elements = 0;
        boolean inString = false;
        for (int i = start; i < arrayJson.length(); i++) {
            char c = arrayJson.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return arrayJson;
                }
            } else if (c == ',' && depth == 1) {
                elements++;
                if (elements == limit) {
                    return arrayJson.substring(start, i) + "]";
                }
            }
        }
        throw new IllegalArgumentException("a recommendation list is not a complete JSON array");
    }
}
