package dev.schemabench.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.SimilarItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void firstItemsCutsAtTopLevelCommasOnly() throws Exception {
        String json = "[{\"name\": \"a, [b]\", \"x\": {\"y\": [1, 2]}}, {\"name\": \"q\\\"},{\"}, {\"name\": \"c\"}]";
        assertEquals(1, MAPPER.readTree(SimilarJson.firstItems(json, 1)).size());
        JsonNode two = MAPPER.readTree(SimilarJson.firstItems(json, 2));
        assertEquals(2, two.size());
        assertEquals("q\"},{", two.get(1).get("name").asText());
        assertSame(json, SimilarJson.firstItems(json, 3));
        assertSame(json, SimilarJson.firstItems(json, 100));
        assertEquals("[]", SimilarJson.firstItems("[]", 5));
    }

    @Test
    void firstItemsRefusesWhatIsNotAnArray() {
        assertThrows(IllegalArgumentException.class, () -> SimilarJson.firstItems("{\"a\": 1}", 1));
        assertThrows(IllegalArgumentException.class, () -> SimilarJson.firstItems("[{\"a\": 1}", 5));
        assertThrows(IllegalArgumentException.class, () -> SimilarJson.firstItems("[1]", 0));
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
