package dev.schemabench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One design's calibration against PostgreSQL's own clients, in words, for the HTML report and summary.md. */
final class CalibrationText {

    private CalibrationText() {
    }

    /** Whether any design of the run carries a calibration figure or note. */
    static boolean any(JsonNode results) {
        for (JsonNode design : results.path("designs")) {
            if (!sentences(design).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The read comparison with pgbench, then the bulk comparison with psql; each a figure or the reason for none. */
    static List<String> sentences(JsonNode design) {
        List<String> sentences = new ArrayList<>();
        JsonNode reads = design.path("calibration");
        if (reads.isObject()) {
            Double harnessP99 = Text.number(reads, "harness_p99_ms");
            Double pgbenchP99 = Text.number(reads, "pgbench_p99_ms");
            sentences.add(String.format(Locale.ROOT, "the harness reached %s of pgbench's throughput on the same read"
                    + " (%s vs %s reads/s, %s clients each%s); at a fixed %s reads/s its P99 was %s ms against"
                    + " pgbench's %s ms%s", ratio(Text.number(reads, "ratio")),
                    Text.rate(Text.number(reads, "harness_tps")), Text.rate(Text.number(reads, "pgbench_tps")),
                    Text.count(Text.number(reads, "clients")), rounds(reads),
                    Text.rate(Text.number(reads, "rate_ops_s")), Text.ms(harnessP99), Text.ms(pgbenchP99),
                    harnessP99 == null || pgbenchP99 == null || pgbenchP99 == 0 ? ""
                            : String.format(Locale.ROOT, " (×%.2f)", harnessP99 / pgbenchP99)));
        } else if (design.hasNonNull("calibration_note")) {
            sentences.add("reads: " + design.path("calibration_note").asText());
        }
        JsonNode bulk = design.path("bulk_calibration");
        if (bulk.isObject()) {
            sentences.add(String.format(Locale.ROOT, "the bulk path staged %s lists (%s MB of COPY data) at %s MB/s,"
                    + " %s of the speed of psql's \\copy of the same rows into the same tables (%s MB/s)",
                    Text.count(Text.number(bulk, "lists")), megabytes(Text.number(bulk, "copy_bytes")),
                    Text.rate(Text.number(bulk, "harness_mb_s")), ratio(Text.number(bulk, "ratio")),
                    Text.rate(Text.number(bulk, "psql_mb_s"))));
        } else if (design.hasNonNull("bulk_calibration_note")) {
            sentences.add("bulk: " + design.path("bulk_calibration_note").asText());
        }
        return sentences;
    }

    /** How the figures were taken when there was more than one round; results before rounds have none. */
    private static String rounds(JsonNode reads) {
        JsonNode saturation = reads.path("saturation_rounds");
        if (saturation.size() < 2) {
            return "";
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (JsonNode round : saturation) {
            Double ratio = Text.number(round, "ratio");
            if (ratio == null) {
                return "";
            }
            low = Math.min(low, ratio);
            high = Math.max(high, ratio);
        }
        return String.format(Locale.ROOT, "; the median of %d rounds that took turns at going first, whose ratios"
                + " ranged from %.2f to %.2f", saturation.size(), low, high);
    }

    private static String ratio(Double value) {
        return value == null ? Text.ABSENT : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String megabytes(Double bytes) {
        return bytes == null ? Text.ABSENT : Text.significant(bytes / 1e6);
    }
}
