package dev.schemabench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityJson;
import dev.schemabench.catalog.StoredList;
import dev.schemabench.design.SimilarResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasuredHttpReadsTest {

    private static final CatalogGenerator GENERATOR = new CatalogGenerator(new CatalogSpec(20, 8, 11L, 0.3));

    @Test
    void aListAnswerKeepsItsItemsAsTheBodysBytesUntilLookedAt() {
        List<SimilarItem> items = GENERATOR.list(2, 1).items();
        byte[] body = ("{\"product_id\":\"p-2\",\"extra\":{\"a\":[1]},\"items\":" + json(items)
                + ",\"batch_id\":\"week-0001\"}").getBytes(StandardCharsets.UTF_8);
        SimilarResult.Found found = assertInstanceOf(SimilarResult.Found.class,
                MeasuredHttpReads.answer(200, body, "p-2", 5));
        assertEquals("p-2", found.productId());
        assertEquals("week-0001", found.batchId());
        StoredList stored = assertInstanceOf(StoredList.class, found.items());
        assertFalse(stored.isEmpty());
        assertFalse(stored.parsed());
        assertEquals(items.subList(0, 5), found.items());
    }

    @Test
    void errorAnswersAreValues() {
        byte[] notFound = "{\"error\":\"product_not_found\",\"message\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        byte[] noBatch = "{\"error\":\"no_active_batch\",\"message\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        assertTrue(MeasuredHttpReads.isAnswer(404, notFound));
        assertTrue(MeasuredHttpReads.isAnswer(503, noBatch));
        assertFalse(MeasuredHttpReads.isAnswer(503, notFound));
        assertFalse(MeasuredHttpReads.isAnswer(500, noBatch));
        assertEquals(new SimilarResult.NotFound("p-1"), MeasuredHttpReads.answer(404, notFound, "p-1", 5));
        assertEquals(new SimilarResult.NoActiveBatch(), MeasuredHttpReads.answer(503, noBatch, "p-1", 5));
    }

    @Test
    void aBodyThatIsNotAnAnswerThrows() {
        for (String body : List.of("[]", "{\"product_id\":\"p\",\"batch_id\":\"b\",\"items\":{}}",
                "{\"product_id\":\"p\",\"batch_id\":\"b\"}", "{\"product_id\":\"p\",\"batch_id\":\"b\",\"items\":[{]}",
                "{\"product_id\":\"p\",\"batch_id\":\"b\",\"items\":[]")) {
            assertThrows(IllegalStateException.class,
                    () -> MeasuredHttpReads.answer(200, body.getBytes(StandardCharsets.UTF_8), "p", 5), body);
        }
    }

    private static String json(List<SimilarItem> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimilarityJson.writeItems(items, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
