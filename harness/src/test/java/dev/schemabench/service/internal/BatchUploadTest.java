package dev.schemabench.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.Product;
import dev.schemabench.catalog.SimilarityJson;
import dev.schemabench.catalog.SimilarityList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchUploadTest {

    private static final CatalogGenerator GENERATOR = new CatalogGenerator(new CatalogSpec(40, 5, 3, 0.3));

    @TempDir
    Path temp;

    @Test
    void spoolsListsAndDerivesEachRecommendedProductOnce() throws IOException {
        StringBuilder body = new StringBuilder();
        List<SimilarityList> expected;
        try (Stream<SimilarityList> lists = GENERATOR.batch(1).lists()) {
            expected = lists.collect(Collectors.toList());
        }
        for (SimilarityList list : expected) {
            body.append(line(list)).append("\r\n\n");
        }
        try (BatchUpload upload = BatchUpload.spool(stream(body.toString()), "b1", temp)) {
            assertEquals(40, upload.productCount());
            try (Stream<SimilarityList> lists = upload.lists()) {
                assertEquals(expected, lists.collect(Collectors.toList()));
            }
            Set<String> recommended = expected.stream().flatMap(list -> list.items().stream())
                    .map(item -> item.productId()).collect(Collectors.toSet());
            try (Stream<Product> products = upload.products()) {
                List<Product> all = products.collect(Collectors.toList());
                assertEquals(recommended.size(), all.size(), "each product once");
                assertEquals(recommended, all.stream().map(Product::productId).collect(Collectors.toSet()));
                assertTrue(all.contains(GENERATOR.product(CatalogGenerator.indexOf(all.get(0).productId()))));
            }
        }
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(0, left.count(), "closing deletes the spool");
        }
    }

    @Test
    void namesTheLineOfADuplicateProduct() {
        String first = line(GENERATOR.list(1, 1));
        String body = first + "\n" + line(GENERATOR.list(2, 1)) + "\n" + first + "\n";
        ApiException error = assertThrows(ApiException.class, () -> BatchUpload.spool(stream(body), "b", temp));
        assertTrue(error.getMessage().startsWith("line 3: product SKU-0000001 is already listed on line 1"),
                error.getMessage());
    }

    @Test
    void refusesRanksOutOfOrderAndBadNumbers() {
        String good = line(GENERATOR.list(1, 1));
        assertLineError(good.replace("\"rank\":2", "\"rank\":3"), "rank must be 2");
        assertLineError(good.replace("\"score\":", "\"score\":\"x\",\"dup\":"), "score must be a number");
        assertLineError(good.replaceFirst("\"rating\":[0-9.]+", "\"rating\":4.55"), "rating must be");
        assertLineError(good.replaceFirst("\"price_cents\":[0-9]+", "\"price_cents\":1.5"), "must be an integer");
        assertLineError(good.replace("\"product_id\":\"SKU-0000001\"", "\"product_id\":\"x'y\""), "not a valid");
        assertLineError(good + " trailing", "malformed JSON");
        assertLineError("{\"product_id\": \"SKU-1\", \"items\": []}", "at least one item");
    }

    private void assertLineError(String line, String fragment) {
        ApiException error = assertThrows(ApiException.class,
                () -> BatchUpload.spool(stream(line(GENERATOR.list(0, 1)) + "\n" + line + "\n"), "b", temp));
        assertEquals(400, error.status());
        assertTrue(error.getMessage().startsWith("line 2: ") && error.getMessage().contains(fragment),
                error.getMessage());
    }

    private static String line(SimilarityList list) {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        SimilarityJson.writeItems(list.items(), items);
        return "{\"product_id\":\"" + list.productId() + "\",\"items\":" + items.toString(StandardCharsets.UTF_8) + "}";
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
