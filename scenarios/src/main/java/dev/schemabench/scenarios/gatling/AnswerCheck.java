package dev.schemabench.scenarios.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.shared.AnswerVerdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one answer of {@code GET /v1/products/{id}/similar} during a weekly refresh, with the same semantics as the
 * storage-level check: the list must be complete (the generated list cut to {@code limit}) and every item, with every
 * display field, must equal the generated truth of the batch the answer names in {@code batch_id}. Thread-safe.
 */
final class AnswerCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CatalogGenerator generator;
    private final int limit;
    private final String fromBatch;
    private final int fromNumber;
    private final String toBatch;
    private final int toNumber;

    AnswerCheck(CatalogGenerator generator, int limit, String fromBatch, int fromNumber, String toBatch, int toNumber) {
        this.generator = generator;
        this.limit = limit;
        this.fromBatch = fromBatch;
        this.fromNumber = fromNumber;
        this.toBatch = toBatch;
        this.toNumber = toNumber;
    }

    /** The verdict on a 200 answer's {@code body} for {@code productId}. */
    AnswerVerdict judge(String productId, String body) {
        JsonNode answer;
        try {
            answer = MAPPER.readTree(body);
        } catch (IOException e) {
            return AnswerVerdict.ERROR;
        }
        if (answer == null || !answer.path("items").isArray() || !answer.path("batch_id").isTextual()) {
            return AnswerVerdict.ERROR;
        }
        JsonNode items = answer.get("items");
        if (items.isEmpty()) {
            return AnswerVerdict.EMPTY;
        }
        String batchId = answer.get("batch_id").asText();
        int number;
        if (batchId.equals(fromBatch)) {
            number = fromNumber;
        } else if (batchId.equals(toBatch)) {
            number = toNumber;
        } else {
            return AnswerVerdict.MIXED;
        }
        List<SimilarItem> truth = generator.list(CatalogGenerator.indexOf(productId), number).items();
        List<SimilarItem> expected = truth.subList(0, Math.min(limit, truth.size()));
        if (items.size() < expected.size()) {
            return AnswerVerdict.EMPTY;
        }
        List<SimilarItem> actual = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            actual.add(new SimilarItem(item.path("product_id").asText(), item.path("rank").asInt(),
                    item.path("score").asDouble(), item.path("name").asText(), item.path("brand").asText(),
                    item.path("category").asText(), item.path("price_cents").asInt(), item.path("rating").asDouble(),
                    item.path("image_url").asText()));
        }
        return actual.equals(expected) ? AnswerVerdict.OK : AnswerVerdict.MIXED;
    }
}
