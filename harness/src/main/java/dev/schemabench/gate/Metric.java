package dev.schemabench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A figure of one design in results.json that the gate can compare with a baseline or hold to a budget. The
 * catalogue ({@link #ALL}) is the only list of such figures; configuration names metrics by {@link #key()}.
 *
 * @param key       the name used in gate.yaml and in verdicts, for example {@code storage.p99_ms}
 * @param path      where the figure lives inside a design object of results.json
 * @param unit      {@code ms}, {@code bytes}, {@code ops/s} or {@code count}
 * @param direction which way is better
 * @param noise     how run-to-run noise is estimated for this figure
 */
public record Metric(String key, String[] path, String unit, Direction direction, Noise noise) {

    /** Which way is better. */
    public enum Direction {
        LOWER_IS_BETTER, HIGHER_IS_BETTER
    }

    /** Where the gate finds what it needs to tell a change from run-to-run noise. */
    public enum Noise {
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

    /** Metric units. */
    public static final String MS = "ms";
    public static final String BYTES = "bytes";
    public static final String OPS = "ops/s";
    public static final String COUNT = "count";

    /** The artifact key of the storage-level interval log (written by the compare suite). */
    public static final String STORAGE_LOG = "storage_histogram_log";
    /** The artifact key of a service-level interval log, used when a run provides one. */
    public static final String SERVICE_LOG = "service_histogram_log";

    /** Every metric, in the order verdicts list them. */
    public static final Map<String, Metric> ALL = catalogue();

    private static Map<String, Metric> catalogue() {
        Map<String, Metric> all = new LinkedHashMap<>();
        Direction lower = Direction.LOWER_IS_BETTER;
        Direction higher = Direction.HIGHER_IS_BETTER;
        add(all, "storage.p50_ms", MS, lower, Noise.INTERVAL_P50, "storage_level", "p50_ms");
        add(all, "storage.p99_ms", MS, lower, Noise.INTERVAL_P99, "storage_level", "p99_ms");
        add(all, "storage.p999_ms", MS, lower, Noise.NONE, "storage_level", "p999_ms");
        add(all, "storage.throughput_ops_s", OPS, higher, Noise.INTERVAL_RATE, "storage_level", "throughput_ops_s");
        add(all, "storage.errors", COUNT, lower, Noise.EXACT, "storage_level", "errors");
        add(all, "service.p50_ms", MS, lower, Noise.INTERVAL_P50, "service_level", "p50_ms");
        add(all, "service.p99_ms", MS, lower, Noise.INTERVAL_P99, "service_level", "p99_ms");
        add(all, "service.p999_ms", MS, lower, Noise.NONE, "service_level", "p999_ms");
        add(all, "service.throughput_ops_s", OPS, higher, Noise.INTERVAL_RATE, "service_level", "throughput_ops_s");
        add(all, "service.errors", COUNT, lower, Noise.EXACT, "service_level", "errors");
        add(all, "jmh.point_read_mean_ms", MS, lower, Noise.JMH_ERROR, "jmh", "point_read", "mean_ms");
        add(all, "jmh.point_read_p99_ms", MS, lower, Noise.NONE, "jmh", "point_read", "p99_ms");
        add(all, "jmh.batch_stage_mean_ms", MS, lower, Noise.JMH_ERROR, "jmh", "batch_stage", "mean_ms");
        add(all, "footprint.total_bytes", BYTES, lower, Noise.EXACT, "footprint", "total_bytes");
        add(all, "footprint.index_bytes", BYTES, lower, Noise.EXACT, "footprint", "index_bytes");
        add(all, "footprint_after_churn.total_bytes", BYTES, lower, Noise.EXACT, "footprint_after_churn",
                "after_cleanup", "total_bytes");
        add(all, "load.stage_ms", MS, lower, Noise.NONE, "load", "stage_ms");
        add(all, "load.activate_ms", MS, lower, Noise.NONE, "load", "activate_ms");
        add(all, "refresh.stage_ms", MS, lower, Noise.NONE, "refresh", "stage_ms");
        add(all, "refresh.activate_ms", MS, lower, Noise.NONE, "refresh", "activate_ms");
        add(all, "refresh.p99_ms", MS, lower, Noise.NONE, "refresh", "reads_during_refresh", "p99_ms");
        return Collections.unmodifiableMap(all);
    }

    private static void add(Map<String, Metric> all, String key, String unit, Direction direction, Noise noise,
                            String... path) {
        all.put(key, new Metric(key, path, unit, direction, noise));
    }

    /** The figure in {@code design} (a design object of results.json), or null when it was not measured. */
    public Double valueIn(JsonNode design) {
        JsonNode node = design;
        for (String step : path) {
            node = node == null ? null : node.get(step);
        }
        return node != null && node.isNumber() ? node.asDouble() : null;
    }

    /** The JMH error stored beside a JMH mean ({@code error_ms}), or null. */
    public Double jmhErrorIn(JsonNode design) {
        if (noise != Noise.JMH_ERROR) {
            return null;
        }
        JsonNode node = design;
        for (int i = 0; i < path.length - 1; i++) {
            node = node == null ? null : node.get(path[i]);
        }
        JsonNode error = node == null ? null : node.get("error_ms");
        return error != null && error.isNumber() ? error.asDouble() : null;
    }

    /** The artifact key of the interval log that holds this metric's noise data, or null. */
    public String logArtifact() {
        if (noise != Noise.INTERVAL_P50 && noise != Noise.INTERVAL_P99 && noise != Noise.INTERVAL_RATE) {
            return null;
        }
        return path[0].equals("service_level") ? SERVICE_LOG : STORAGE_LOG;
    }

    /** {@code +1} when a larger value is worse, {@code -1} when a larger value is better. */
    public int worseSign() {
        return direction == Direction.LOWER_IS_BETTER ? 1 : -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Metric metric && metric.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}
