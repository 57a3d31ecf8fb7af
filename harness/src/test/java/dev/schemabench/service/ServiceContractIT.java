package dev.schemabench.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.design.StorageDesign;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP contract of the similarity service, through a real client against the real server over the embedded
 * PostgreSQL. One subclass per design; each starts one PostgreSQL for its class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServiceContractIT {

    private static final String PRODUCT = "SKU-0000042";

    private EmbeddedPostgres postgres;
    private StorageDesign design;
    private SimilarityService service;
    private HttpTestClient client;

    /** The design under test. */
    abstract String designName();

    /** Starts the design's database and returns the design with batch 1 active; by default on PostgreSQL. */
    StorageDesign openDesign() {
        postgres = ServiceFixture.startPostgres();
        return ServiceFixture.designWithFirstBatch(postgres, designName());
    }

    /** Stops what {@link #openDesign()} started besides the design. */
    void closeDatabase() {
        closeDatabase();
    }

    @BeforeAll
    void start() {
        design = openDesign();
        service = SimilarityService.start(design, ServiceFixture.config());
        client = new HttpTestClient(service.baseUri());
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (design != null) {
            design.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void similarReturnsTheActiveListInRankOrderWithDisplayFields() {
        HttpResponse<String> response = client.get("/v1/products/" + PRODUCT + "/similar");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(OptionalLong.of(response.body().getBytes(StandardCharsets.UTF_8).length),
                response.headers().firstValueAsLong("Content-Length"), "sized, not chunked");
        JsonNode body = HttpTestClient.json(response);
        assertEquals(PRODUCT, body.get("product_id").asText());
        assertEquals("week-0001", body.get("batch_id").asText());
        JsonNode items = body.get("items");
        assertEquals(10, items.size(), "limit defaults to 10");
        for (int rank = 1; rank <= items.size(); rank++) {
            JsonNode item = items.get(rank - 1);
            SimilarItem expected = ServiceFixture.expectedItem(PRODUCT, 1, rank);
            assertEquals(rank, item.get("rank").asInt());
            assertEquals(expected.productId(), item.get("product_id").asText());
            assertEquals(expected.score(), item.get("score").asDouble(), 1e-9);
            assertEquals(expected.name(), item.get("name").asText());
            assertEquals(expected.brand(), item.get("brand").asText());
            assertEquals(expected.category(), item.get("category").asText());
            assertEquals(expected.priceCents(), item.get("price_cents").asInt());
            assertEquals(expected.rating(), item.get("rating").asDouble(), 1e-9);
            assertEquals(expected.imageUrl(), item.get("image_url").asText());
            assertEquals(9, item.size(), "exactly the documented fields");
        }
    }

    @Test
    void limitCutsTheListAndNeverPadsIt() {
        assertEquals(3, HttpTestClient.json(client.get("/v1/products/" + PRODUCT + "/similar?limit=3"))
                .get("items").size());
        assertEquals(1, HttpTestClient.json(client.get("/v1/products/" + PRODUCT + "/similar?limit=1"))
                .get("items").size());
        assertEquals(10, HttpTestClient.json(client.get("/v1/products/" + PRODUCT + "/similar?limit=100"))
                .get("items").size());
    }

    @Test
    void unknownProductIs404Json() {
        HttpResponse<String> response = client.get("/v1/products/SKU-9999999/similar");
        assertError(response, 404, "product_not_found");
    }

    @Test
    void malformedProductIdsAre400NeverServerErrors() {
        List<String> ids = List.of("SKU'0000042", "%22quoted%22", "1%3BDROP%20TABLE%20products", "x'%20OR%20'1'='1",
                "%2E%2E%2F%2E%2E%2Fetc", "..", "%2E%2E", "a%00b", "a%01b", "a%0Ab", "a%7Fb", "%C3%A9t%C3%A9",
                "%E2%9C%93", "%FF%FE", "a%20b", "-leading-dash", "x".repeat(51), "x".repeat(10 * 1024),
                "SKU%2F0000042", "a%25b");
        for (String id : ids) {
            HttpResponse<String> response = client.get("/v1/products/" + id + "/similar");
            assertEquals(400, response.statusCode(), id + " -> " + response.body());
            JsonNode body = HttpTestClient.json(response);
            assertTrue(body.hasNonNull("error") && body.hasNonNull("message"), response.body());
            assertFalse(response.body().contains("Exception"), response.body());
        }
    }

    @Test
    void malformedLimitsAre400() {
        for (String query : List.of("limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1&limit=2", "limit=",
                "limit=1.5", "limit=%20", "limit=99999999999999999999")) {
            HttpResponse<String> response = client.get("/v1/products/" + PRODUCT + "/similar?" + query);
            assertError(response, 400, "invalid_limit");
        }
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        assertError(client.get("/v1/products"), 404, "not_found");
        assertError(client.get("/nope"), 404, "not_found");
        assertError(client.get("/v1/products/" + PRODUCT + "/similar/extra"), 404, "not_found");
        HttpResponse<String> wrong = client.method("DELETE", "/v1/products/" + PRODUCT + "/similar");
        assertError(wrong, 405, "method_not_allowed");
        assertEquals("GET, HEAD", wrong.headers().firstValue("Allow").orElse(""));
        assertError(client.post("/health", null, "x"), 405, "method_not_allowed");
        assertError(client.method("PUT", "/v1/admin/rollback"), 401, "unauthorized");
    }

    @Test
    void healthReadyAndMetrics() {
        assertEquals(200, client.get("/health").statusCode());
        HttpResponse<String> ready = client.get("/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        client.get("/v1/products/" + PRODUCT + "/similar");
        HttpResponse<String> metrics = client.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = metrics.body();
        String route = "route=\"/v1/products/{productId}/similar\"";
        assertTrue(text.contains("schemabench_http_requests_total{" + route + ",status=\"200\"}"), text);
        for (String quantile : List.of("0.5", "0.99", "0.999")) {
            assertTrue(text.contains("schemabench_http_server_latency_seconds{" + route + ",quantile=\"" + quantile
                    + "\"}"), text);
        }
        assertTrue(text.contains("schemabench_http_server_latency_seconds_max{" + route + "}"), text);
        assertTrue(text.contains("schemabench_http_server_latency_seconds_count{" + route + "}"), text);
    }

    @Test
    void adminRoutesNeedTheToken() {
        assertError(client.get("/v1/admin/batches"), 401, "unauthorized");
        assertError(client.get("/v1/admin/batches", "wrong-token-123"), 401, "unauthorized");
        assertError(client.get("/v1/admin/batches", ServiceFixture.TOKEN + "x"), 401, "unauthorized");
        assertError(client.post("/v1/admin/rollback", null, ""), 401, "unauthorized");
        HttpResponse<String> listed = client.get("/v1/admin/batches", ServiceFixture.TOKEN);
        assertEquals(200, listed.statusCode(), listed.body());
        JsonNode first = HttpTestClient.json(listed).get("batches").get(0);
        for (String field : List.of("batch_id", "state", "created_at", "product_count")) {
            assertTrue(first.has(field), listed.body());
        }
    }

    @Test
    void adminRoutesAreAbsentWithoutAToken() {
        try (SimilarityService open = SimilarityService.start(design, ServiceFixture.config().withAdminToken(null))) {
            HttpTestClient plain = new HttpTestClient(open.baseUri());
            assertError(plain.get("/v1/admin/batches", ServiceFixture.TOKEN), 404, "not_found");
            assertError(plain.post("/v1/admin/rollback", ServiceFixture.TOKEN, ""), 404, "not_found");
        }
    }

    @Test
    void stageActivateAndRollBackThroughTheApi() {
        String token = ServiceFixture.TOKEN;
        HttpResponse<String> staged = client.post("/v1/admin/batches?batch_id=upload-2", token,
                ServiceFixture.jsonLines(2));
        assertEquals(201, staged.statusCode(), staged.body());
        assertEquals(300, HttpTestClient.json(staged).get("product_count").asInt());
        assertEquals("week-0001", activeBatchSeenByReaders(), "staging never changes what readers see");

        assertError(client.post("/v1/admin/batches?batch_id=upload-2", token, ServiceFixture.jsonLines(2)), 409,
                "batch_exists");
        assertError(client.post("/v1/admin/batches/no-such-batch/activate", token, ""), 404, "batch_not_found");
        assertError(client.post("/v1/admin/batches/bad%20id/activate", token, ""), 400, "invalid_batch_id");

        HttpResponse<String> activated = client.post("/v1/admin/batches/upload-2/activate", token, "");
        assertEquals(200, activated.statusCode(), activated.body());
        assertEquals("upload-2", activeBatchSeenByReaders());
        JsonNode item = HttpTestClient.json(client.get("/v1/products/" + PRODUCT + "/similar?limit=1"))
                .get("items").get(0);
        assertEquals(ServiceFixture.expectedItem(PRODUCT, 2, 1).productId(), item.get("product_id").asText());

        HttpResponse<String> rolledBack = client.post("/v1/admin/rollback", token, "");
        assertEquals(200, rolledBack.statusCode(), rolledBack.body());
        assertEquals("week-0001", HttpTestClient.json(rolledBack).get("active_batch_id").asText());
        assertEquals("week-0001", activeBatchSeenByReaders());
        assertError(client.post("/v1/admin/rollback", token, ""), 409, "nothing_to_roll_back_to");

        HttpResponse<String> generated = client.post("/v1/admin/batches?generate=true&week=3", token, "");
        assertEquals(201, generated.statusCode(), generated.body());
        assertEquals("week-0003", HttpTestClient.json(generated).get("batch_id").asText());
        assertEquals("week-0001", activeBatchSeenByReaders());
        assertError(client.post("/v1/admin/batches?generate=true&week=0", token, ""), 400, "invalid_week");
        assertError(client.post("/v1/admin/batches?batch_id=bad'id", token, "x"), 400, "invalid_batch_id");
    }

    @Test
    void aMalformedUploadLineIsNamedAndNothingIsStaged() {
        String token = ServiceFixture.TOKEN;
        String[] good = ServiceFixture.jsonLines(2).split("\n");
        List<String> badThirdLines = List.of(
                "{\"product_id\": \"SKU-0000002\", \"items\": [",
                "not json",
                ServiceFixture.line("SKU'2", "[]"),
                good[2].replace("\"rank\":1", "\"rank\":2"),
                good[2].replace("\"score\":", "\"score\":\"high\",\"x\":"),
                good[2].replace("\"rank\":1,", ""),
                good[0]);
        for (String bad : badThirdLines) {
            String body = good[0] + "\n" + good[1] + "\n" + bad + "\n" + good[3] + "\n";
            HttpResponse<String> response = client.post("/v1/admin/batches?batch_id=broken", token, body);
            assertError(response, 400, "invalid_batch_line");
            assertTrue(HttpTestClient.json(response).get("message").asText().startsWith("line 3:"), response.body());
        }
        JsonNode batches = HttpTestClient.json(client.get("/v1/admin/batches", token)).get("batches");
        for (JsonNode batch : batches) {
            assertFalse(batch.get("batch_id").asText().equals("broken"), "nothing was staged");
        }
        assertEquals("week-0001", activeBatchSeenByReaders());
        assertError(client.post("/v1/admin/batches", token, ""), 400, "empty_batch");
    }

    @Test
    void bodiesBeyondTheLimitAre413() {
        try (SimilarityService small = SimilarityService.start(design,
                ServiceFixture.config().withMaxBodyBytes(1024))) {
            HttpTestClient limited = new HttpTestClient(small.baseUri());
            HttpResponse<String> response = limited.post("/v1/admin/batches?batch_id=too-big", ServiceFixture.TOKEN,
                    ServiceFixture.jsonLines(2));
            assertError(response, 413, "payload_too_large");
        }
        assertEquals("week-0001", activeBatchSeenByReaders());
    }

    private String activeBatchSeenByReaders() {
        return HttpTestClient.json(client.get("/v1/products/" + PRODUCT + "/similar?limit=1")).get("batch_id")
                .asText();
    }

    static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().toString());
        JsonNode body = HttpTestClient.json(response);
        assertEquals(code, body.path("error").asText(), response.body());
        assertTrue(body.hasNonNull("message"), response.body());
    }
}
