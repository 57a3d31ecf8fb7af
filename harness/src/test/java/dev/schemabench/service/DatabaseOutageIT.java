package dev.schemabench.service;

import static dev.schemabench.service.ServiceContractIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.design.StorageDesign;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The database stops under a running service and comes back: once the service knows it is unreachable, reads and
 * admin routes answer 503 at once, {@code /ready} within a second, {@code /health} stays 200, and reads recover by
 * themselves when the database returns. Bounds are generous (the machine is shared); the figures are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIT {

    private static final String PRODUCT_PATH = "/v1/products/SKU-0000042/similar";
    private static final int DOWN_READS = 200;

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
    void aDeadDatabaseIsAnswered503AtOnceAndRecoveryIsAutomatic() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            assertEquals(200, client.get(PRODUCT_PATH).statusCode(), "warm");
        }
        postgres.stopServer();
        LatencySample reads = new LatencySample();
        LatencySample ready = new LatencySample();
        LatencySample health = new LatencySample();
        long firstMillis;
        try {
            long start = System.nanoTime();
            HttpResponse<String> first = client.get(PRODUCT_PATH);
            firstMillis = (System.nanoTime() - start) / 1_000_000;
            assertError(first, 503, "database_unavailable");

            for (int i = 0; i < DOWN_READS; i++) {
                start = System.nanoTime();
                HttpResponse<String> down = client.get(PRODUCT_PATH);
                reads.add(System.nanoTime() - start);
                assertError(down, 503, "database_unavailable");
                assertTrue(down.headers().firstValue("Retry-After").isPresent(), down.headers().toString());
                if (i % 20 == 0) {
                    start = System.nanoTime();
                    assertError(client.get("/ready"), 503, "not_ready");
                    ready.add(System.nanoTime() - start);
                    start = System.nanoTime();
                    assertEquals(200, client.get("/health").statusCode(), "the process is alive");
                    health.add(System.nanoTime() - start);
                }
            }
            assertError(client.get("/v1/admin/batches", ServiceFixture.TOKEN), 503, "database_unavailable");
            assertTrue(client.get("/metrics").body().contains("schemabench_database_circuit_open 1"));
            System.out.printf(Locale.ROOT, "database down: first read 503 after %d ms; later reads %s;"
                    + " /ready %s; /health %s%n", firstMillis, reads.summary(), ready.summary(), health.summary());
            assertTrue(reads.percentileMillis(99) < 1_000, "reads are refused without waiting for the pool's timeout: "
                    + reads.summary());
            assertTrue(ready.percentileMillis(100) < 3_000, "/ready answers quickly: " + ready.summary());
        } finally {
            postgres.restartServer();
        }

        long restarted = System.nanoTime();
        long deadline = restarted + TimeUnit.SECONDS.toNanos(60);
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = client.get(PRODUCT_PATH).statusCode();
            if (status == 200) {
                break;
            }
            assertEquals(503, status, "only 503 until the circuit closes");
            Thread.sleep(50);
        }
        long recoveredMillis = (System.nanoTime() - restarted) / 1_000_000;
        System.out.printf(Locale.ROOT, "database back: reads 200 again %d ms after the restart returned%n",
                recoveredMillis);
        assertEquals(200, status, "the service recovers without a restart");
        assertEquals(200, client.get("/ready").statusCode());
        assertTrue(client.get("/metrics").body().contains("schemabench_database_circuit_open 0"));
    }
}
