package dev.schemabench.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.design.DesignContext;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.internal.Home;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Measures the service's capacity (reads answered 200 per second by a closed loop), then offers an open-loop load of
 * {@value #MULTIPLE} times that for {@code -Dschemabench.overload.seconds} (default 30) on loopback. Every read must
 * be 200 or 503 with {@code Retry-After}, never a client-side timeout; {@code /health} keeps answering; reads return
 * to normal within seconds afterwards.
 *
 * <p>One load generator on the same 2 cores as the service and PostgreSQL cannot offer three times the capacity of
 * even a one-connection pool (about 1,500 reads/s measured; the generator reached about 2,800/s and then queued
 * requests on its own side). So the capacity is lowered further: one pool connection, two concurrent reads, and each
 * read made {@value #READ_DELAY_MILLIS} ms slower (as a slower database would be) by a proxy around the design. The
 * rate actually offered is printed beside the target.
 */
@Tag("long")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverloadIT {

    private static final int MULTIPLE = 3;
    private static final int OVERLOAD_SECONDS = Integer.getInteger("schemabench.overload.seconds", 30);
    private static final int CAPACITY_SECONDS = 5;
    private static final int WARM_UP_SECONDS = 3;
    private static final int CLOSED_LOOP_USERS = 4;
    private static final String PRODUCT_PATH = "/v1/products/SKU-0000042/similar";
    private static final long READ_DELAY_MILLIS = 10;

    private EmbeddedPostgres postgres;
    private StorageDesign design;
    private SimilarityService service;
    private HttpClient http;

    @BeforeAll
    void start() throws Exception {
        postgres = ServiceFixture.startPostgres();
        design = ServiceFixture.withFirstBatch(DesignRegistry.find("jsonb").orElseThrow().factory()
                .create(new DesignContext(Home.schemas(), postgres::server, 1)));
        service = SimilarityService.start(slowerReads(design), ServiceFixture.config()
                .withLimits(ServiceLimits.DEFAULTS.withMaxConcurrentReads(2)));
        http = new HttpClient();
        http.setMaxConnectionsPerDestination(512);
        http.setMaxRequestsQueuedPerDestination(1_000_000);
        http.setConnectTimeout(5_000);
        // Below the service's idle timeout (10 s), as any well-behaved client of a keep-alive server: otherwise a
        // request can go out on a pooled connection the server is closing that moment, and fail with EOF.
        http.setIdleTimeout(5_000);
        http.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (http != null) {
            http.stop();
        }
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

    /** Responses by kind; latency from each request's intended start. */
    private static final class Outcomes {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong shed = new AtomicLong();
        final AtomicLong shedWithoutRetryAfter = new AtomicLong();
        final AtomicLong other = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final java.util.Set<String> failureCauses = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final AtomicInteger inFlight = new AtomicInteger();
        final LatencySample okLatency = new LatencySample();
        final LatencySample shedLatency = new LatencySample();

        void record(Result result, long intendedNanos) {
            long elapsed = System.nanoTime() - intendedNanos;
            inFlight.decrementAndGet();
            if (result.isFailed()) {
                failed.incrementAndGet();
                Throwable cause = result.getFailure();
                failureCauses.add(cause == null ? "?" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
                return;
            }
            int status = result.getResponse().getStatus();
            if (status == 200) {
                ok.incrementAndGet();
                synchronized (okLatency) {
                    okLatency.add(elapsed);
                }
            } else if (status == 503) {
                shed.incrementAndGet();
                if (result.getResponse().getHeaders().get("Retry-After") == null) {
                    shedWithoutRetryAfter.incrementAndGet();
                }
                synchronized (shedLatency) {
                    shedLatency.add(elapsed);
                }
            } else {
                other.incrementAndGet();
            }
        }
    }

    @Test
    void overloadIsShedWithFast503sAndHealthStaysFast() throws Exception {
        URI read = URI.create(service.baseUri() + PRODUCT_PATH);
        double capacity = capacity(read);
        double target = capacity * MULTIPLE;
        System.out.printf(Locale.ROOT, "capacity: %.0f reads/s answered 200 (closed loop, %d users, %d s after %d s"
                + " of warm-up)%n", capacity, CLOSED_LOOP_USERS, CAPACITY_SECONDS, WARM_UP_SECONDS);

        Outcomes outcomes = new Outcomes();
        LatencySample health = new LatencySample();
        AtomicInteger healthFailures = new AtomicInteger();
        long overloadNanos = TimeUnit.SECONDS.toNanos(OVERLOAD_SECONDS);
        HttpTestClient healthClient = new HttpTestClient(service.baseUri());
        long[] heapMaxBytes = new long[1];
        int[] connectionsMax = new int[1];
        Thread watcher = new Thread(() -> {
            long end = System.nanoTime() + overloadNanos;
            Runtime runtime = Runtime.getRuntime();
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                try {
                    if (healthClient.get("/health").statusCode() != 200) {
                        healthFailures.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    healthFailures.incrementAndGet();
                }
                health.add(System.nanoTime() - start);
                heapMaxBytes[0] = Math.max(heapMaxBytes[0], runtime.totalMemory() - runtime.freeMemory());
                connectionsMax[0] = Math.max(connectionsMax[0], service.openConnections());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }, "overload-watcher");
        watcher.start();

        long intervalNanos = (long) (1e9 / target);
        long start = System.nanoTime();
        long sent = 0;
        while (true) {
            long now = System.nanoTime();
            if (now - start >= overloadNanos) {
                break;
            }
            long due = (now - start) / intervalNanos + 1;
            for (; sent < due; sent++) {
                long intended = start + sent * intervalNanos;
                outcomes.inFlight.incrementAndGet();
                http.newRequest(read).timeout(10, TimeUnit.SECONDS).send(result -> outcomes.record(result, intended));
            }
            LockSupport.parkNanos(Math.max(50_000, start + due * intervalNanos - System.nanoTime()));
        }
        long loadEnded = System.nanoTime();
        double offered = sent / ((loadEnded - start) / 1e9);
        watcher.join(30_000);
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (outcomes.inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(20);
        }
        double recoveredSeconds = recovery(healthClient, loadEnded);

        System.out.printf(Locale.ROOT, "overload: target %.0f/s (%dx), offered %.0f/s for %d s (%d reads): 200 %d"
                + " (%.0f/s), 503 %d (%.0f%%), other %d, client failures %d, still in flight %d%n",
                target, MULTIPLE, offered, OVERLOAD_SECONDS, sent, outcomes.ok.get(),
                outcomes.ok.get() / (OVERLOAD_SECONDS * 1.0), outcomes.shed.get(),
                100.0 * outcomes.shed.get() / Math.max(1, sent), outcomes.other.get(), outcomes.failed.get(),
                outcomes.inFlight.get());
        System.out.println("overload latency from intended start: 200 " + outcomes.okLatency.summary() + "; 503 "
                + outcomes.shedLatency.summary());
        System.out.println("/health during overload: " + health.summary() + ", failed " + healthFailures.get());
        System.out.printf(Locale.ROOT, "heap of the test JVM (service and generator) at most %d MB; connections at"
                + " most %d; reads normal again %.1f s after the overload ended%n", heapMaxBytes[0] >> 20,
                connectionsMax[0], recoveredSeconds);

        System.out.println("client failures: " + outcomes.failureCauses);
        // A few reads in some runs used to fail with EOFException on a pooled connection: the server had closed it
        // after its 10 s idle timeout while the client, whose pool kept idle connections 30 s, sent on it. The client
        // now closes idle connections first. Bounded at 1 in 2,000 rather than 0: a shared machine can stall a
        // connect beyond its timeout.
        assertTrue(outcomes.failed.get() * 2_000 <= sent, "client-side timeouts or connection failures: "
                + outcomes.failed.get() + " of " + sent + " " + outcomes.failureCauses);
        assertEquals(0, outcomes.other.get(), "every read is 200 or 503");
        assertEquals(0, outcomes.shedWithoutRetryAfter.get(), "every 503 carries Retry-After");
        assertEquals(0, outcomes.inFlight.get(), "every request was answered");
        assertTrue(outcomes.shed.get() > 0, "at " + MULTIPLE + "x capacity some reads are shed");
        assertEquals(0, healthFailures.get(), "/health always answers");
        assertTrue(health.percentileMillis(99) < 1_000 && health.percentileMillis(100) < 5_000,
                "/health never hangs: " + health.summary());
        assertTrue(recoveredSeconds < 10, "back to normal within seconds: " + recoveredSeconds);
    }

    /** {@code design} with every read {@link #READ_DELAY_MILLIS} slower; everything else passed through. */
    private static StorageDesign slowerReads(StorageDesign design) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getName().startsWith("similar")) {
                Thread.sleep(READ_DELAY_MILLIS);
            }
            try {
                return method.invoke(design, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (StorageDesign) Proxy.newProxyInstance(StorageDesign.class.getClassLoader(),
                new Class<?>[] {StorageDesign.class}, handler);
    }

    /** Reads per second answered 200 by a closed loop of {@link #CLOSED_LOOP_USERS} users. */
    private double capacity(URI read) throws InterruptedException {
        closedLoop(read, WARM_UP_SECONDS);
        return closedLoop(read, CAPACITY_SECONDS) / (double) CAPACITY_SECONDS;
    }

    /** Reads answered 200 by a closed loop of {@link #CLOSED_LOOP_USERS} users in {@code seconds}. */
    private long closedLoop(URI read, int seconds) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(CLOSED_LOOP_USERS);
        for (int user = 0; user < CLOSED_LOOP_USERS; user++) {
            sendUntil(read, end, ok, done);
        }
        assertTrue(done.await(seconds + 30L, TimeUnit.SECONDS), "the closed loop ended");
        return ok.get();
    }

    private void sendUntil(URI read, long end, AtomicLong ok, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        http.newRequest(read).timeout(10, TimeUnit.SECONDS).send(result -> {
            if (!result.isFailed() && result.getResponse().getStatus() == 200) {
                ok.incrementAndGet();
            }
            sendUntil(read, end, ok, done);
        });
    }

    /** Seconds from {@code loadEnded} until ten reads in a row are 200 within 100 ms each. */
    private static double recovery(HttpTestClient client, long loadEnded) {
        int inARow = 0;
        long deadline = loadEnded + TimeUnit.SECONDS.toNanos(60);
        long firstOfRow = 0;
        while (inARow < 10 && System.nanoTime() < deadline) {
            long start = System.nanoTime();
            int status = client.get(PRODUCT_PATH).statusCode();
            boolean normal = status == 200 && System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100);
            if (normal) {
                if (inARow == 0) {
                    firstOfRow = start;
                }
                inARow++;
            } else {
                inARow = 0;
            }
        }
        return inARow < 10 ? Double.POSITIVE_INFINITY : (firstOfRow - loadEnded) / 1e9;
    }
}
