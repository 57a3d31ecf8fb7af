package dev.schemabench.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityJsonTest {

    private static final CatalogGenerator GENERATOR = new CatalogGenerator(new CatalogSpec(200, 25, 3L, 0.3));

    @Test
    void roundTripKeepsEveryFieldAndTheOrder() {
        for (int index = 0; index < 200; index += 13) {
            List<SimilarItem> items = GENERATOR.list(index, 1).items();
            assertEquals(items, SimilarityJson.readItems(write(items), Integer.MAX_VALUE));
        }
    }

    @Test
    void limitReturnsTheFirstItemsInRankOrder() {
        List<SimilarItem> items = GENERATOR.list(5, 2).items();
        String json = write(items);
        assertEquals(items.subList(0, 3), SimilarityJson.readItems(json, 3));
        assertEquals(items.subList(0, 1), SimilarityJson.readItems(json, 1));
        assertEquals(List.of(), SimilarityJson.readItems(json, 0));
        assertEquals(items, SimilarityJson.readItems(json, items.size() + 10));
    }

    @Test
    void textThatNeedsEscapingRoundTrips() {
        SimilarItem item = new SimilarItem("SKU-0000001", 1, 0.9876, "Say \"hi\"\t\\ caf\u00e9 \u2603\n", "Brand's",
                "Cat/egory", 1999, 4.5, "https://img.example.com/a b.jpg?x=1&y=2");
        assertEquals(List.of(item), SimilarityJson.readItems(write(List.of(item)), 10));
    }

    @Test
    void keyOrderAndUnknownFieldsDoNotMatter() {
        // PostgreSQL's jsonb reorders keys (shorter first); readers must not depend on the order written.
        String json = "[{\"name\":\"N\",\"rank\":1,\"extra\":{\"nested\":[1,2]},\"score\":0.5,\"brand\":\"B\","
                + "\"rating\":4.0,\"category\":\"C\",\"image_url\":\"u\",\"product_id\":\"SKU-0000002\","
                + "\"price_cents\":499}]";
        assertEquals(List.of(new SimilarItem("SKU-0000002", 1, 0.5, "N", "B", "C", 499, 4.0, "u")),
                SimilarityJson.readItems(json, 5));
    }

    @Test
    void emptyListRoundTrips() {
        assertEquals("[]", write(List.of()));
        assertEquals(List.of(), SimilarityJson.readItems("[]", 10));
    }

    @Test
    void malformedInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SimilarityJson.readItems("{\"a\":1}", 10));
        assertThrows(IllegalArgumentException.class, () -> SimilarityJson.readItems("[{\"rank\":", 10));
    }

    @Test
    void storedListParsesTheBytesWhenFirstLookedAtAndThenEqualsTheItems() {
        List<SimilarItem> items = GENERATOR.list(17, 1).items();
        StoredList stored = new StoredList(write(items).getBytes(StandardCharsets.UTF_8), 4);
        assertFalse(stored.parsed(), "nothing parsed before the items are looked at");
        assertEquals(items.subList(0, 4), stored);
        assertTrue(stored.parsed());
        assertEquals(items.get(0), stored.get(0));
        assertThrows(UnsupportedOperationException.class, () -> stored.add(items.get(5)));
    }

    @Test
    void malformedStoredListFailsWhenLookedAt() {
        StoredList stored = new StoredList("[{\"rank\":".getBytes(StandardCharsets.UTF_8), 10);
        assertThrows(IllegalArgumentException.class, stored::size);
    }

    private static String write(List<SimilarItem> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimilarityJson.writeItems(items, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
