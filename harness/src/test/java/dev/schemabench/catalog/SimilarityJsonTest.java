package dev.schemabench.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

    @Test
    void storedListSaysWhetherItIsEmptyWithoutParsing() {
        byte[] items = write(GENERATOR.list(3, 1).items()).getBytes(StandardCharsets.UTF_8);
        StoredList full = new StoredList(items, 5);
        assertFalse(full.isEmpty());
        assertFalse(full.parsed(), "isEmpty reads the first bytes only");
        StoredList empty = new StoredList(" [ \n] ".getBytes(StandardCharsets.UTF_8), 5);
        assertTrue(empty.isEmpty());
        assertFalse(empty.parsed());
        assertTrue(new StoredList(items, 0).isEmpty(), "a limit of 0 keeps nothing");
        assertThrows(IllegalArgumentException.class, () -> new StoredList("{}".getBytes(StandardCharsets.UTF_8), 5)
                .isEmpty(), "bytes that are not an array are parsed, and refused");
    }

    @Test
    void storedListReadsTheArrayInsideLargerBytes() {
        List<SimilarItem> items = GENERATOR.list(9, 2).items();
        String array = write(items);
        byte[] answer = ("{\"items\":" + array + "}").getBytes(StandardCharsets.UTF_8);
        StoredList stored = new StoredList(answer, 9, array.getBytes(StandardCharsets.UTF_8).length, 3);
        assertEquals(items.subList(0, 3), stored);
        assertThrows(IndexOutOfBoundsException.class, () -> new StoredList(answer, 9, answer.length, 3));
    }

    @Test
    void contentHashFollowsTheBytesAndTheLimitWhereverTheyLie() {
        byte[] array = write(GENERATOR.list(5, 1).items()).getBytes(StandardCharsets.UTF_8);
        byte[] shifted = new byte[array.length + 7];
        System.arraycopy(array, 0, shifted, 3, array.length);
        long hash = new StoredList(array, 10).contentHash();
        assertEquals(hash, new StoredList(shifted, 3, array.length, 10).contentHash());
        assertNotEquals(hash, new StoredList(array, 9).contentHash(), "the limit changes what the bytes mean");
        for (int at : new int[] {0, array.length / 2, array.length - 1}) {
            byte[] changed = array.clone();
            changed[at] ^= 1;
            assertNotEquals(hash, new StoredList(changed, 10).contentHash(), "byte " + at + " changed");
        }
        assertNotEquals(hash, new StoredList(array, 0, array.length - 1, 10).contentHash(), "one byte shorter");
    }

    private static String write(List<SimilarItem> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimilarityJson.writeItems(items, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
