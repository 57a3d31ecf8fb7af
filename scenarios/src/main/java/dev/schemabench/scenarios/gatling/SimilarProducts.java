package dev.schemabench.scenarios.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.shared.DurationText;
import dev.schemabench.shared.GatlingProperties;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * <b>SimilarProducts</b>: the service's one read path under an open workload.
 *
 * <ul>
 *   <li>Operation mix: 100 % {@code GET /v1/products/{id}/similar?limit=10}, one request per virtual user, over
 *   shared keep-alive connections (a service-to-service caller); a read succeeds on status 200.</li>
 *   <li>Data size: whatever the service was loaded with; {@code products} must match it (default 10,000, what
 *   {@code scripts/serve} generates).</li>
 *   <li>Key distribution: Zipfian (0.99) product popularity with the hottest products scattered over the catalog,
 *   {@link ZipfianKeys} seeded exactly like the suite's storage-level measurement (seed for the measured reads, seed +
 *   1 for the warm-up), so both levels read the same key sequence.</li>
 *   <li>Rate: open model, {@code constantUsersPerSec(rate)} for the warm-up, then for the measured duration; the
 *   warm-up requests carry their own name and are left out of the figures.</li>
 * </ul>
 *
 * <p>Besides Gatling's report it writes, into the {@code out} folder, an HdrHistogram interval log of the measured
 * reads in nanoseconds ({@value GatlingProperties#LATENCY_LOG_FILE}), how late each measured read started after its
 * place in the even schedule ({@value GatlingProperties#SEND_LAG_LOG_FILE}) and {@value GatlingProperties#SUMMARY_FILE}
 * (successes, failures, the measured wall-clock window). Assertions: no failed measured read, and measured P99 below
 * {@code p99_bound_ms} (default: the 100 ms SLO). Parameters: the {@code schemabench.gatling.*} system properties of
 * {@link GatlingProperties}.
 */
public final class SimilarProducts extends Simulation {

    /** Request names: the warm-up is reported apart and excluded from the assertions and the figures. */
    static final String READ = "similar";
    static final String WARMUP_READ = "similar (warm-up)";

    /**
     * The simulation's parameters, read once from system properties.
     *
     * @param baseUrl    the service
     * @param products   catalog size the service holds
     * @param seed       key-sequence seed (the suite's seed)
     * @param rate       reads per second
     * @param warmup     unmeasured time before measuring; zero for none
     * @param duration   measured time
     * @param limit      items per read
     * @param p99BoundMs the P99 the assertion allows, milliseconds
     * @param out        folder for the latency log and the summary
     */
    record Settings(String baseUrl, int products, long seed, double rate, Duration warmup, Duration duration,
                    int limit, int p99BoundMs, Path out) {

        static Settings fromSystemProperties() {
            return new Settings(
                    System.getProperty(GatlingProperties.BASE_URL, "http://127.0.0.1:8080"),
                    Integer.parseInt(System.getProperty(GatlingProperties.PRODUCTS, "10000")),
                    Long.parseLong(System.getProperty(GatlingProperties.SEED, "42")),
                    Double.parseDouble(System.getProperty(GatlingProperties.RATE, "200")),
                    DurationText.parse(System.getProperty(GatlingProperties.WARMUP, "5s")),
                    DurationText.parse(System.getProperty(GatlingProperties.DURATION, "30s")),
                    Integer.parseInt(System.getProperty(GatlingProperties.LIMIT, "10")),
                    Integer.parseInt(System.getProperty(GatlingProperties.P99_BOUND_MS, "100")),
                    Path.of(System.getProperty(GatlingProperties.OUT, "target/gatling-similar-products")));
        }
    }

    private final Settings settings = Settings.fromSystemProperties();
    private final LatencyLog latency = new LatencyLog(settings.out().resolve(GatlingProperties.LATENCY_LOG_FILE),
            "SchemaBench service-level read latency (Gatling, GET similar), nanoseconds, one-second intervals");

    private final HttpProtocolBuilder protocol = http
            .baseUrl(settings.baseUrl())
            .acceptHeader("application/json")
            .shareConnections()
            .warmUp(settings.baseUrl() + "/health");

    private ChainBuilder read(String name, Iterator<Map<String, Object>> keys, boolean measured) {
        ChainBuilder request = feed(keys)
                .exec(http(name).get("/v1/products/#{productId}/similar?limit=" + settings.limit())
                        .check(status().is(200)));
        if (!measured) {
            return request;
        }
        return exec(session -> session.set("startNanos", System.nanoTime())
                .set("startEpochMs", System.currentTimeMillis()))
                .exec(request)
                .exec(session -> {
                    latency.record(session.getLong("startNanos"), session.getLong("startEpochMs"),
                            !session.isFailed());
                    return session;
                });
    }

    private final ScenarioBuilder warmupReads = scenario("warm-up reads")
            .exec(read(WARMUP_READ, keys(settings.seed() + 1), false));
    private final ScenarioBuilder measuredReads = scenario("similar products")
            .exec(read(READ, keys(settings.seed()), true));

    {
        PopulationBuilder measured = measuredReads.injectOpen(
                constantUsersPerSec(settings.rate()).during(settings.duration()));
        List<PopulationBuilder> populations = new ArrayList<>();
        if (settings.warmup().isZero()) {
            populations.add(measured);
        } else {
            populations.add(warmupReads.injectOpen(constantUsersPerSec(settings.rate()).during(settings.warmup()))
                    .andThen(measured));
        }
        setUp(populations)
                .protocols(protocol)
                .assertions(
                        details(READ).failedRequests().percent().is(0.0),
                        details(READ).responseTime().percentile(99.0).lt(settings.p99BoundMs()));
    }

    /** The suite's Zipfian key sequence as a feeder; Gatling may pull from several threads, so it is synchronized. */
    private Iterator<Map<String, Object>> keys(long seed) {
        return new ZipfianFeeder(settings.products(), seed);
    }

    @Override
    public void after() {
        latency.close();
        latency.writeSendLag(settings.out().resolve(GatlingProperties.SEND_LAG_LOG_FILE), settings.rate());
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode summary = mapper.createObjectNode();
        summary.put("ok", latency.ok());
        summary.put("ko", latency.failed());
        summary.put("window_start_epoch_ms", latency.windowStartEpochMs());
        summary.put("window_end_epoch_ms", latency.windowEndEpochMs());
        summary.put("target_rate_ops_s", settings.rate());
        summary.put("duration_s", settings.duration().toMillis() / 1000.0);
        summary.put("histogram_log", GatlingProperties.LATENCY_LOG_FILE);
        summary.put("send_lag_log", GatlingProperties.SEND_LAG_LOG_FILE);
        try {
            mapper.writerWithDefaultPrettyPrinter().writeValue(
                    settings.out().resolve(GatlingProperties.SUMMARY_FILE).toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
