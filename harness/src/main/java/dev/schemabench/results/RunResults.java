package dev.schemabench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The contents of {@code results.json}, version {@value #SCHEMA_VERSION}. Field names are a stable contract (CI
 * pipelines and reports read them): add fields, never rename. Serialized in snake_case by {@link ResultsFile}.
 * Latencies are milliseconds, sizes bytes, rates per second. A figure that was not measured is null, never 0.
 *
 * @param schemaVersion the version of this layout
 * @param run           what was run, where and how
 * @param designs       one entry per selected design, in run order, including skipped and failed ones
 */
public record RunResults(int schemaVersion, Run run, List<Design> designs) {

    public static final int SCHEMA_VERSION = 1;

    public static final String MEASURED = "measured";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    /**
     * The run.
     *
     * @param id              the run id, also the default folder name
     * @param startedAt       ISO-8601 UTC
     * @param finishedAt      ISO-8601 UTC
     * @param profile         profile name or file
     * @param seed            data and key-sequence seed
     * @param products        catalog size
     * @param recsPerProduct  recommendations per product
     * @param environment     the fingerprint: software, hardware, server settings, data and schema hashes
     * @param config          the effective configuration
     * @param configSources   where each configuration value came from
     */
    public record Run(String id, String startedAt, String finishedAt, String profile, long seed, int products,
                      int recsPerProduct, Map<String, Object> environment, Map<String, Object> config,
                      Map<String, String> configSources) {
    }

    /**
     * One design.
     *
     * @param name          registered name
     * @param description   one line on what the design is
     * @param status        {@value #MEASURED}, {@value #SKIPPED} or {@value #FAILED}
     * @param reason        why it was skipped or failed; null when measured
     * @param storageLevel  in-process read latency under the open model, or null
     * @param footprint     bytes on disk after loading, or null
     * @param load          time to stage and activate the first batch, or null
     * @param equivalence   the answer check against the generated truth, or null
     * @param plan          the read's executed plan as the database returned it, or null
     * @param artifacts     files in the run folder, by kind, relative to the run folder
     */
    public record Design(String name, String description, String status, String reason, Latency storageLevel,
                         Footprint footprint, Load load, Equivalence equivalence, JsonNode plan,
                         Map<String, String> artifacts) {
    }

    /**
     * Read latency from intended start, over all measured slices.
     *
     * @param p50Ms           median
     * @param p95Ms           95th percentile
     * @param p99Ms           99th percentile
     * @param p999Ms          99.9th percentile
     * @param maxMs           maximum
     * @param meanMs          mean
     * @param ops             successful reads measured
     * @param errors          failed reads
     * @param throughputOpsS  successful reads per second of measured wall time
     * @param targetRateOpsS  the arrival rate asked for
     * @param warmupOps       reads issued during the excluded warm-up
     * @param slices          measured slices
     */
    public record Latency(double p50Ms, double p95Ms, double p99Ms, double p999Ms, double maxMs, double meanMs,
                          long ops, long errors, double throughputOpsS, double targetRateOpsS, long warmupOps,
                          int slices) {
    }

    /**
     * Bytes on disk after {@code VACUUM ANALYZE}.
     *
     * @param tableBytes       heap (main fork, free-space and visibility maps)
     * @param toastBytes       TOAST tables and their indexes
     * @param indexBytes       every index
     * @param totalBytes       the sum of the three
     * @param bytesPerProduct  total divided by the active products
     * @param indexes          each index
     * @param relations        each table
     */
    public record Footprint(long tableBytes, long toastBytes, long indexBytes, long totalBytes, double bytesPerProduct,
                            List<IndexSize> indexes, List<RelationSize> relations) {
    }

    /** One index's size. */
    public record IndexSize(String name, String relation, long bytes) {
    }

    /** One table's sizes. */
    public record RelationSize(String name, long tableBytes, long toastBytes, long indexBytes) {
    }

    /**
     * Loading the first batch.
     *
     * @param products    product lists staged
     * @param stageMs     bulk load, including generating the data in the harness
     * @param activateMs  activation
     */
    public record Load(long products, double stageMs, double activateMs) {
    }

    /**
     * The answer check.
     *
     * @param checked          reads compared with the generated truth
     * @param firstDifference  null when every answer matched
     */
    public record Equivalence(int checked, String firstDifference) {
    }
}
