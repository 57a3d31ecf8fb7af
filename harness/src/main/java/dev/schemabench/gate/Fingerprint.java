package dev.schemabench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What must be equal for two runs to be comparable: the data (seed, size, the batch's hash) and the workload (profile,
 * arrival rate, items per read, reader threads). Schema files, software versions and durations may differ; that is
 * what a gate is for. Stateless.
 */
public final class Fingerprint {

    /** Label and JSON pointer of each field, in the order differences are reported. */
    static final Map<String, String> FIELDS = fields();

    private Fingerprint() {
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("data seed", "/run/environment/data/seed");
        fields.put("products", "/run/environment/data/products");
        fields.put("recs per product", "/run/environment/data/recs_per_product");
        fields.put("data sha256", "/run/environment/data/batch_sha256");
        fields.put("profile", "/run/profile");
        fields.put("rate", "/run/config/rate");
        fields.put("limit", "/run/config/limit");
        fields.put("threads", "/run/config/threads");
        return fields;
    }

    /** Each field that differs, as {@code label baseline vs current}; empty when the runs are comparable. */
    public static List<String> differences(JsonNode baseline, JsonNode current) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> field : FIELDS.entrySet()) {
            String before = text(baseline.at(field.getValue()));
            String after = text(current.at(field.getValue()));
            if (!before.equals(after)) {
                differences.add(field.getKey() + " " + before + " vs " + after);
            }
        }
        return differences;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "(absent)";
        }
        if (node.isNumber()) {
            double value = node.asDouble();
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }
        return node.asText();
    }
}
