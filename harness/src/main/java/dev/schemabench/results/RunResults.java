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

    /** The design named {@code name}, or null when this run has none. */
    public Design design(String name) {
        for (Design design : designs) {
            if (design.name() != null && design.name().equals(name)) {
                return design;
            }
        }
        return null;
    }

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

        /**
         * The entry of the environment (the fingerprint) at {@code keys}, one key per level, for example
         * {@code ("data", "seed")}: a String, Number, Boolean, List or Map as the file holds it, or null when absent.
         * The environment is a free-form map (what a run records about its machine and servers grows with its
         * engines), so it is read by key.
         */
        public Object environmentEntry(String... keys) {
            Object entry = environment;
            for (String key : keys) {
                entry = entry instanceof Map<?, ?> map ? map.get(key) : null;
            }
            return entry;
        }
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
     * @param refresh       the weekly refresh under storage-level load, or null
     * @param footprintAfterChurn bytes on disk after several weekly batches and retention, or null
     * @param indexCost     what the secondary indexes cost when staging, or null
     * @param cpu           CPU seconds each process used during the storage-level measurement, or null
     * @param serviceLevel  latency through the HTTP service under Gatling's open-model load, or null
     * @param serviceCpu    CPU seconds each process used during the service-level measurement, or null
     * @param serviceRefresh the weekly refresh through the admin API under Gatling load, or null
     * @param serviceLevelNote why there is no service-level measurement, or null
     * @param jmh           the storage-level JMH benchmarks' figures, or null
     * @param planSummary   the read plan's node types and buffers, or null
     * @param calibration   the harness against pgbench on the same read, or null (see {@code calibration_note})
     * @param calibrationNote why there is no calibration, or null
     * @param bulkCalibration the design's bulk path against psql's {@code \copy} of the same rows, or null (see
     *                        {@code bulk_calibration_note})
     * @param bulkCalibrationNote why there is no bulk calibration, or null
     * @param scaleCurve    load time, size and storage-level latency per catalog size, or null when not asked for
     * @param capacity      the service-level capacity sweep, or null when not asked for
     * @param httpOverhead  what reading through the HTTP service adds to the storage level, or null (see
     *                      {@code http_overhead_note})
     * @param httpOverheadNote why there is no HTTP-overhead measurement, or null
     * @param stages        every stage of the run by name, in run order: what it gave this design (measured,
     *                      not_measured, failed, excluded, not_run) and why there are no figures; null in files written
     *                      before stages were recorded
     * @param productUpdates the product-update stage (write cost, fan-out, freshness per strategy), or null when it
     *                      did not run (see {@code stages.product_updates})
     * @param cache         the cache stage: each cache kind and policy in front of the design against the design
     *                      uncached, or null when the stage did not run (docs/cache.md)
     * @param comparisons   in-run verdicts against the best design, by metric id (docs/statistics.md); null in
     *                      files written before they were recorded
     */
    public record Design(String name, String description, String status, String reason, Latency storageLevel,
                         Footprint footprint, Load load, Equivalence equivalence, JsonNode plan,
                         Map<String, String> artifacts, Refresh refresh, FootprintAfterChurn footprintAfterChurn,
                         IndexCost indexCost, Cpu cpu, Latency serviceLevel, Cpu serviceCpu,
                         ServiceRefresh serviceRefresh, String serviceLevelNote, Jmh jmh, PlanSummary planSummary,
                         Calibration calibration, String calibrationNote, BulkCalibration bulkCalibration,
                         String bulkCalibrationNote, List<ScalePoint> scaleCurve,
                         Capacity capacity, HttpOverhead httpOverhead, String httpOverheadNote,
                         Map<String, StageStatus> stages, ProductUpdates productUpdates, Cache cache,
                         Map<String, DesignVerdict> comparisons) {

        /** A design as files written before in-run comparisons were recorded hold it. */
        public Design(String name, String description, String status, String reason, Latency storageLevel,
                      Footprint footprint, Load load, Equivalence equivalence, JsonNode plan,
                      Map<String, String> artifacts, Refresh refresh, FootprintAfterChurn footprintAfterChurn,
                      IndexCost indexCost, Cpu cpu, Latency serviceLevel, Cpu serviceCpu,
                      ServiceRefresh serviceRefresh, String serviceLevelNote, Jmh jmh, PlanSummary planSummary,
                      Calibration calibration, String calibrationNote, BulkCalibration bulkCalibration,
                      String bulkCalibrationNote, List<ScalePoint> scaleCurve,
                      Capacity capacity, HttpOverhead httpOverhead, String httpOverheadNote,
                      Map<String, StageStatus> stages, ProductUpdates productUpdates, Cache cache) {
            this(name, description, status, reason, storageLevel, footprint, load, equivalence, plan, artifacts,
                    refresh, footprintAfterChurn, indexCost, cpu, serviceLevel, serviceCpu, serviceRefresh,
                    serviceLevelNote, jmh, planSummary, calibration, calibrationNote, bulkCalibration,
                    bulkCalibrationNote, scaleCurve, capacity, httpOverhead, httpOverheadNote, stages, productUpdates,
                    cache, null);
        }

        /** A design as files written before product updates and the cache stage were measured hold it. */
        public Design(String name, String description, String status, String reason, Latency storageLevel,
                      Footprint footprint, Load load, Equivalence equivalence, JsonNode plan,
                      Map<String, String> artifacts, Refresh refresh, FootprintAfterChurn footprintAfterChurn,
                      IndexCost indexCost, Cpu cpu, Latency serviceLevel, Cpu serviceCpu,
                      ServiceRefresh serviceRefresh, String serviceLevelNote, Jmh jmh, PlanSummary planSummary,
                      Calibration calibration, String calibrationNote, BulkCalibration bulkCalibration,
                      String bulkCalibrationNote, List<ScalePoint> scaleCurve,
                      Capacity capacity, HttpOverhead httpOverhead, String httpOverheadNote,
                      Map<String, StageStatus> stages) {
            this(name, description, status, reason, storageLevel, footprint, load, equivalence, plan, artifacts,
                    refresh, footprintAfterChurn, indexCost, cpu, serviceLevel, serviceCpu, serviceRefresh,
                    serviceLevelNote, jmh, planSummary, calibration, calibrationNote, bulkCalibration,
                    bulkCalibrationNote, scaleCurve, capacity, httpOverhead, httpOverheadNote, stages, null, null);
        }

        /** A design as files written before stages were recorded hold it. */
        public Design(String name, String description, String status, String reason, Latency storageLevel,
                      Footprint footprint, Load load, Equivalence equivalence, JsonNode plan,
                      Map<String, String> artifacts, Refresh refresh, FootprintAfterChurn footprintAfterChurn,
                      IndexCost indexCost, Cpu cpu, Latency serviceLevel, Cpu serviceCpu,
                      ServiceRefresh serviceRefresh, String serviceLevelNote, Jmh jmh, PlanSummary planSummary,
                      Calibration calibration, String calibrationNote, BulkCalibration bulkCalibration,
                      String bulkCalibrationNote, List<ScalePoint> scaleCurve,
                      Capacity capacity, HttpOverhead httpOverhead, String httpOverheadNote) {
            this(name, description, status, reason, storageLevel, footprint, load, equivalence, plan, artifacts,
                    refresh, footprintAfterChurn, indexCost, cpu, serviceLevel, serviceCpu, serviceRefresh,
                    serviceLevelNote, jmh, planSummary, calibration, calibrationNote, bulkCalibration,
                    bulkCalibrationNote, scaleCurve, capacity, httpOverhead, httpOverheadNote, (Map<String, StageStatus>) null);
        }

        /** True when the design was measured (not skipped, not failed). */
        public boolean measured() {
            return MEASURED.equals(status);
        }
    }

    /**
     * What one stage gave one design.
     *
     * @param status {@code measured}, {@code not_measured}, {@code failed}, {@code excluded} or {@code not_run}
     * @param reason why there are no figures, or null when measured
     */
    public record StageStatus(String status, String reason) {
    }

    /**
     * What the HTTP layer adds to a read: one design read at one arrival rate with the same keys, in process (the
     * storage level) and through the similarity service over HTTP from this JVM, in alternating slices (storage, HTTP,
     * HTTP, storage). Latency from each read's intended start; over HTTP until the whole response body is received, so
     * the client's own work is included. Every answer is checked against the generated data.
     *
     * @param rateOpsS      arrival rate of both levels
     * @param seconds       measured time per level
     * @param slices        measured slices per level
     * @param storageP50Ms  storage-level median
     * @param storageP99Ms  storage-level 99th percentile
     * @param httpP50Ms     median over HTTP
     * @param httpP99Ms     99th percentile over HTTP
     * @param addedP50Ms    {@code http_p50_ms - storage_p50_ms}
     * @param addedP99Ms    {@code http_p99_ms - storage_p99_ms}
     * @param client        the HTTP client and its version (it reads over keep-alive HTTP/1.1 connections)
     * @param connections   connections the service accepted, warm-up included (keep-alive: about one per reader
     *                      thread)
     * @param storageOps    storage-level reads measured that returned the right answer
     * @param httpOps       HTTP reads measured that returned the right answer
     * @param errors        reads of either level that failed or returned a wrong, empty or short answer
     * @param storageCpu    CPU seconds during the storage slices (this JVM: the driver and the design's client code)
     * @param httpCpu       CPU seconds during the HTTP slices (this JVM: the driver, the HTTP client and the service)
     * @param warmupS       seconds of warm-up before the measured slices (a second in process, then HTTP until the
     *                      JIT settled or the warm-up's cap)
     * @param jitSettled    whether JIT compilation had quietened when the warm-up ended; null when not observable
     * @param jitCompileMs  milliseconds the JVM's JIT compilers worked during the measured slices, or null
     * @param storageMachine the whole machine's CPU during the storage slices, or null where not observable
     * @param httpMachine   the whole machine's CPU during the HTTP slices, or null
     */
    public record HttpOverhead(double rateOpsS, double seconds, int slices, double storageP50Ms, double storageP99Ms,
                               double httpP50Ms, double httpP99Ms, double addedP50Ms, double addedP99Ms,
                               String client, long connections, long storageOps, long httpOps, long errors,
                               Cpu storageCpu, Cpu httpCpu, double warmupS, Boolean jitSettled,
                               Long jitCompileMs, MachineCpu storageMachine, MachineCpu httpMachine) {
    }

    /**
     * The whole machine's CPU while something was measured, from {@code /proc/stat}: whether processes other than the
     * measured ones, or other guests of the same host, took CPU from it.
     *
     * @param wallS   wall-clock seconds
     * @param busyS   CPU seconds every process on the machine used (user, system, interrupts)
     * @param stolenS CPU seconds the hypervisor gave to other guests while this machine wanted to run
     * @param cpus    processors available
     */
    public record MachineCpu(double wallS, double busyS, double stolenS, int cpus) {
    }

    /**
     * The service-level capacity sweep: ascending arrival rates until P99 exceeds the SLO or a read fails.
     *
     * @param sloMs                 the P99 objective
     * @param highestRateWithinSlo  the highest rate whose P99 stayed within the SLO without errors; null if none did
     * @param stoppedBecause        why the sweep ended
     * @param points                one per rate tried
     */
    public record Capacity(double sloMs, Double highestRateWithinSlo, String stoppedBecause,
                           List<CapacityPoint> points) {
    }

    /**
     * One step of the capacity sweep.
     *
     * @param rateOpsS        Gatling's arrival rate
     * @param p50Ms           median through the service
     * @param p99Ms           99th percentile
     * @param p999Ms          99.9th percentile
     * @param ops             successful reads
     * @param errors          failed reads
     * @param throughputOpsS  successful reads per second
     * @param withinSlo       no error and P99 within the SLO
     * @param cpu             CPU seconds per process during the step
     */
    public record CapacityPoint(double rateOpsS, double p50Ms, double p99Ms, double p999Ms, long ops, long errors,
                                double throughputOpsS, boolean withinSlo, Cpu cpu) {
    }

    /**
     * One catalog size of the scale curve.
     *
     * @param products        catalog size
     * @param stageMs         loading batch 1 of that size through the bulk path
     * @param totalBytes      bytes on disk after cleanup, or null where sizes cannot be reported
     * @param bytesPerProduct bytes per product, or null
     * @param p50Ms           storage-level median at {@code rate_ops_s}, Zipfian keys over that catalog
     * @param p99Ms           99th percentile
     * @param p999Ms          99.9th percentile
     * @param ops             reads measured
     * @param errors          failed reads
     * @param rateOpsS        arrival rate
     */
    public record ScalePoint(int products, double stageMs, Long totalBytes, Double bytesPerProduct, double p50Ms,
                             double p99Ms, double p999Ms, long ops, long errors, double rateOpsS) {
    }

    /**
     * The harness against PostgreSQL's own client on the same read, rows and server, with uniformly random ids. Each
     * comparison runs in {@code rounds} rounds, pgbench going first in odd rounds and the harness in even ones, so
     * that drift of a shared machine falls on both sides.
     *
     * @param pgbenchTps       pgbench's closed-loop throughput with {@code clients} clients, median of the rounds
     * @param harnessTps       the harness's closed-loop throughput with as many threads, median of the rounds
     * @param ratio            harness / pgbench throughput: the median of the rounds' ratios
     * @param pgbenchP99Ms     pgbench's P99 at {@code rate_ops_s}, from each transaction's scheduled start, over all
     *                         rounds
     * @param harnessP99Ms     the harness's P99 at the same rate, from each read's intended start, over all rounds
     * @param pgbenchP50Ms     pgbench's median at that rate
     * @param harnessP50Ms     the harness's median at that rate
     * @param rateOpsS         the fixed arrival rate
     * @param clients          clients on both sides
     * @param durationS        seconds per measurement, after the warm-up
     * @param rounds           closed-loop rounds run (more than planned when they disagreed); the fixed-rate
     *                         comparison runs as many as planned
     * @param saturationRounds the closed-loop figures of each round, in the order they ran
     * @param harnessErrors    failed harness reads
     * @param pgbench          the pgbench binary used
     * @param script           the pgbench script, relative to the run folder
     * @param warmupS          seconds each side ran before each measurement, not counted (so that a round measures
     *                         a client's steady rate, not its start); null in results before it was recorded
     * @param ratioSpread      highest minus lowest ratio of the saturation rounds; null before it was recorded
     * @param roundsAgree      whether the saturation rounds' ratios agreed within 10 % of their median (rounds are
     *                         added, up to a cap, until they do); null before it was recorded
     * @param fault            set when the harness came out faster than pgbench by more than the rounds' spread: a
     *                         calibration fault (the two sides did not measure the same thing at steady state), not
     *                         a result; null when there is none
     * @param rateRounds       the fixed-rate figures of each round, in the order they ran; null before they were
     *                         recorded
     */
    public record Calibration(double pgbenchTps, double harnessTps, Double ratio, double pgbenchP99Ms,
                              double harnessP99Ms, double pgbenchP50Ms, double harnessP50Ms, double rateOpsS,
                              int clients, long durationS, int rounds, List<SaturationRound> saturationRounds,
                              long harnessErrors, String pgbench, String script, Long warmupS, Double ratioSpread,
                              Boolean roundsAgree, String fault, List<RateRound> rateRounds) {
    }

    /**
     * One fixed-rate round of the calibration: both sides at {@code rate_ops_s}, latency from each read's scheduled
     * start, after the warm-up.
     *
     * @param pgbenchP50Ms pgbench's median, milliseconds
     * @param pgbenchP99Ms pgbench's 99th percentile, milliseconds
     * @param harnessP50Ms the harness's median, milliseconds
     * @param harnessP99Ms the harness's 99th percentile, milliseconds
     * @param pgbenchFirst whether pgbench ran before the harness in this round
     */
    public record RateRound(double pgbenchP50Ms, double pgbenchP99Ms, double harnessP50Ms, double harnessP99Ms,
                            boolean pgbenchFirst) {
    }

    /**
     * One closed-loop round of the calibration.
     *
     * @param pgbenchTps   pgbench's throughput after the warm-up (from its per-second progress)
     * @param harnessTps   the harness's throughput after the warm-up
     * @param ratio        harness / pgbench
     * @param pgbenchFirst whether pgbench ran before the harness in this round
     * @param pgbenchWholeTps pgbench's own figure over its whole run, warm-up included ("tps = ... without initial
     *                        connection time"), beside {@code pgbench_tps} from its per-second progress after the
     *                        warm-up; null in results before it was recorded
     */
    public record SaturationRound(double pgbenchTps, double harnessTps, Double ratio, boolean pgbenchFirst,
                                  Double pgbenchWholeTps) {
    }

    /**
     * The design's bulk path against PostgreSQL's own client: the design stages one batch of the whole catalog (its
     * registration, statements and COPY streams in one transaction, generating rows as it sends them), then psql
     * replays the same statements with the same COPY bytes from files into the same tables. Both batches are
     * discarded afterwards.
     *
     * @param lists      product lists in the batch
     * @param copyBytes  bytes of COPY data, the same on both sides
     * @param harnessS   seconds the design's stage took
     * @param psqlS      seconds psql took, from process start to exit
     * @param harnessMbS {@code copy_bytes} per second of {@code harness_s}, in MB (10^6 bytes)
     * @param psqlMbS    {@code copy_bytes} per second of {@code psql_s}, in MB
     * @param ratio      the harness's speed over psql's ({@code psql_s / harness_s})
     * @param psql       the psql binary used
     * @param script     the psql script, relative to the run folder (its data files are deleted after the run)
     */
    public record BulkCalibration(long lists, long copyBytes, double harnessS, double psqlS, double harnessMbS,
                                  double psqlMbS, Double ratio, String psql, String script) {
    }

    /**
     * The weekly refresh driven through the service's admin API while Gatling reads at a fixed rate.
     *
     * @param batchId            the batch staged and activated
     * @param stageMs            the admin stage request
     * @param activateMs         the admin activate request
     * @param rollbackMs         the admin rollback request
     * @param rateOpsS           Gatling's arrival rate
     * @param readsDuringRefresh reads and their failures across the refresh
     * @param zeroDowntime       true when no read failed, came back empty or short, or mixed batches
     */
    public record ServiceRefresh(String batchId, double stageMs, double activateMs, double rollbackMs,
                                 double rateOpsS, RefreshReads readsDuringRefresh, boolean zeroDowntime) {
    }

    /**
     * Figures of the JMH benchmarks for one design (SampleTime mode: percentiles from JMH itself).
     *
     * @param pointRead  the point-read benchmark
     * @param batchStage the batch-stage benchmark, or null
     */
    public record Jmh(JmhFigure pointRead, JmhFigure batchStage) {
    }

    /**
     * One JMH benchmark result, converted to milliseconds.
     *
     * @param benchmark  the benchmark method
     * @param mode       JMH mode, for example {@code sample}
     * @param threads    benchmark threads
     * @param samples    samples taken
     * @param meanMs     JMH's score (mean)
     * @param errorMs    JMH's score error (99.9 % confidence), or null
     * @param p50Ms      median, or null where the mode has no percentiles
     * @param p99Ms      99th percentile, or null
     * @param p999Ms     99.9th percentile, or null
     * @param maxMs      maximum, or null
     */
    public record JmhFigure(String benchmark, String mode, int threads, long samples, double meanMs, Double errorMs,
                            Double p50Ms, Double p99Ms, Double p999Ms, Double maxMs) {
    }

    /**
     * The weekly refresh under load: reads at a fixed rate while the next batch is staged, activated, then rolled
     * back.
     *
     * @param batchId             the batch staged and activated
     * @param stageMs             bulk load of the batch
     * @param activateMs          the atomic switch
     * @param rollbackMs          the switch back
     * @param walBytes            WAL written by stage plus activate; null where the database has no WAL figure
     * @param rateOpsS            the reads' arrival rate
     * @param readsDuringRefresh  reads and their failures across the refresh
     * @param zeroDowntime        true when no read failed, came back empty or short, or mixed batches
     * @param phases              latency per phase (before, staging, activating, after, rolling_back,
     *                            after_rollback)
     * @param events              when stage, activate and rollback started, seconds from the load's start
     * @param timeline            one-second latency intervals through the refresh
     */
    public record Refresh(String batchId, double stageMs, double activateMs, double rollbackMs, Long walBytes,
                          double rateOpsS, RefreshReads readsDuringRefresh, boolean zeroDowntime,
                          List<PhaseLatency> phases, List<RefreshEvent> events, List<TimelinePoint> timeline) {
    }

    /**
     * Reads during a refresh.
     *
     * @param ops       all reads issued during the whole refresh window
     * @param opsDuring reads issued while staging, activating or rolling back
     * @param p99Ms     99th percentile while staging, activating or rolling back
     * @param errors    reads that failed
     * @param empty     reads with no list or a short one
     * @param mixed     reads whose items do not all come from the batch the answer names
     */
    public record RefreshReads(long ops, long opsDuring, double p99Ms, long errors, long empty, long mixed) {
    }

    /** Latency of one phase of the refresh. */
    public record PhaseLatency(String phase, long ops, long errors, double p50Ms, double p99Ms, double maxMs) {
    }

    /** A lifecycle step during the refresh: when it started (seconds from the load's start) and how long it took. */
    public record RefreshEvent(String name, double atS, double durationMs) {
    }

    /** One interval of the refresh's latency timeline. */
    public record TimelinePoint(double startS, double endS, String phase, long count, double p50Ms, double p99Ms,
                                double maxMs) {
    }

    /**
     * Bytes on disk after several weekly batches under the retention policy, before and after cleanup.
     *
     * @param batchesStaged   weekly batches staged and activated in total
     * @param retained        the retention count applied
     * @param retired         batches deleted by retention
     * @param beforeCleanup   right after retention deleted old batches
     * @param afterCleanup    after {@code VACUUM ANALYZE} (or the database's equivalent)
     */
    public record FootprintAfterChurn(int batchesStaged, int retained, List<String> retired, Footprint beforeCleanup,
                                      Footprint afterCleanup) {
    }

    /**
     * What secondary indexes cost.
     *
     * @param stageMsWithIndexes       staging one weekly batch with every index in place
     * @param stageMsWithoutIndexes    staging one weekly batch with the secondary indexes dropped
     * @param walBytesWithIndexes      WAL written by the first, or null
     * @param walBytesWithoutIndexes   WAL written by the second, or null
     * @param writeAmplification       WAL with indexes divided by WAL without, or null
     * @param secondaryIndexBuildMs    creating the dropped secondary indexes again on the loaded data
     */
    public record IndexCost(double stageMsWithIndexes, double stageMsWithoutIndexes, Long walBytesWithIndexes,
                            Long walBytesWithoutIndexes, Double writeAmplification, double secondaryIndexBuildMs) {
    }

    /**
     * CPU seconds used while a measurement ran, so a reader can judge whether the machine was saturated.
     *
     * @param wallS          wall-clock seconds of the measurement
     * @param harnessS       this JVM: the load generator at the storage level; the similarity service (which runs
     *                       in it) at the service level
     * @param databaseS      the database server and its backends; null when not observable (remote server)
     * @param cpus           processors available
     * @param loadGeneratorS a load generator in its own process (Gatling's JVM at the service level); null when there
     *                       is none or it is not observable
     * @param reads          reads served during the measurement, for the per-read figures; null where not counted
     *                       (older files)
     */
    public record Cpu(double wallS, double harnessS, Double databaseS, int cpus, Double loadGeneratorS, Long reads) {

        /** The same figures without a read count. */
        public Cpu(double wallS, double harnessS, Double databaseS, int cpus, Double loadGeneratorS) {
            this(wallS, harnessS, databaseS, cpus, loadGeneratorS, null);
        }

        /** The same figures over {@code served} reads. */
        public Cpu withReads(long served) {
            return new Cpu(wallS, harnessS, databaseS, cpus, loadGeneratorS, served);
        }

        /**
         * Microseconds of CPU per read of this JVM: the service's at the service level, the load generator's at the
         * storage level; null without a read count.
         */
        @com.fasterxml.jackson.annotation.JsonProperty(value = "harness_us_per_read", access =
                com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
        public Double harnessUsPerRead() {
            return reads == null || reads <= 0 ? null : Math.round(harnessS * 1e7 / reads) / 10.0;
        }

        /** Microseconds of the database server's CPU per read; null without both figures. */
        @com.fasterxml.jackson.annotation.JsonProperty(value = "database_us_per_read", access =
                com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
        public Double databaseUsPerRead() {
            return reads == null || reads <= 0 || databaseS == null ? null : Math.round(databaseS * 1e7 / reads) / 10.0;
        }
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
     * @param intervals       the confidence interval of each percentile and of the throughput, from the run's own
     *                        interval histograms; null in files written before they were recorded, and where the
     *                        stage keeps no interval histograms
     * @param precision       what a measurement asked for a precision instead of a fixed length reached; null when
     *                        none was asked for (and in files written before it could be)
     * @param checks          whether the measurement can be trusted: warm-up, stationarity, schedule; null where the
     *                        level does not check (and in files written before it did)
     */
    public record Latency(double p50Ms, double p95Ms, double p99Ms, double p999Ms, double maxMs, double meanMs,
                          long ops, long errors, double throughputOpsS, double targetRateOpsS, long warmupOps,
                          int slices, LatencyIntervals intervals, Precision precision, MeasurementChecks checks) {

        @com.fasterxml.jackson.annotation.JsonCreator
        public Latency {
        }

        /** Without checks. */
        public Latency(double p50Ms, double p95Ms, double p99Ms, double p999Ms, double maxMs, double meanMs,
                       long ops, long errors, double throughputOpsS, double targetRateOpsS, long warmupOps,
                       int slices, LatencyIntervals intervals, Precision precision) {
            this(p50Ms, p95Ms, p99Ms, p999Ms, maxMs, meanMs, ops, errors, throughputOpsS, targetRateOpsS, warmupOps,
                    slices, intervals, precision, null);
        }

        /** Without a precision asked for. */
        public Latency(double p50Ms, double p95Ms, double p99Ms, double p999Ms, double maxMs, double meanMs,
                       long ops, long errors, double throughputOpsS, double targetRateOpsS, long warmupOps,
                       int slices, LatencyIntervals intervals) {
            this(p50Ms, p95Ms, p99Ms, p999Ms, maxMs, meanMs, ops, errors, throughputOpsS, targetRateOpsS, warmupOps,
                    slices, intervals, null, null);
        }

        /** Without intervals. */
        public Latency(double p50Ms, double p95Ms, double p99Ms, double p999Ms, double maxMs, double meanMs,
                       long ops, long errors, double throughputOpsS, double targetRateOpsS, long warmupOps,
                       int slices) {
            this(p50Ms, p95Ms, p99Ms, p999Ms, maxMs, meanMs, ops, errors, throughputOpsS, targetRateOpsS, warmupOps,
                    slices, null);
        }

        /** The same figures with {@code newIntervals}. */
        public Latency withIntervals(LatencyIntervals newIntervals) {
            return new Latency(p50Ms, p95Ms, p99Ms, p999Ms, maxMs, meanMs, ops, errors, throughputOpsS,
                    targetRateOpsS, warmupOps, slices, newIntervals, precision, checks);
        }

        /** The same figures with {@code reached}. */
        public Latency withPrecision(Precision reached) {
            return new Latency(p50Ms, p95Ms, p99Ms, p999Ms, maxMs, meanMs, ops, errors, throughputOpsS,
                    targetRateOpsS, warmupOps, slices, intervals, reached, checks);
        }

        /** The same figures with {@code made}. */
        public Latency withChecks(MeasurementChecks made) {
            return new Latency(p50Ms, p95Ms, p99Ms, p999Ms, maxMs, meanMs, ops, errors, throughputOpsS,
                    targetRateOpsS, warmupOps, slices, intervals, precision, made);
        }

        /** Whether a check found a reason not to trust these figures ({@link MeasurementChecks#flags}). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean flagged() {
            return checks != null && checks.flags() != null && !checks.flags().isEmpty();
        }
    }

    /**
     * Whether a latency measurement can be trusted (docs/statistics.md): the warm-up before it, the stationarity of
     * its per-slice medians (the service level's window is cut into slices of equal reads), and whether the load
     * generator kept its schedule.
     *
     * @param warmupS            warm-up time used per design, seconds
     * @param warmupCapS         the most warm-up allowed (the configured warmup), seconds
     * @param warmup             {@code settled} (the per-second median and the JIT stopped moving, the warm-up ended
     *                           there), {@code never_settled} (the cap was reached first), {@code not_checked} (a
     *                           warm-up shorter than the window the check needs) or {@code fixed} (the service
     *                           level's Gatling warm-up, run whole)
     * @param stationarity       {@code stationary}, {@code drifting} or {@code too_few_slices}
     * @param drift              relative change of the per-slice median from the first slice to the last that its
     *                           trend accounts for (Theil–Sen); null with too few slices
     * @param trendPValue        Mann–Kendall p-value of "no trend"; null with too few slices
     * @param sends              reads sent
     * @param lateThresholdMs    how late a send must be to count as late: two inter-arrival periods, at least 1 ms
     * @param p99SendLagMs       99th percentile of how late reads were sent after their intended start
     * @param maxSendLagMs       the latest send
     * @param lateShare          share of sends later than {@code lateThresholdMs}
     * @param keptSchedule       whether at most 1 % of sends were late
     * @param flags              each reason not to trust the figures, in words; empty when there is none
     */
    public record MeasurementChecks(double warmupS, double warmupCapS, String warmup, String stationarity,
                                    Double drift, Double trendPValue, long sends, double lateThresholdMs,
                                    double p99SendLagMs,
                                    double maxSendLagMs, double lateShare, boolean keptSchedule, List<String> flags) {
    }

    /**
     * What a measurement that was asked for a precision instead of a fixed length reached (docs/statistics.md).
     *
     * @param target         the relative half-width asked of the P99's 95 % interval, for example 0.1 for ±10 %
     * @param reached        the P99 interval's relative half-width at the end
     *                       ({@link FigureInterval#relativeHalfWidth}); null when the P99 had too few reads beyond it
     *                       for an interval
     * @param met            whether {@code reached} is within {@code target}
     * @param measuredS      the time measured, seconds, the configured duration included
     * @param capS           the most time the measurement could take, seconds
     * @param stoppedBecause why the measurement stopped, in words
     */
    public record Precision(double target, Double reached, boolean met, double measuredS, double capS,
                            String stoppedBecause) {
    }

    /**
     * How a design's figure compares with the best design's in the same run: the ratio of the two with its interval
     * from a block bootstrap (paired block by block at the storage level, where designs alternate in slices over the
     * same keys; independent, with the gate's phase noise, at the service level), Holm-corrected across every such
     * comparison of the run, and called only when significant and beyond the 5 % practical threshold.
     *
     * @param against    the best design's name
     * @param call       worse, better, indistinguishable, negligible or not_enough_reads
     * @param ratio      this design's figure over the best's; null when untestable
     * @param low        the ratio interval's lower bound; null when untestable
     * @param high       its upper bound
     * @param confidence the interval's level (Holm's per-rank level)
     * @param pValue     the bootstrap p-value of a ratio of 1
     * @param adjustedP  the Holm-adjusted p-value across the run's comparisons
     * @param verdict    in words, for example "slower by 30.1 % (95 % CI +27.0 % to +33.2 %)"
     */
    public record DesignVerdict(String against, String call, Double ratio, Double low, Double high, Double confidence,
                                Double pValue, Double adjustedP, String verdict) {

        /** Whether the run tells this design from the best one. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean decisive() {
            return "worse".equals(call) || "better".equals(call);
        }
    }

    /**
     * Confidence intervals of one level's latency figures (docs/statistics.md): a circular moving-block bootstrap over
     * the one-second interval histograms, with a fixed seed, so the same run always gives the same intervals.
     *
     * @param p50Ms          the median's
     * @param p95Ms          the 95th percentile's
     * @param p99Ms          the 99th percentile's
     * @param p999Ms         the 99.9th percentile's
     * @param throughputOpsS the throughput's (successful reads per second of the intervals' length)
     * @param blocks         time blocks resampled (one-second intervals)
     * @param method         how, in words, for a reader of the file
     */
    public record LatencyIntervals(FigureInterval p50Ms, FigureInterval p95Ms, FigureInterval p99Ms,
                                   FigureInterval p999Ms, FigureInterval throughputOpsS, int blocks, String method) {
    }

    /**
     * One figure with its confidence interval, or the reason it has none. The value is taken over all intervals
     * together and can differ in the last digit from the figure beside it, which was taken over one histogram.
     *
     * @param value       the figure (milliseconds, or reads per second); null when too few reads rank above the
     *                    percentile to tell it from the maximum
     * @param low         lower bound; null with the value
     * @param high        upper bound; null with the value
     * @param confidence  the level, for example 0.95
     * @param reads       successful reads the figure rests on
     * @param readsBeyond reads ranked above the percentile (all reads for throughput)
     * @param reason      why the value is null, for example "not enough reads: 5 above P99.9 of 5,120 (10 needed)";
     *                    null with a value
     */
    public record FigureInterval(Double value, Double low, Double high, double confidence, long reads,
                                 long readsBeyond, String reason) {

        /** Half the interval's width relative to the value, for "± x %"; null without a value. */
        public Double relativeHalfWidth() {
            if (value == null || low == null || high == null || value == 0) {
                return null;
            }
            return (high - low) / 2 / Math.abs(value);
        }
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

    /** One index's size, and the time to build it on the loaded data (REINDEX), or null if not measured. */
    public record IndexSize(String name, String relation, long bytes, Double buildMs) {
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

    /**
     * The cache stage for one design: the design uncached and behind each cache configuration, same keys and rate.
     *
     * @param rateOpsS      reads per second of every measurement
     * @param uncachedP50Ms median read latency of the design uncached, same run, same keys
     * @param uncachedP99Ms 99th percentile of the design uncached
     * @param uncachedReads reads of the uncached measurement
     * @param cells         one entry per cache kind and policy at the main size
     * @param sweep         hit ratio and latency per cache size (versioned policy), or empty
     * @param failure       the Redis failure phase, or null when it did not run
     * @param notes         why some configurations are absent (for example no Redis), or empty
     * @param uncachedIntervals confidence intervals of the uncached figures, as {@link Latency#intervals}; null in
     *                      older files
     */
    public record Cache(double rateOpsS, double uncachedP50Ms, double uncachedP99Ms, long uncachedReads,
                        List<CacheCell> cells, List<CacheCell> sweep, CacheFailure failure, List<String> notes,
                        LatencyIntervals uncachedIntervals) {
    }

    /**
     * One cache configuration in front of a design.
     *
     * @param kind            caffeine or redis
     * @param policy          versioned or ttl
     * @param sizePercent     cache size in percent of products
     * @param entries         cache size in answers
     * @param reads           reads measured at steady state
     * @param hitRatio        hits over reads at steady state
     * @param p50Ms           median latency at steady state
     * @param p99Ms           99th percentile at steady state
     * @param databaseReads   reads that reached the database at steady state (the misses)
     * @param databaseReadsSaved reads at steady state that did not reach the database (the hits)
     * @param databaseCpuS    CPU seconds of the database server at steady state, or null where not observable
     * @param memoryBytes     bytes the cached data took at the end of the steady state, or null
     * @param storeErrors     cache operations that failed (each read fell through to the database)
     * @param badReads        reads that failed, came back empty or short, or mixed batches, in every phase
     * @param stormP99Ms      99th percentile in the seconds after a batch activation through the cache, or null
     * @param stormHitRatio   hit ratio in those seconds, or null
     * @param stormDatabaseReadsPerS reads per second that reached the database in those seconds, or null
     * @param staleReads      answers from a batch other than the one active in the database, counted after an
     *                        activation through the cache and after one made elsewhere; null when not measured
     * @param staleAfterElsewhere of those, the ones after the activation made elsewhere
     * @param timeline        second by second from the steady state to the end, or empty
     * @param hitRatioTimeline hit ratio second by second over the same time, or empty
     * @param intervals       confidence intervals of the steady-state figures, as {@link Latency#intervals}; null in
     *                        older files
     */
    public record CacheCell(String kind, String policy, double sizePercent, long entries, long reads,
                            double hitRatio, double p50Ms, double p99Ms, long databaseReads, long databaseReadsSaved,
                            Double databaseCpuS, Long memoryBytes, long storeErrors, long badReads,
                            Double stormP99Ms, Double stormHitRatio, Double stormDatabaseReadsPerS, Long staleReads,
                            Long staleAfterElsewhere, List<TimelinePoint> timeline,
                            List<HitRatioPoint> hitRatioTimeline, LatencyIntervals intervals) {
    }

    /**
     * The hit ratio over one interval.
     *
     * @param startS   seconds since the measurement started
     * @param reads    reads in the interval
     * @param hitRatio hits over reads
     */
    public record HitRatioPoint(double startS, long reads, double hitRatio) {
    }

    /**
     * Reads while the Redis server is stopped and after it returns.
     *
     * @param p99BeforeMs    99th percentile before the stop
     * @param p99DegradedMs  99th percentile while Redis was down (every read fell through to the database)
     * @param p99AfterMs     99th percentile after hits resumed
     * @param degradedReads  reads while Redis was down
     * @param failedReads    reads that failed or came back wrong in the whole phase (the layer promises 0)
     * @param storeErrors    Redis operations that failed
     * @param recoveryS      seconds from the restart until the cache served a hit again, or null if it did not
     *                       within 10 s
     */
    public record CacheFailure(double p99BeforeMs, double p99DegradedMs, double p99AfterMs, long degradedReads,
                               long failedReads, long storeErrors, Double recoveryS) {
    }
}
