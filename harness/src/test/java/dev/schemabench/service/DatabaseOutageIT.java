package dev.schemabench.service;

import static dev.schemabench.service.ServiceContractIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.StorageDesign;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The database stops under a running service and comes back: once the service knows it is unreachable, reads and
 * admin routes answer 503 at once, {@code /ready} within a second, {@code /health} stays 200, and reads recover by
 * themselves when the database returns; reads already waiting for a pooled connection when it dies are answered 503
 * without waiting for the pool's timeout. Bounds are generous (the machine is shared); the figures are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIT {

    private static final String PRODUCT_PATH = "/v1/products/SKU-0000042/similar";
    private static final int DOWN_READS = 200;
    private static final int CONCURRENT_READERS = 8;

    private EmbeddedPostgres postgres;
    private StorageDesign design;
    private SimilarityService service;
    private HttpTestClient client;

    @BeforeAll
    void start() {
        postgres = ServiceFixture.startPostgres();
        design = ServiceFixture.designWithFirstBatch(postgres, "jsonb");
        service = SimilarityService.start(design, ServiceFixture.config(), postgres);
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

    @Test
    void readsInFlightWhenTheDatabaseDiesAreAnsweredWithoutThePoolTimeout() throws Exception {
        awaitReads200();
        AtomicBoolean reading = new AtomicBoolean(true);
        long[] stoppedAt = {Long.MAX_VALUE};
        ExecutorService readers = Executors.newFixedThreadPool(CONCURRENT_READERS);
        List<Future<List<long[]>>> each = new ArrayList<>();
        for (int r = 0; r < CONCURRENT_READERS; r++) {
            each.add(readers.submit(() -> {
                List<long[]> reads = new ArrayList<>();
                while (reading.get()) {
                    long start = System.nanoTime();
                    int status = client.get(PRODUCT_PATH).statusCode();
                    reads.add(new long[] {start, System.nanoTime() - start, status});
                }
                return reads;
            }));
        }
        long readyMillis;
        long untilOpenMillis;
        try {
            Thread.sleep(500);
            postgres.stopServer();
            stoppedAt[0] = System.nanoTime();
            long opened = 0;
            while (opened == 0 && System.nanoTime() - stoppedAt[0] < TimeUnit.SECONDS.toNanos(10)) {
                if (client.get("/metrics").body().contains("schemabench_database_circuit_open 1")) {
                    opened = System.nanoTime();
                }
                Thread.sleep(20);
            }
            untilOpenMillis = opened == 0 ? -1 : (opened - stoppedAt[0]) / 1_000_000;
            Thread.sleep(2_000);
            long start = System.nanoTime();
            assertError(client.get("/ready"), 503, "not_ready");
            readyMillis = (System.nanoTime() - start) / 1_000_000;
        } finally {
            reading.set(false);
            readers.shutdown();
            postgres.restartServer();
        }
        LatencySample afterStop = new LatencySample();
        long slowestAfterStopMillis = 0;
        int refused = 0;
        for (Future<List<long[]>> reader : each) {
            for (long[] read : reader.get(60, TimeUnit.SECONDS)) {
                assertTrue(read[2] == 200 || read[2] == 503, "only 200 or 503, got " + read[2]);
                if (read[0] + read[1] > stoppedAt[0]) {
                    afterStop.add(read[1]);
                    slowestAfterStopMillis = Math.max(slowestAfterStopMillis, read[1] / 1_000_000);
                    refused += read[2] == 503 ? 1 : 0;
                }
            }
        }
        System.out.printf(Locale.ROOT, "database down under %d concurrent readers: circuit open %d ms after the stop"
                + " returned; reads ending after the stop %s (%d answered 503); /ready %d ms%n", CONCURRENT_READERS,
                untilOpenMillis, afterStop.summary(), refused, readyMillis);
        assertTrue(untilOpenMillis >= 0, "the watch opens the circuit");
        assertTrue(refused > 0, "reads after the stop are refused");
        assertTrue(slowestAfterStopMillis < PostgresServer.CONNECT_TIMEOUT.toMillis() - 1_000,
                "no read waits for the pool's timeout: slowest " + slowestAfterStopMillis + " ms");
        assertTrue(readyMillis < 2_000, "/ready answers quickly: " + readyMillis + " ms");
        awaitReads200();
    }

    private void awaitReads200() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = client.get(PRODUCT_PATH).statusCode();
            if (status != 200) {
                Thread.sleep(50);
            }
        }
        assertEquals(200, status, "reads answer 200");
    }
}
