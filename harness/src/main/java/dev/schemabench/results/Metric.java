package dev.schemabench.results;

import dev.schemabench.results.Metric.Noise.Source;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A figure of one design's results that can be ranked, compared between runs and gated. The catalogue ({@link #ALL})
 * is the one list of such figures: the report's verdict table, the Markdown summary, the two-run comparison and the
 * gate all take their metrics from it, and gate.yaml names them by {@link #id()}. Immutable; the catalogue's
 * instances are the only ones.
 *
 * @param id        stable name, used in gate.yaml and in the gate's verdicts, for example {@code storage.p99_ms}
 * @param group     what the figure belongs to, as a column group heading, e.g. "Storage-level latency (ms)"
 * @param label     the figure within its group, as a column heading, e.g. "P99"
 * @param unit      the figure's unit
 * @param direction which way is better
 * @param noise     where an estimate of its run-to-run noise comes from
 * @param value     reads the figure from a design's results; returns null when it was not measured
 */
public record Metric(String id, String group, String label, Unit unit, Direction direction, Noise noise,
                     Function<RunResults.Design, Double> value) {

    /** A figure's unit. */
    public enum Unit {
        MILLISECONDS("ms"), BYTES("bytes"), OPS_PER_SECOND("ops/s"), COUNT("count"), RATIO("ratio");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        /** How the unit is written after a figure: {@code ms}, {@code bytes}, {@code ops/s}, {@code count}. */
        public String symbol() {
            return symbol;
        }
    }

    /** Which way is better. */
    public enum Direction {
        LOWER_IS_BETTER, HIGHER_IS_BETTER
    }

    /**
     * Where the gate finds what it needs to tell a change from run-to-run noise.
     *
     * @param source      the kind of estimate
     * @param intervalLog for interval sources, the artifact key of the HdrHistogram interval log; otherwise null
     * @param error       for {@link Source#JMH_ERROR}, reads JMH's error of the mean from a design; otherwise null
     */
    public record Noise(Source source, String intervalLog, Function<RunResults.Design, Double> error) {

        /** The kinds of noise estimate. */
        public enum Source {
            /** Median of per-interval 50th percentiles of the design's interval histogram log, bootstrapped. */
            INTERVAL_P50,
            /** Median of per-interval 99th percentiles, bootstrapped. */
            INTERVAL_P99,
            /** Median of per-interval throughput (reads per second), bootstrapped. */
            INTERVAL_RATE,
            /** JMH's own error of the mean (99.9 % confidence interval half-width), stored beside the figure. */
            JMH_ERROR,
            /** A figure that does not vary between runs of the same code and data (bytes on disk, error counts). */
            EXACT,
            /** A single measurement: no noise estimate exists. */
            NONE
        }

        static final Noise EXACT = new Noise(Source.EXACT, null, null);
        static final Noise NONE = new Noise(Source.NONE, null, null);
    }

    /** The artifact key of the storage-level interval log (written by the compare suite). */
    public static final String STORAGE_LOG = "storage_histogram_log";
    /** The artifact key of a service-level interval log, used when a run provides one. */
    public static final String SERVICE_LOG = "service_histogram_log";

    public static final String STORAGE_LEVEL = "Storage-level latency (ms)";
    public static final String SERVICE_LEVEL = "Service-level latency (ms)";
    public static final String STORAGE = "Storage";
    public static final String REFRESH = "Weekly refresh (ms)";
    public static final String FIRST_BATCH = "First batch (ms)";
    public static final String JMH = "JMH (ms)";
    public static final String UPDATES = "Product updates (apply)";
    public static final String CACHE = "Cache (first configured kind and policy)";

    private static final Direction LOWER = Direction.LOWER_IS_BETTER;
    private static final Direction HIGHER = Direction.HIGHER_IS_BETTER;

    public static final Metric STORAGE_P50 = latency("storage", STORAGE_LEVEL, "P50", Source.INTERVAL_P50,
            STORAGE_LOG, RunResults.Design::storageLevel, RunResults.Latency::p50Ms);
    public static final Metric STORAGE_P99 = latency("storage", STORAGE_LEVEL, "P99", Source.INTERVAL_P99,
            STORAGE_LOG, RunResults.Design::storageLevel, RunResults.Latency::p99Ms);
    public static final Metric STORAGE_P999 = latency("storage", STORAGE_LEVEL, "P99.9", null, null,
            RunResults.Design::storageLevel, RunResults.Latency::p999Ms);
    public static final Metric STORAGE_THROUGHPUT = new Metric("storage.throughput_ops_s", STORAGE_LEVEL, "reads/s",
            Unit.OPS_PER_SECOND, HIGHER, new Noise(Source.INTERVAL_RATE, STORAGE_LOG, null),
            figure(RunResults.Design::storageLevel, RunResults.Latency::throughputOpsS));
    public static final Metric STORAGE_ERRORS = new Metric("storage.errors", "Storage-level reads", "errors",
            Unit.COUNT, LOWER, Noise.EXACT, figure(RunResults.Design::storageLevel, RunResults.Latency::errors));
    public static final Metric SERVICE_P50 = latency("service", SERVICE_LEVEL, "P50", Source.INTERVAL_P50,
            SERVICE_LOG, RunResults.Design::serviceLevel, RunResults.Latency::p50Ms);
    public static final Metric SERVICE_P99 = latency("service", SERVICE_LEVEL, "P99", Source.INTERVAL_P99,
            SERVICE_LOG, RunResults.Design::serviceLevel, RunResults.Latency::p99Ms);
    public static final Metric SERVICE_P999 = latency("service", SERVICE_LEVEL, "P99.9", null, null,
            RunResults.Design::serviceLevel, RunResults.Latency::p999Ms);
    public static final Metric SERVICE_THROUGHPUT = new Metric("service.throughput_ops_s", SERVICE_LEVEL, "reads/s",
            Unit.OPS_PER_SECOND, HIGHER, new Noise(Source.INTERVAL_RATE, SERVICE_LOG, null),
            figure(RunResults.Design::serviceLevel, RunResults.Latency::throughputOpsS));
    public static final Metric SERVICE_ERRORS = new Metric("service.errors", "Service-level reads", "errors",
            Unit.COUNT, LOWER, Noise.EXACT, figure(RunResults.Design::serviceLevel, RunResults.Latency::errors));
    public static final Metric JMH_POINT_READ_MEAN = new Metric("jmh.point_read_mean_ms", JMH, "point read mean",
            Unit.MILLISECONDS, LOWER, new Noise(Source.JMH_ERROR, null,
                    figure(Metric::pointRead, RunResults.JmhFigure::errorMs)),
            figure(Metric::pointRead, RunResults.JmhFigure::meanMs));
    public static final Metric JMH_POINT_READ_P99 = new Metric("jmh.point_read_p99_ms", JMH, "point read P99",
            Unit.MILLISECONDS, LOWER, Noise.NONE, figure(Metric::pointRead, RunResults.JmhFigure::p99Ms));
    public static final Metric JMH_BATCH_STAGE_MEAN = new Metric("jmh.batch_stage_mean_ms", JMH, "batch stage mean",
            Unit.MILLISECONDS, LOWER, new Noise(Source.JMH_ERROR, null,
                    figure(Metric::batchStage, RunResults.JmhFigure::errorMs)),
            figure(Metric::batchStage, RunResults.JmhFigure::meanMs));
    public static final Metric TOTAL_BYTES = new Metric("footprint.total_bytes", STORAGE, "total", Unit.BYTES, LOWER,
            Noise.EXACT, figure(RunResults.Design::footprint, RunResults.Footprint::totalBytes));
    public static final Metric INDEX_BYTES = new Metric("footprint.index_bytes", STORAGE, "indexes", Unit.BYTES, LOWER,
            Noise.EXACT, figure(RunResults.Design::footprint, RunResults.Footprint::indexBytes));
    public static final Metric BYTES_PER_PRODUCT = new Metric("footprint.bytes_per_product", STORAGE, "per product",
            Unit.BYTES, LOWER, Noise.EXACT,
            figure(RunResults.Design::footprint, RunResults.Footprint::bytesPerProduct));
    public static final Metric TOTAL_BYTES_AFTER_CHURN = new Metric("footprint_after_churn.total_bytes", STORAGE,
            "total after churn", Unit.BYTES, LOWER, Noise.EXACT,
            figure(Metric::afterCleanup, RunResults.Footprint::totalBytes));
    public static final Metric LOAD_STAGE = new Metric("load.stage_ms", FIRST_BATCH, "stage", Unit.MILLISECONDS,
            LOWER, Noise.NONE, figure(RunResults.Design::load, RunResults.Load::stageMs));
    public static final Metric LOAD_ACTIVATE = new Metric("load.activate_ms", FIRST_BATCH, "activate",
            Unit.MILLISECONDS, LOWER, Noise.NONE, figure(RunResults.Design::load, RunResults.Load::activateMs));
    public static final Metric REFRESH_STAGE = new Metric("refresh.stage_ms", REFRESH, "stage", Unit.MILLISECONDS,
            LOWER, Noise.NONE, figure(RunResults.Design::refresh, RunResults.Refresh::stageMs));
    public static final Metric REFRESH_ACTIVATE = new Metric("refresh.activate_ms", REFRESH, "activate",
            Unit.MILLISECONDS, LOWER, Noise.NONE, figure(RunResults.Design::refresh, RunResults.Refresh::activateMs));
    public static final Metric REFRESH_ROLLBACK = new Metric("refresh.rollback_ms", REFRESH, "rollback",
            Unit.MILLISECONDS, LOWER, Noise.NONE, figure(RunResults.Design::refresh, RunResults.Refresh::rollbackMs));
    public static final Metric REFRESH_P99 = new Metric("refresh.p99_ms", REFRESH, "reads P99", Unit.MILLISECONDS,
            LOWER, Noise.NONE, figure(Metric::refreshReads, RunResults.RefreshReads::p99Ms));
    /** Reads during the refresh that failed, came back empty or short, or mixed two batches, together. */
    public static final Metric REFRESH_BAD_READS = new Metric("refresh.bad_reads", REFRESH, "bad reads", Unit.COUNT,
            LOWER, Noise.EXACT, figure(Metric::refreshReads, reads -> reads.errors() + reads.empty() + reads.mixed()));
    public static final Metric UPDATE_P99 = new Metric("updates.apply_p99_ms", UPDATES, "update P99",
            Unit.MILLISECONDS, LOWER, Noise.NONE, figure(Metric::applyLatency, ProductUpdates.UpdateLatency::p99Ms));
    /** Rows or documents one update rewrote, on average: the price of copying display fields. */
    public static final Metric UPDATE_FAN_OUT = new Metric("updates.apply_fan_out_mean", UPDATES, "rewritten per update",
            Unit.COUNT, LOWER, Noise.EXACT, figure(Metric::applyFanOut, ProductUpdates.FanOut::mean));
    public static final Metric UPDATE_WAL = new Metric("updates.apply_wal_bytes_per_update", UPDATES,
            "WAL per update", Unit.BYTES, LOWER, Noise.NONE,
            figure(Metric::apply, ProductUpdates.Strategy::walBytesPerUpdate));
    public static final Metric UPDATE_READ_P99 = new Metric("updates.apply_read_p99_ms", UPDATES,
            "reads P99 during", Unit.MILLISECONDS, LOWER, Noise.NONE,
            figure(Metric::applyReads, RunResults.PhaseLatency::p99Ms));
    /** Reads under apply that showed a value older than an update committed before they started. */
    public static final Metric UPDATE_STALE_READS = new Metric("updates.apply_stale_reads", UPDATES, "stale reads",
            Unit.COUNT, LOWER, Noise.NONE, figure(Metric::applyFreshness, ProductUpdates.Freshness::staleReads));

    /** Hits over reads at steady state of the cache stage's first configuration (docs/cache.md). */
    public static final Metric CACHE_HIT_RATIO = new Metric("cache.hit_ratio", CACHE, "hit ratio", Unit.RATIO,
            HIGHER, Noise.NONE, figure(Metric::headlineCache, RunResults.CacheCell::hitRatio));
    /** Read P99 at steady state behind the cache stage's first configuration. */
    public static final Metric CACHE_P99 = new Metric("cache.p99_ms", CACHE, "cached P99", Unit.MILLISECONDS,
            LOWER, Noise.NONE, figure(Metric::headlineCache, RunResults.CacheCell::p99Ms));

    /** Every metric by id, in the order the gate lists its verdicts. */
    public static final Map<String, Metric> ALL = catalogue(STORAGE_P50, STORAGE_P99, STORAGE_P999,
            STORAGE_THROUGHPUT, STORAGE_ERRORS, SERVICE_P50, SERVICE_P99, SERVICE_P999, SERVICE_THROUGHPUT,
            SERVICE_ERRORS, JMH_POINT_READ_MEAN, JMH_POINT_READ_P99, JMH_BATCH_STAGE_MEAN, TOTAL_BYTES, INDEX_BYTES,
            BYTES_PER_PRODUCT, TOTAL_BYTES_AFTER_CHURN, LOAD_STAGE, LOAD_ACTIVATE, REFRESH_STAGE, REFRESH_ACTIVATE,
            REFRESH_ROLLBACK, REFRESH_P99, REFRESH_BAD_READS, UPDATE_P99, UPDATE_FAN_OUT, UPDATE_WAL,
            UPDATE_READ_P99, UPDATE_STALE_READS, CACHE_HIT_RATIO, CACHE_P99);

    private static Map<String, Metric> catalogue(Metric... metrics) {
        Map<String, Metric> all = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            if (all.put(metric.id(), metric) != null) {
                throw new IllegalStateException("metric " + metric.id() + " listed twice");
            }
        }
        return Collections.unmodifiableMap(all);
    }

    /** A latency percentile of one level; its noise comes from that level's interval log, or there is none. */
    private static Metric latency(String level, String group, String label, Source source, String log,
                                  Function<RunResults.Design, RunResults.Latency> latency,
                                  Function<RunResults.Latency, Double> percentile) {
        String id = level + "." + label.toLowerCase(Locale.ROOT).replace(".", "") + "_ms";
        return new Metric(id, group, label, Unit.MILLISECONDS, LOWER,
                source == null ? Noise.NONE : new Noise(source, log, null), figure(latency, percentile));
    }

    /** Reads {@code field} of the part {@code part} returns, or null when the part or the field is absent. */
    private static <T> Function<RunResults.Design, Double> figure(Function<RunResults.Design, T> part,
                                                                 Function<T, ? extends Number> field) {
        return design -> {
            T value = design == null ? null : part.apply(design);
            Number figure = value == null ? null : field.apply(value);
            return figure == null ? null : figure.doubleValue();
        };
    }

    private static RunResults.JmhFigure pointRead(RunResults.Design design) {
        return design.jmh() == null ? null : design.jmh().pointRead();
    }

    private static RunResults.JmhFigure batchStage(RunResults.Design design) {
        return design.jmh() == null ? null : design.jmh().batchStage();
    }

    private static RunResults.Footprint afterCleanup(RunResults.Design design) {
        return design.footprintAfterChurn() == null ? null : design.footprintAfterChurn().afterCleanup();
    }

    private static RunResults.RefreshReads refreshReads(RunResults.Design design) {
        return design.refresh() == null ? null : design.refresh().readsDuringRefresh();
    }

    private static ProductUpdates.Strategy apply(RunResults.Design design) {
        return design.productUpdates() == null ? null : design.productUpdates().strategy("apply");
    }

    private static ProductUpdates.UpdateLatency applyLatency(RunResults.Design design) {
        ProductUpdates.Strategy apply = apply(design);
        return apply == null ? null : apply.latency();
    }

    private static ProductUpdates.FanOut applyFanOut(RunResults.Design design) {
        ProductUpdates.Strategy apply = apply(design);
        return apply == null ? null : apply.fanOut();
    }

    private static RunResults.PhaseLatency applyReads(RunResults.Design design) {
        ProductUpdates.Strategy apply = apply(design);
        return apply == null ? null : apply.readsDuring();
    }

    private static ProductUpdates.Freshness applyFreshness(RunResults.Design design) {
        ProductUpdates.Strategy apply = apply(design);
        return apply == null ? null : apply.freshness();
    }

    private static RunResults.CacheCell headlineCache(RunResults.Design design) {
        return design.cache() == null || design.cache().cells() == null || design.cache().cells().isEmpty() ? null
                : design.cache().cells().get(0);
    }

    /** The figure in {@code design}, or null when it was not measured. */
    public Double valueIn(RunResults.Design design) {
        return value.apply(design);
    }

    /**
     * The confidence interval of the figure in {@code design} as the run recorded it, or null when there is none:
     * a figure without an interval (sizes, stage times, JMH), or a file written before intervals were recorded.
     */
    public RunResults.FigureInterval intervalIn(RunResults.Design design) {
        if (design == null) {
            return null;
        }
        RunResults.Latency level = id.startsWith("storage.") ? design.storageLevel()
                : id.startsWith("service.") ? design.serviceLevel() : null;
        RunResults.LatencyIntervals intervals = level == null ? null : level.intervals();
        if (intervals == null) {
            return null;
        }
        String figure = id.substring(id.indexOf('.') + 1);
        return switch (figure) {
            case "p50_ms" -> intervals.p50Ms();
            case "p95_ms" -> intervals.p95Ms();
            case "p99_ms" -> intervals.p99Ms();
            case "p999_ms" -> intervals.p999Ms();
            case "throughput_ops_s" -> intervals.throughputOpsS();
            default -> null;
        };
    }

    /** True when a smaller figure is better. */
    public boolean lowerIsBetter() {
        return direction == Direction.LOWER_IS_BETTER;
    }

    /** {@code +1} when a larger value is worse, {@code -1} when a larger value is better. */
    public int worseSign() {
        return lowerIsBetter() ? 1 : -1;
    }

    /** The full heading, e.g. "Storage-level latency (ms) P99". */
    public String heading() {
        return group + " " + label;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Metric metric && metric.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
