package dev.schemabench.service;

import static dev.schemabench.service.ServiceContractIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.design.StorageDesign;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A database that hangs rather than refuses (every call sleeps) behind a real server on loopback: {@code /ready}
 * still answers 503 within its budget, concurrent checks share one question, and {@code /health} is untouched.
 */
class HangingDatabaseTest {

    private static final long HANG_MILLIS = 4_000;

    @Test
    void readyAnswersWithinItsBudgetWhenTheDatabaseHangs() {
        StorageDesign hanging = (StorageDesign) Proxy.newProxyInstance(StorageDesign.class.getClassLoader(),
                new Class<?>[] {StorageDesign.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("name")) {
                        return "hanging";
                    }
                    if (method.getName().equals("role")) {
                        return Optional.empty();
                    }
                    Thread.sleep(HANG_MILLIS);
                    return method.getName().equals("activeBatch") ? Optional.of("week-0001") : null;
                });
        try (SimilarityService service = SimilarityService.start(hanging, ServiceFixture.config())) {
            HttpTestClient client = new HttpTestClient(service.baseUri());
            assertEquals(200, client.get("/health").statusCode(), "warm");
            ExecutorService askers = Executors.newFixedThreadPool(10);
            List<CompletableFuture<long[]>> checks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                checks.add(CompletableFuture.supplyAsync(() -> {
                    long start = System.nanoTime();
                    HttpResponse<String> ready = client.get("/ready");
                    assertError(ready, 503, "not_ready");
                    return new long[] {ready.statusCode(), (System.nanoTime() - start) / 1_000_000};
                }, askers));
            }
            long slowest = 0;
            List<Long> each = new ArrayList<>();
            for (CompletableFuture<long[]> check : checks) {
                each.add(check.join()[1]);
                slowest = Math.max(slowest, check.join()[1]);
            }
            System.out.println("/ready with a hanging database, each of 10 concurrent checks (ms): " + each);
            askers.shutdown();
            System.out.println("/ready with a hanging database: slowest of 10 concurrent checks " + slowest + " ms");
            assertTrue(slowest < HANG_MILLIS - 1_000, "/ready does not wait for the hanging database: " + slowest);
            long start = System.nanoTime();
            assertEquals(200, client.get("/health").statusCode());
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(HANG_MILLIS - 1_000));
        }
    }
}
