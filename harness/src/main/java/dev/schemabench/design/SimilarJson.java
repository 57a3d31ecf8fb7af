package dev.schemabench.design;

import dev.schemabench.catalog.SimilarityJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The answer to a read in the form the service sends: the items as one JSON array in UTF-8 bytes, so a design that
 * stores the list as JSON can hand the bytes it read over without decoding, parsing or re-serializing them. Items carry the fields of
 * {@link SimilarityJson}; the order of fields inside an item and the whitespace may differ between designs (a JSON
 * object is unordered), the values do not.
 */
public sealed interface SimilarJson {

    /**
     * The product's list from the active batch.
     *
     * @param productId the product asked about
     * @param batchId   the batch every item comes from
     * @param items     a JSON array of at most the requested number of items, in rank order, UTF-8 (not copied:
     *                  the caller hands it over and nobody changes it)
     */
    record Found(String productId, String batchId, byte[] items) implements SimilarJson {

        /** The items as text. */
        public String itemsJson() {
            return new String(items, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Found found && productId.equals(found.productId)
                    && batchId.equals(found.batchId) && Arrays.equals(items, found.items);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * productId.hashCode() + batchId.hashCode()) + Arrays.hashCode(items);
        }

        @Override
        public String toString() {
            return "Found[productId=" + productId + ", batchId=" + batchId + ", items=" + itemsJson() + "]";
        }
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
            return new Found(found.productId(), found.batchId(), out.toByteArray());
        }
        if (result instanceof SimilarResult.NotFound notFound) {
            return new NotFound(notFound.productId());
        }
        return new NoActiveBatch();
    }

    /**
     * The first {@code limit} elements of the JSON array {@code arrayJson} (UTF-8), as a JSON array. A single scan
     * that tracks only nesting depth and strings (every byte of a multi-byte UTF-8 character is above 0x7F, so none
     * is mistaken for JSON punctuation); values are neither parsed nor copied unless the array is cut, and then only
     * the kept elements are. Returns the array itself when it has at most {@code limit} elements.
     *
     * @throws IllegalArgumentException if {@code arrayJson} does not start with an array
     */
    static byte[] firstItems(byte[] arrayJson, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        int start = 0;
        while (start < arrayJson.length && isJsonWhitespace(arrayJson[start])) {
            start++;
        }
        if (start == arrayJson.length || arrayJson[start] != '[') {
            throw new IllegalArgumentException("a recommendation list must be a JSON array");
        }
        int depth = 0;
        int elements = 0;
        boolean inString = false;
        for (int i = start; i < arrayJson.length; i++) {
            byte b = arrayJson[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                depth++;
            } else if (b == ']' || b == '}') {
                depth--;
                if (depth == 0) {
                    return arrayJson;
                }
            } else if (b == ',' && depth == 1) {
                elements++;
                if (elements == limit) {
                    byte[] cut = Arrays.copyOfRange(arrayJson, start, i + 1);
                    cut[cut.length - 1] = ']';
                    return cut;
                }
            }
        }
        throw new IllegalArgumentException("a recommendation list is not a complete JSON array");
    }

    private static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
