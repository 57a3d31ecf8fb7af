package dev.schemabench.service;

import static dev.schemabench.service.ServiceContractIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.design.DesignContext;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.internal.Home;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The service without an active batch, with the database down and back, and at shutdown. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryIT {

    private static final long RECOVERY_DEADLINE_SECONDS = 90;

    private EmbeddedPostgres postgres;
    private StorageDesign design;
    private SimilarityService service;
    private HttpTestClient client;

    @BeforeAll
    void start() {
        postgres = ServiceFixture.startPostgres();
        design = DesignRegistry.find("jsonb").orElseThrow().factory()
                .create(new DesignContext(Home.schemas(), postgres::server, 4));
        design.dropSchema();
        design.ensureSchema();
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
    void notReadyWithoutABatchThenRecoversAfterTheDatabaseRestarts() throws InterruptedException {
        HttpResponse<String> ready = client.get("/ready");
        assertError(ready, 503, "not_ready");
        assertTrue(ready.headers().firstValue("Retry-After").isPresent());
        assertError(client.get("/v1/products/SKU-0000042/similar"), 503, "no_active_batch");
        assertEquals(201, client.post("/v1/admin/batches?generate=true&week=1", ServiceFixture.TOKEN, "").statusCode());
        assertEquals(200, client.post("/v1/admin/batches/week-0001/activate", ServiceFixture.TOKEN, "").statusCode());
        assertEquals(200, client.get("/ready").statusCode());
        assertEquals(200, client.get("/v1/products/SKU-0000042/similar").statusCode());

        postgres.stopServer();
        try {
            HttpResponse<String> down = client.get("/v1/products/SKU-0000042/similar");
            assertError(down, 503, "database_unavailable");
            assertTrue(down.headers().firstValue("Retry-After").isPresent(), down.headers().toString());
            assertError(client.get("/ready"), 503, "not_ready");
            assertEquals(200, client.get("/health").statusCode(), "the process is alive");
            assertError(client.get("/v1/admin/batches", ServiceFixture.TOKEN), 503, "database_unavailable");
        } finally {
            postgres.restartServer();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RECOVERY_DEADLINE_SECONDS);
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = client.get("/v1/products/SKU-0000042/similar").statusCode();
            if (status == 200) {
                break;
            }
            assertEquals(503, status, "only 503 while the pool reconnects");
            Thread.sleep(200);
        }
        assertEquals(200, status, "the service recovers without a restart");
        assertEquals(200, client.get("/ready").statusCode());
    }

    @Test
    void closedServiceRefusesConnections() {
        SimilarityService extra = SimilarityService.start(design, ServiceFixture.config());
        HttpTestClient extraClient = new HttpTestClient(extra.baseUri());
        assertEquals(200, extraClient.get("/health").statusCode());
        extra.close();
        assertThrows(UncheckedIOException.class, () -> extraClient.get("/health"));
    }
}
