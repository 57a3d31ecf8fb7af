package dev.schemabench.service;

import static dev.schemabench.service.ServiceContractIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.design.StorageDesign;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * HTTP as a client that does not play along sees it: unknown versions, HEAD, requests the parser refuses, refused
 * requests whose bodies never come, Expect: 100-continue, slow and stalled uploads. Raw sockets on loopback against
 * the real server over the embedded PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpCorrectnessIT {

    private static final String SIMILAR = "/v1/products/SKU-0000042/similar";
    private static final List<String> FRAMEWORK_WORDS = List.of("jetty", "org.", "java.", "exception", "<html",
            "badmessage", "at ");

    private EmbeddedPostgres postgres;
    private StorageDesign design;
    private SimilarityService service;
    private HttpTestClient client;

    @BeforeAll
    void start() {
        postgres = ServiceFixture.startPostgres();
        design = ServiceFixture.designWithFirstBatch(postgres, "jsonb");
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
    void anUnknownHttpVersionIs505WithItsOwnCode() {
        for (String version : List.of("HTTP/1.7", "HTTP/3.0", "HTTP/9.9")) {
            try (RawConnection raw = new RawConnection(service.baseUri())) {
                RawConnection.Response response = raw.send("GET /health " + version + "\r\nHost: x\r\n\r\n")
                        .readResponse(5_000, false);
                assertEquals(505, response.status(), version + ": " + response.head());
                assertJsonError(response, "http_version_not_supported");
            }
        }
    }

    @Test
    void headAnswersOnEveryGetRouteWithoutABody() {
        for (String path : List.of("/health", "/ready", SIMILAR, SIMILAR + "?limit=3")) {
            HttpResponse<String> get = client.get(path);
            assertEquals(200, get.statusCode(), path + " " + get.body());
            try (RawConnection raw = new RawConnection(service.baseUri())) {
                RawConnection.Response head = raw.send("HEAD " + path + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .readResponse(5_000, true);
                assertEquals(200, head.status(), path + ": " + head.head());
                assertEquals(Integer.toString(get.body().getBytes(StandardCharsets.UTF_8).length),
                        head.header("Content-Length"), path + ": HEAD announces the length GET sends");
                // The same connection then answers a GET: no body bytes of the HEAD were left on the wire.
                RawConnection.Response next = raw.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                        .readResponse(5_000, false);
                assertEquals(200, next.status(), path + " then GET: " + next.head());
                assertTrue(next.body().contains("\"up\""), next.body());
            }
        }
        try (RawConnection raw = new RawConnection(service.baseUri())) {
            assertEquals(200, raw.send("HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n").readResponse(5_000, true)
                    .status());
        }
        HttpResponse<String> wrong = client.method("DELETE", SIMILAR);
        assertError(wrong, 405, "method_not_allowed");
        assertEquals("GET, HEAD", wrong.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void everyResponseIsCountedInMetricsByRouteAndStatus() {
        List<String> refusedByTheParser = List.of(
                "GARBAGE\r\n\r\n",
                "GET /health HTTP/1.7\r\nHost: x\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70 * 1024) + "\r\n\r\n",
                "POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
        for (String request : refusedByTheParser) {
            try (RawConnection raw = new RawConnection(service.baseUri())) {
                RawConnection.Response response = raw.send(request).readResponse(5_000, false);
                assertTrue(response.status() >= 400, response.head());
            }
        }
        assertEquals(200, client.get("/health").statusCode());
        assertError(client.get("/no/such/route"), 404, "not_found");
        assertError(client.method("DELETE", "/health"), 405, "method_not_allowed");
        String metrics = client.get("/metrics").body();
        for (String series : List.of("route=\"protocol\",status=\"400\"", "route=\"protocol\",status=\"505\"",
                "route=\"protocol\",status=\"431\"", "route=\"unmatched\",status=\"404\"",
                "route=\"/health\",status=\"405\"", "route=\"/health\",status=\"200\"")) {
            assertTrue(metrics.contains("schemabench_http_requests_total{" + series + "}"), series + "\n" + metrics);
        }
        assertTrue(metrics.contains("schemabench_database_circuit_open 0"), metrics);
    }

    @Test
    void errorsNeverShowFrameworkInternals() {
        List<String> hostile = List.of(
                "GARBAGE\r\n\r\n",
                "GET /health HTTP/1.7\r\nHost: x\r\n\r\n",
                "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70 * 1024) + "\r\n\r\n",
                "POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                "POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                "POST /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "POST /v1/admin/batches HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ServiceFixture.TOKEN
                        + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot a chunk\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nBad Header Name: y\r\n\r\n",
                "G\u00e9T /health HTTP/1.1\r\nHost: x\r\n\r\n");
        for (String request : hostile) {
            try (RawConnection raw = new RawConnection(service.baseUri())) {
                RawConnection.Response response = raw.send(request).readResponse(5_000, false);
                String shown = request.substring(0, Math.min(60, request.length()));
                assertTrue(response.status() >= 400 && response.status() != 500, shown + " -> " + response.head());
                assertJsonError(response, null);
                String lower = response.body().toLowerCase(Locale.ROOT);
                for (String word : FRAMEWORK_WORDS) {
                    assertFalse(lower.contains(word), shown + " -> " + response.body());
                }
            }
        }
    }

    @Test
    void aRefusedRequestIsAnsweredAtOnceWithoutItsBody() {
        long start = System.nanoTime();
        try (RawConnection raw = new RawConnection(service.baseUri())) {
            RawConnection.Response response = raw.send("POST /v1/admin/rollback HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 1000000\r\n\r\n" + "x".repeat(100)).readResponse(3_000, false);
            long answeredMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(401, response.status(), response.head());
            assertJsonError(response, "unauthorized");
            assertEquals("close", response.header("Connection"), response.head());
            assertTrue(answeredMillis < 2_000, "answered after " + answeredMillis + " ms, not after the body");
            assertTrue(raw.closedWithin(10_000), "the server ends its side after the answer (at the latest after"
                    + " the bounded drain)");
        }
        System.out.printf(Locale.ROOT, "refused request with a withheld body: the client saw the end of the"
                + " connection %d ms after sending%n", (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void aRefusedRequestExpectingContinueGetsItsAnswerNot100() {
        try (RawConnection raw = new RawConnection(service.baseUri())) {
            RawConnection.Response response = raw.send("POST /v1/admin/batches HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer wrong-token-123\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n")
                    .readResponse(3_000, false);
            assertEquals(401, response.status(), "no 100 Continue for a request that is refused: " + response.head());
            assertJsonError(response, "unauthorized");
        }
        try (RawConnection raw = new RawConnection(service.baseUri())) {
            RawConnection.Response response = raw.send("POST /nowhere HTTP/1.1\r\nHost: x\r\n"
                    + "Expect: 100-continue\r\nContent-Length: 5000\r\n\r\n").readResponse(3_000, false);
            assertEquals(404, response.status(), response.head());
        }
    }

    @Test
    void anAcceptedUploadExpectingContinueGets100ThenItsAnswer() {
        String body = ServiceFixture.jsonLines(4);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (RawConnection raw = new RawConnection(service.baseUri())) {
            RawConnection.Response interim = raw.send("POST /v1/admin/batches?batch_id=expect-continue HTTP/1.1\r\n"
                    + "Host: x\r\nAuthorization: Bearer " + ServiceFixture.TOKEN + "\r\nExpect: 100-continue\r\n"
                    + "Content-Type: application/x-ndjson\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .readResponse(5_000, true);
            assertEquals(100, interim.status(), interim.head());
            raw.send(new String(bytes, StandardCharsets.ISO_8859_1));
            RawConnection.Response response = raw.readResponse(30_000, false);
            assertEquals(201, response.status(), response.body());
        }
    }

    @Test
    void aWellBehavedClientReadsTheRefusalOfItsWholeBody() {
        String body = ServiceFixture.jsonLines(2);
        for (int attempt = 0; attempt < 5; attempt++) {
            HttpResponse<String> response = client.post("/v1/admin/batches?batch_id=never", "wrong-token-123", body);
            assertError(response, 401, "unauthorized");
        }
    }

    @Test
    void aSlowOrStalledUploadIsCutOffAndOthersAreShedMeanwhile() throws IOException {
        ServiceConfig strict = ServiceFixture.config().withLimits(ServiceLimits.DEFAULTS
                .withIdleTimeout(Duration.ofSeconds(2)).withMinBodyBytesPerSecond(16 * 1024)
                .withMaxConcurrentBodies(1));
        try (SimilarityService small = SimilarityService.start(design, strict);
             RawConnection slow = new RawConnection(small.baseUri());
             RawConnection stalled = new RawConnection(small.baseUri());
             RawConnection excess = new RawConnection(small.baseUri())) {
            String head = "POST /v1/admin/batches?batch_id=slow HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + ServiceFixture.TOKEN + "\r\nContent-Length: 1000000\r\n\r\n";
            long start = System.nanoTime();
            slow.send(head);
            sleep(300);
            excess.send(head.replace("batch_id=slow", "batch_id=excess"));
            RawConnection.Response shed = excess.readResponse(3_000, false);
            assertEquals(503, shed.status(), "a second body while one is being read is shed: " + shed.head());
            assertJsonError(shed, "overloaded");
            assertNotNull(shed.header("Retry-After"), shed.head());
            RawConnection.Response cut = null;
            for (int i = 0; i < 20 && cut == null; i++) {
                slow.send("{\"pro");
                cut = slow.pollResponse(700);
            }
            assertNotNull(cut, "a body arriving at 7 bytes/s is cut off");
            assertEquals(408, cut.status(), cut.head() + cut.body());
            assertJsonError(cut, "request_timeout");
            System.out.printf(Locale.ROOT, "slow upload cut off after %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);

            start = System.nanoTime();
            stalled.send(head.replace("batch_id=slow", "batch_id=stalled"));
            RawConnection.Response idle = stalled.readResponse(10_000, false);
            assertEquals(408, idle.status(), idle.head() + idle.body());
            System.out.printf(Locale.ROOT, "stalled upload cut off after %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static void assertJsonError(RawConnection.Response response, String code) {
        assertTrue(String.valueOf(response.header("Content-Type")).startsWith("application/json"), response.head());
        JsonNode body;
        try {
            body = HttpTestClient.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
        if (code != null) {
            assertEquals(code, body.path("error").asText(), response.body());
        }
        assertTrue(body.hasNonNull("error") && body.hasNonNull("message"), response.body());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
