package dev.schemabench.scenarios.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGenerator;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.Membership;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.shared.AnswerVerdict;
import dev.schemabench.shared.DurationText;
import dev.schemabench.shared.EnvironmentVariables;
import dev.schemabench.shared.GatlingProperties;
import dev.schemabench.shared.SecretFile;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * <b>RefreshUnderLoad</b>: the weekly refresh through the admin API while customers keep reading.
 *
 * <ul>
 *   <li>Operation mix: reads, {@code GET /v1/products/{id}/similar?limit=10} at a fixed rate, each answer checked;
 *   beside them one admin user: wait {@code settle}, {@code POST /v1/admin/batches?generate=true&week=N&batch_id=ID}
 *   (the service generates and stages the next weekly batch), {@code POST /v1/admin/batches/ID/activate}, wait
 *   {@code settle}, {@code POST /v1/admin/rollback} (back to the batch active before), wait {@code settle}, stop.</li>
 *   <li>Data size: the service's catalog ({@code products} x {@code recs}, seed and churn as loaded), two batches.</li>
 *   <li>Key distribution: Zipfian (0.99), {@link ZipfianKeys} seeded with seed + 2 like the storage-level refresh.</li>
 *   <li>Rate: open model, {@code constantUsersPerSec(rate)} until the admin user is done.</li>
 * </ul>
 *
 * <p>Every 200 answer must be a complete list whose items all equal the generated truth of the batch named by its
 * {@code batch_id} ({@link AnswerCheck}); answers that fail, come back empty or short, or mix batches are counted and
 * written, with the admin steps' timings and per-phase latency, to {@value GatlingProperties#REFRESH_FILE} in the
 * {@code out} folder. The design is zero-downtime only if the three counts are 0. The assertions say the same in
 * Gatling's terms: no failed read and every admin step succeeded. The admin token comes from the owner-only file
 * named by {@code SCHEMABENCH_ADMIN_TOKEN_FILE} (how the suite passes it), else from {@code SCHEMABENCH_ADMIN_TOKEN}.
 */
public final class RefreshUnderLoad extends Simulation {

    static final String READ = "similar during refresh";
    static final String STAGE = "admin: stage";
    static final String ACTIVATE = "admin: activate";
    static final String ROLLBACK = "admin: rollback";

    static final String BEFORE = "before";
    static final String STAGING = "staging";
    static final String ACTIVATING = "activating";
    static final String AFTER = "after";
    static final String ROLLING_BACK = "rolling_back";
    static final String AFTER_ROLLBACK = "after_rollback";
    /** The refresh is over: reads that start now are not sent, those in flight get a grace period to finish. */
    private static final String DONE = "done";
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final List<String> DURING = List.of(STAGING, ACTIVATING, ROLLING_BACK);

    /**
     * The simulation's parameters, read once from system properties (the token from a file or the environment).
     *
     * @param baseUrl      the service
     * @param catalog      the catalog the service generates batches from
     * @param rate         reads per second
     * @param settle       reads before the refresh, between activation and rollback, and after
     * @param limit        items per read
     * @param fromBatch    the batch active before the refresh
     * @param fromNumber   its weekly number
     * @param toBatch      the id the new batch is staged under
     * @param toNumber     its weekly number (what the generator produces)
     * @param adminTimeout most the admin steps may take together
     * @param adminToken   the bearer token
     * @param out          folder for the result file
     */
    record Settings(String baseUrl, CatalogSpec catalog, double rate, Duration settle, int limit, String fromBatch,
                    int fromNumber, String toBatch, int toNumber, Duration adminTimeout, String adminToken,
                    Path out) {

        static Settings fromSystemProperties() {
            int fromNumber = Integer.parseInt(System.getProperty(GatlingProperties.FROM_NUMBER, "1"));
            int toNumber = Integer.parseInt(System.getProperty(GatlingProperties.TO_NUMBER, "2"));
            return new Settings(
                    System.getProperty(GatlingProperties.BASE_URL, "http://127.0.0.1:8080"),
                    new CatalogSpec(Integer.parseInt(System.getProperty(GatlingProperties.PRODUCTS, "10000")),
                            Integer.parseInt(System.getProperty(GatlingProperties.RECS, "20")),
                            Long.parseLong(System.getProperty(GatlingProperties.SEED, "42")),
                            Double.parseDouble(System.getProperty(GatlingProperties.CHURN,
                                    String.valueOf(CatalogSpec.DEFAULT_CHURN_SHARE))),
                            Membership.parse(System.getProperty(GatlingProperties.MEMBERSHIP,
                                    Membership.SKEWED.key()))),
                    Double.parseDouble(System.getProperty(GatlingProperties.RATE, "200")),
                    DurationText.parse(System.getProperty(GatlingProperties.SETTLE, "3s")),
                    Integer.parseInt(System.getProperty(GatlingProperties.LIMIT, "10")),
                    System.getProperty(GatlingProperties.FROM_BATCH, CatalogGenerator.defaultBatchId(fromNumber)),
                    fromNumber,
                    System.getProperty(GatlingProperties.TO_BATCH, "svc-" + CatalogGenerator.defaultBatchId(toNumber)),
                    toNumber,
                    DurationText.parse(System.getProperty(GatlingProperties.ADMIN_TIMEOUT, "10m")),
                    adminToken(System.getenv()),
                    Path.of(System.getProperty(GatlingProperties.OUT, "target/gatling-refresh")));
        }

        /** The token from the file {@code environment} names, else from the environment's variable, else empty. */
        static String adminToken(Map<String, String> environment) {
            String file = environment.get(EnvironmentVariables.ADMIN_TOKEN_FILE);
            if (file != null && !file.isBlank()) {
                return SecretFile.read(Path.of(file), "admin token").strip();
            }
            return environment.getOrDefault(EnvironmentVariables.ADMIN_TOKEN, "");
        }
    }

