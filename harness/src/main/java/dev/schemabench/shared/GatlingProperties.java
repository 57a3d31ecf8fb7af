package dev.schemabench.shared;

/**
 * The system properties the Gatling simulations in the {@code scenarios} module read, shared here so the suite that
 * starts them and the simulations spell them the same way. Each simulation reads them once into a record with
 * defaults; durations accept {@link DurationText} ({@code 500ms}, {@code 10s}, {@code 2m}). The admin token is never
 * a property (it would show in the process list): simulations read it from the owner-only file named by
 * {@code SCHEMABENCH_ADMIN_TOKEN_FILE} (see {@link SecretFile}), else from {@code SCHEMABENCH_ADMIN_TOKEN}, like
 * {@code scripts/serve}.
 */
public final class GatlingProperties {

    /** The service's base URL, for example {@code http://127.0.0.1:8080}. */
    public static final String BASE_URL = "schemabench.gatling.base_url";
    /** Catalog size the service was loaded with (the Zipfian key space). */
    public static final String PRODUCTS = "schemabench.gatling.products";
    /** Recommendations per product (the refresh checks complete lists against the generated truth). */
    public static final String RECS = "schemabench.gatling.recs";
    /** Data and key-sequence seed; the same as the suite's. */
    public static final String SEED = "schemabench.gatling.seed";
    /** Share of lists a weekly batch changes (the refresh regenerates the truth with it). */
    public static final String CHURN = "schemabench.gatling.churn";
    /** How the catalog's lists pick recommended products: {@code skewed} or {@code uniform}. */
    public static final String MEMBERSHIP = "schemabench.gatling.membership";
    /** Arrival rate of reads, per second (open model). */
    public static final String RATE = "schemabench.gatling.rate";
    /** Unmeasured reads before the measured ones. */
    public static final String WARMUP = "schemabench.gatling.warmup";
    /** Measured read time. */
    public static final String DURATION = "schemabench.gatling.duration";
    /** Reads before the refresh, between activation and rollback, and after the rollback. */
    public static final String SETTLE = "schemabench.gatling.settle";
    /** Items asked for per read. */
    public static final String LIMIT = "schemabench.gatling.limit";
    /** The P99 bound of the assertion, in milliseconds. */
    public static final String P99_BOUND_MS = "schemabench.gatling.p99_bound_ms";
    /** Folder for the simulation's own outputs (latency log, summary); Gatling's report goes elsewhere. */
    public static final String OUT = "schemabench.gatling.out";
    /** The batch active before the refresh, and its weekly number. */
    public static final String FROM_BATCH = "schemabench.gatling.from_batch";
    public static final String FROM_NUMBER = "schemabench.gatling.from_number";
    /** The batch the refresh stages (generated as week {@link #TO_NUMBER}) and activates. */
    public static final String TO_BATCH = "schemabench.gatling.to_batch";
    public static final String TO_NUMBER = "schemabench.gatling.to_number";
    /** Longest the admin steps of the refresh may take before the simulation gives up. */
    public static final String ADMIN_TIMEOUT = "schemabench.gatling.admin_timeout";

    /** The summary file {@code SimilarProducts} writes into {@link #OUT}. */
    public static final String SUMMARY_FILE = "summary.json";
    /** The HdrHistogram interval log {@code SimilarProducts} writes into {@link #OUT}. */
    public static final String LATENCY_LOG_FILE = "latency.hlog";
    /**
     * How late {@code SimilarProducts} started each measured read after its place in the open model's even schedule,
     * in nanoseconds: one histogram in an HdrHistogram log, in {@link #OUT}.
     */
    public static final String SEND_LAG_LOG_FILE = "send-lag.hlog";
    /** The answer-check result {@code RefreshUnderLoad} writes into {@link #OUT}. */
    public static final String REFRESH_FILE = "refresh.json";

    private GatlingProperties() {
    }
}
