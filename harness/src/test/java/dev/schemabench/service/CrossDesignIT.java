package dev.schemabench.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.design.StorageDesign;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every design answers with the same JSON: the same fields and values in the same item order. (Field order inside an
 * item and whitespace may differ: the jsonb design passes PostgreSQL's JSONB text through.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossDesignIT {

    private static final List<String> DESIGNS = List.of("jsonb", "normalized");

    private EmbeddedPostgres postgres;
    private final Map<String, StorageDesign> designs = new LinkedHashMap<>();
    private final Map<String, SimilarityService> services = new LinkedHashMap<>();
    private final Map<String, HttpTestClient> clients = new LinkedHashMap<>();

    @BeforeAll
    void start() {
        postgres = ServiceFixture.startPostgres();
        for (String name : DESIGNS) {
            StorageDesign design = ServiceFixture.designWithFirstBatch(postgres, name);
            SimilarityService service = SimilarityService.start(design, ServiceFixture.config());
            designs.put(name, design);
            services.put(name, service);
            clients.put(name, new HttpTestClient(service.baseUri()));
        }
    }

    @AfterAll
    void stop() {
        services.values().forEach(SimilarityService::close);
        designs.values().forEach(StorageDesign::close);
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void generatedBatchGivesIdenticalJson() {
        assertSameAnswers("week-0001");
    }

    @Test
    void uploadedBatchGivesIdenticalJson() {
        String body = ServiceFixture.jsonLines(4);
        for (HttpTestClient client : clients.values()) {
            HttpResponse<String> staged = client.post("/v1/admin/batches?batch_id=upload-4", ServiceFixture.TOKEN, body);
            assertEquals(201, staged.statusCode(), staged.body());
            assertEquals(200, client.post("/v1/admin/batches/upload-4/activate", ServiceFixture.TOKEN, "")
                    .statusCode());
        }
        try {
            assertSameAnswers("upload-4");
        } finally {
            for (HttpTestClient client : clients.values()) {
                assertEquals(200, client.post("/v1/admin/rollback", ServiceFixture.TOKEN, "").statusCode());
            }
        }
    }

    private void assertSameAnswers(String batchId) {
        List<String> paths = new ArrayList<>();
        for (int index = 0; index < ServiceFixture.CATALOG.products(); index += 7) {
            for (int limit : new int[] {1, 4, 10, 100}) {
                paths.add("/v1/products/" + CatalogGenerator.productId(index) + "/similar?limit=" + limit);
            }
        }
        paths.add("/v1/products/SKU-0000042/similar");
        paths.add("/v1/products/SKU-7777777/similar");
        paths.add("/v1/products/bad'id/similar");
        for (String path : paths) {
            HttpResponse<String> reference = clients.get(DESIGNS.get(0)).get(path);
            JsonNode expected = HttpTestClient.json(reference);
            if (reference.statusCode() == 200) {
                assertEquals(batchId, expected.get("batch_id").asText());
            }
            for (String other : DESIGNS.subList(1, DESIGNS.size())) {
                HttpResponse<String> response = clients.get(other).get(path);
                assertEquals(reference.statusCode(), response.statusCode(), path);
                assertEquals(expected, HttpTestClient.json(response), other + " differs on " + path);
            }
        }
    }
}
