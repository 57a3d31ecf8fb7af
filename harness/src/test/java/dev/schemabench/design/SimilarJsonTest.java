package dev.schemabench.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.SimilarItem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void firstItemsCutsAtTopLevelCommasOnly() throws Exception {
        byte[] json = utf8("[{\"name\": \"a, [b]\", \"x\": {\"y\": [1, 2]}}, {\"name\": \"q\\\"},{\"},"
                + " {\"name\": \"c\"}]");
        assertEquals(1, MAPPER.readTree(SimilarJson.firstItems(json, 1)).size());
        JsonNode two = MAPPER.readTree(SimilarJson.firstItems(json, 2));
        assertEquals(2, two.size());
        assertEquals("q\"},{", two.get(1).get("name").asText());
        assertSame(json, SimilarJson.firstItems(json, 3));
        assertSame(json, SimilarJson.firstItems(json, 100));
        assertArrayEquals(utf8("[]"), SimilarJson.firstItems(utf8("[]"), 5));
    }

    @Test
    void firstItemsKeepsMultiByteCharactersWhole() throws Exception {
        byte[] json = utf8(" [{\"name\": \"Café, Ⅸ 🎧\"}, {\"name\": \"ü\"}]");
        JsonNode one = MAPPER.readTree(SimilarJson.firstItems(json, 1));
        assertEquals(1, one.size());
        assertEquals("Café, Ⅸ 🎧", one.get(0).get("name").asText());
    }

    @Test
    void firstItemsRefusesWhatIsNotAnArray() {
        assertThrows(IllegalArgumentException.class, () -> SimilarJson.firstItems(utf8("{\"a\": 1}"), 1));
        assertThrows(IllegalArgumentException.class, () -> SimilarJson.firstItems(utf8("[{\"a\": 1}"), 5));
        assertThrows(IllegalArgumentException.class, () -> SimilarJson.firstItems(utf8("[1]"), 0));
        assertThrows(IllegalArgumentException.class, () -> SimilarJson.firstItems(utf8("  "), 1));
    }

    @Test
    void foundComparesItsItemsByValue() {
        SimilarJson.Found found = new SimilarJson.Found("SKU-1", "week-0001", utf8("[]"));
        assertEquals(found, new SimilarJson.Found("SKU-1", "week-0001", utf8("[]")));
        assertEquals(found.hashCode(), new SimilarJson.Found("SKU-1", "week-0001", utf8("[]")).hashCode());
        assertNotEquals(found, new SimilarJson.Found("SKU-1", "week-0001", utf8("[1]")));
        assertEquals("[]", found.itemsJson());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void defaultSerializationMatchesTheItems() throws Exception {
        CatalogGenerator generator = new CatalogGenerator(new CatalogSpec(50, 5, 1, 0.3));
        List<SimilarItem> items = generator.list(3, 1).items();
        SimilarJson json = SimilarJson.of(new SimilarResult.Found("SKU-0000003", "week-0001", items));
        JsonNode parsed = MAPPER.readTree(((SimilarJson.Found) json).itemsJson());
        assertEquals(5, parsed.size());
        assertEquals(items.get(4).productId(), parsed.get(4).get("product_id").asText());
        assertEquals(new SimilarJson.NotFound("x"), SimilarJson.of(new SimilarResult.NotFound("x")));
        assertEquals(new SimilarJson.NoActiveBatch(), SimilarJson.of(new SimilarResult.NoActiveBatch()));
    }
}
