package dev.schemabench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;

/**
 * One column of the verdict table: where its figure lives in a design's results, how it reads, and which direction
 * is better. The HTML report, the Markdown summary and the two-run comparison all use this one list, so they never
 * disagree about what a column means.
 *
 * @param id            stable identifier (also the golden files' column key)
 * @param group         the column group heading
 * @param label         the column heading
 * @param kind          how the figure is formatted
 * @param lowerIsBetter true for latency, bytes and times; false for throughput
 * @param value         the figure from a design node, or null when absent
 */
record Metric(String id, String group, String label, Kind kind, boolean lowerIsBetter,
              Function<JsonNode, Double> value) {

    /** How a figure is formatted. */
    enum Kind {
        MILLISECONDS, BYTES, RATE, REFRESH_READS
    }

    static final String STORAGE_LEVEL = "Storage-level latency (ms)";
    static final String SERVICE_LEVEL = "Service-level latency (ms)";
    static final String STORAGE = "Storage";
    static final String REFRESH = "Weekly refresh (ms)";

    /** The verdict table's columns, in order. */
    static final List<Metric> VERDICT = List.of(
            latency("storage_p50", STORAGE_LEVEL, "P50", "storage_level", "p50_ms"),
            latency("storage_p99", STORAGE_LEVEL, "P99", "storage_level", "p99_ms"),
            latency("storage_p999", STORAGE_LEVEL, "P99.9", "storage_level", "p999_ms"),
            new Metric("storage_throughput", STORAGE_LEVEL, "reads/s", Kind.RATE, false,
                    design -> Text.number(design, "storage_level", "throughput_ops_s")),
            latency("service_p50", SERVICE_LEVEL, "P50", "service_level", "p50_ms"),
            latency("service_p99", SERVICE_LEVEL, "P99", "service_level", "p99_ms"),
            latency("service_p999", SERVICE_LEVEL, "P99.9", "service_level", "p999_ms"),
            new Metric("service_throughput", SERVICE_LEVEL, "reads/s", Kind.RATE, false,
                    design -> Text.number(design, "service_level", "throughput_ops_s")),
            new Metric("total_bytes", STORAGE, "total", Kind.BYTES, true,
                    design -> Text.number(design, "footprint", "total_bytes")),
            new Metric("index_bytes", STORAGE, "indexes", Kind.BYTES, true,
                    design -> Text.number(design, "footprint", "index_bytes")),
            new Metric("bytes_per_product", STORAGE, "per product", Kind.BYTES, true,
                    design -> Text.number(design, "footprint", "bytes_per_product")),
            new Metric("stage_ms", REFRESH, "stage", Kind.MILLISECONDS, true,
                    design -> Text.number(design, "refresh", "stage_ms")),
            new Metric("activate_ms", REFRESH, "activate", Kind.MILLISECONDS, true,
                    design -> Text.number(design, "refresh", "activate_ms")),
            new Metric("rollback_ms", REFRESH, "rollback", Kind.MILLISECONDS, true,
                    design -> Text.number(design, "refresh", "rollback_ms")),
            new Metric("refresh_bad_reads", REFRESH, "bad reads", Kind.REFRESH_READS, true,
                    Metric::badReads));

    private static Metric latency(String id, String group, String label, String level, String field) {
        return new Metric(id, group, label, Kind.MILLISECONDS, true, design -> Text.number(design, level, field));
    }

    private static Double badReads(JsonNode design) {
        JsonNode reads = design.path("refresh").path("reads_during_refresh");
        if (!reads.isObject()) {
            return null;
        }
        return reads.path("errors").asDouble() + reads.path("empty").asDouble() + reads.path("mixed").asDouble();
    }

    /** The figure as the verdict table shows it. */
    String format(JsonNode design) {
        Double figure = value.apply(design);
        if (figure == null) {
            return Text.ABSENT;
        }
        return switch (kind) {
            case MILLISECONDS -> Text.ms(figure);
            case BYTES -> Text.bytes(figure);
            case RATE -> Text.rate(figure);
            case REFRESH_READS -> {
                JsonNode reads = design.path("refresh").path("reads_during_refresh");
                yield reads.path("errors").asLong() + " / " + reads.path("empty").asLong() + " / "
                        + reads.path("mixed").asLong();
            }
        };
    }

    /** A difference between two figures of this metric, formatted in its unit (with a sign). */
    String formatDifference(double difference) {
        String sign = difference > 0 ? "+" : difference < 0 ? "−" : "±";
        double magnitude = Math.abs(difference);
        return sign + switch (kind) {
            case MILLISECONDS -> Text.ms(magnitude) + " ms";
            case BYTES -> Text.bytes(magnitude);
            case RATE -> Text.rate(magnitude) + "/s";
            case REFRESH_READS -> Text.count(magnitude);
        };
    }

    /** Whether ratios to the best make sense for this metric (not for counts of bad reads, where 0 is the goal). */
    boolean hasRatios() {
        return kind != Kind.REFRESH_READS;
    }

    /** The full heading, e.g. "Storage-level latency (ms) P99". */
    String heading() {
        return group + " " + label;
    }
}