    /** Latency and verdicts of the reads issued in one phase. Thread-safe. */
    private static final class PhaseFigures {
        final Histogram histogram = new Histogram(3);
        final Map<AnswerVerdict, Long> verdicts = new EnumMap<>(AnswerVerdict.class);

        synchronized void add(long nanos, AnswerVerdict verdict) {
            if (verdict != AnswerVerdict.ERROR) {
                histogram.recordValue(nanos);
            }
            verdicts.merge(verdict, 1L, Long::sum);
        }

        synchronized long count(AnswerVerdict verdict) {
            return verdicts.getOrDefault(verdict, 0L);
        }

        synchronized long total() {
            return verdicts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Settings settings = Settings.fromSystemProperties();
    private final AnswerCheck check = new AnswerCheck(new CatalogGenerator(settings.catalog()), settings.limit(),
            settings.fromBatch(), settings.fromNumber(), settings.toBatch(), settings.toNumber());
    private final Map<String, PhaseFigures> phases = new LinkedHashMap<>();
    private final Map<String, Double> adminMs = new LinkedHashMap<>();
    private volatile String phase = BEFORE;
    private volatile String adminFailure = "the admin steps did not finish";
    private volatile String firstProblem;
    /** Set when the load generator is about to stop: answers that arrive later are not judged. */
    private volatile boolean closed;

    {
        for (String name : List.of(BEFORE, STAGING, ACTIVATING, AFTER, ROLLING_BACK, AFTER_ROLLBACK)) {
            phases.put(name, new PhaseFigures());
        }
    }

    private final HttpProtocolBuilder protocol = http
            .baseUrl(settings.baseUrl())
            .acceptHeader("application/json")
            .shareConnections()
            .warmUp(settings.baseUrl() + "/health");

    private final ChainBuilder read = doIf(session -> !DONE.equals(phase)).then(
            exec(session -> session.set("startNanos", System.nanoTime()).set("phase", phase))
            .exec(feed(keys()))
            .exec(http(READ).get("/v1/products/#{productId}/similar?limit=" + settings.limit())
                    .check(status().is(200), bodyString().saveAs("body")))
            .exec(this::judge));

    private final ScenarioBuilder readers = scenario("reads during the weekly refresh").exec(read);

    private final ScenarioBuilder admin = scenario("weekly refresh (admin)")
            .exec(exitBlockOnFail().on(
                    enter(BEFORE).pause(settings.settle()),
                    enter(STAGING).exec(timed(STAGE, http(STAGE).post("/v1/admin/batches?generate=true&week="
                            + settings.toNumber() + "&batch_id=" + settings.toBatch()), 201)),
                    enter(ACTIVATING).exec(timed(ACTIVATE,
                            http(ACTIVATE).post("/v1/admin/batches/" + settings.toBatch() + "/activate"), 200)),
                    enter(AFTER).pause(settings.settle()),
                    enter(ROLLING_BACK).exec(timed(ROLLBACK, http(ROLLBACK).post("/v1/admin/rollback"), 200)),
                    enter(AFTER_ROLLBACK).pause(settings.settle()),
                    exec(session -> {
                        adminFailure = null;
                        return session;
                    })))
            .exec(enter(DONE).pause(GRACE))
            .exec(session -> {
                if (adminFailure != null && session.contains("adminStep")) {
                    adminFailure = session.getString("adminStep") + " failed: "
                            + (session.contains("adminBody") ? session.getString("adminBody") : "no answer");
                }
                closed = true;
                return session;
            })
            .exec(stopLoadGenerator("the weekly refresh is done"));

    {
        Duration window = settings.settle().multipliedBy(3).plus(settings.adminTimeout());
        setUp(
                readers.injectOpen(constantUsersPerSec(settings.rate()).during(window)),
                admin.injectOpen(atOnceUsers(1)))
                .protocols(protocol)
                .maxDuration(window.plusSeconds(30))
                .assertions(
                        details(READ).failedRequests().percent().is(0.0),
                        details(STAGE).failedRequests().percent().is(0.0),
                        details(ACTIVATE).failedRequests().percent().is(0.0),
                        details(ROLLBACK).failedRequests().percent().is(0.0));
    }

    private ChainBuilder enter(String name) {
        return exec(session -> {
            phase = name;
            return session;
        });
    }

    private ChainBuilder timed(String step, HttpRequestActionBuilder request, int expectedStatus) {
        return exec(session -> session.set("adminStep", step).remove("adminBody")
                .set("adminStart", System.nanoTime()))
                .exec(request.header("Authorization", "Bearer " + settings.adminToken())
                        .check(bodyString().saveAs("adminBody"), status().is(expectedStatus)))
                .exec(session -> {
                    adminMs.put(step, round((System.nanoTime() - session.getLong("adminStart")) / 1e6));
                    return session;
                });
    }

    private Session judge(Session session) {
        if (closed) {
            return session;
        }
        long nanos = System.nanoTime() - session.getLong("startNanos");
        String productId = session.getString("productId");
        AnswerVerdict verdict = session.isFailed() || !session.contains("body") ? AnswerVerdict.ERROR
                : check.judge(productId, session.getString("body"));
        PhaseFigures figures = phases.get(session.getString("phase"));
        if (figures == null) {
            return session;
        }
        figures.add(nanos, verdict);
        if (verdict != AnswerVerdict.OK && firstProblem == null) {
            firstProblem = verdict + " for " + productId + " in phase " + session.getString("phase");
        }
        return session.remove("body");
    }

    /** The storage-level refresh's key sequence (seed + 2), synchronized because Gatling may pull from any thread. */
    private Iterator<Map<String, Object>> keys() {
        return new ZipfianFeeder(settings.catalog().products(), settings.catalog().seed() + 2);
    }

    @Override
    public void after() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode result = mapper.createObjectNode();
        result.put("batch_id", settings.toBatch());
        result.put("rate_ops_s", settings.rate());
        result.put("admin_ok", adminFailure == null);
        result.put("admin_failure", adminFailure);
        adminMs.forEach((step, ms) -> result.put(step.replace("admin: ", "") + "_ms", ms));
        Histogram during = new Histogram(3);
        long ops = 0;
        long opsDuring = 0;
        Map<AnswerVerdict, Long> totals = new EnumMap<>(AnswerVerdict.class);
        ObjectNode phaseNodes = result.putObject("phases");
        for (Map.Entry<String, PhaseFigures> entry : phases.entrySet()) {
            PhaseFigures figures = entry.getValue();
            synchronized (figures) {
                long total = figures.total();
                ops += total;
                if (DURING.contains(entry.getKey())) {
                    opsDuring += total;
                    during.add(figures.histogram);
                }
                figures.verdicts.forEach((verdict, count) -> totals.merge(verdict, count, Long::sum));
                ObjectNode node = phaseNodes.putObject(entry.getKey());
                node.put("ops", total - figures.count(AnswerVerdict.ERROR));
                node.put("errors", figures.count(AnswerVerdict.ERROR));
                node.put("p50_ms", ms(figures.histogram.getValueAtPercentile(50)));
                node.put("p99_ms", ms(figures.histogram.getValueAtPercentile(99)));
                node.put("max_ms", ms(figures.histogram.getMaxValue()));
            }
        }
        result.put("ops", ops);
        result.put("ops_during", opsDuring);
        result.put("p99_during_ms", ms(during.getValueAtPercentile(99)));
        result.put("errors", totals.getOrDefault(AnswerVerdict.ERROR, 0L));
        result.put("empty", totals.getOrDefault(AnswerVerdict.EMPTY, 0L));
        result.put("mixed", totals.getOrDefault(AnswerVerdict.MIXED, 0L));
        result.put("first_problem", firstProblem);
        try {
            Files.createDirectories(settings.out());
            mapper.writerWithDefaultPrettyPrinter().writeValue(
                    settings.out().resolve(GatlingProperties.REFRESH_FILE).toFile(), result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
