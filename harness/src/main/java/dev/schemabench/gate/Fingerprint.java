package dev.schemabench.gate;

import dev.schemabench.results.RunResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What must be equal for two runs to be comparable: the data (seed, size, the batch's hash) and the workload (profile,
 * arrival rate, items per read, reader threads). Schema files, software versions and durations may differ; that is
 * what a gate is for. Stateless.
 */
public final class Fingerprint {

    /** Label and reader of each field, in the order differences are reported. */
    static final Map<String, Function<RunResults.Run, Object>> FIELDS = fields();

    private Fingerprint() {
    }

    private static Map<String, Function<RunResults.Run, Object>> fields() {
        Map<String, Function<RunResults.Run, Object>> fields = new LinkedHashMap<>();
        fields.put("data seed", run -> run.environmentEntry("data", "seed"));
        fields.put("products", run -> run.environmentEntry("data", "products"));
        fields.put("recs per product", run -> run.environmentEntry("data", "recs_per_product"));
        fields.put("data sha256", run -> run.environmentEntry("data", "batch_sha256"));
        fields.put("profile", RunResults.Run::profile);
        fields.put("rate", run -> configEntry(run, "rate"));
        fields.put("limit", run -> configEntry(run, "limit"));
        fields.put("threads", run -> configEntry(run, "threads"));
        fields.put("key distribution", run -> run.config() == null ? null
                : run.config().getOrDefault("key_distribution", "zipf:0.99"));
        return fields;
    }

    private static Object configEntry(RunResults.Run run, String key) {
        return run.config() == null ? null : run.config().get(key);
    }

    /** Each field that differs, as {@code label baseline vs current}; empty when the runs are comparable. */
    public static List<String> differences(RunResults baseline, RunResults current) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Function<RunResults.Run, Object>> field : FIELDS.entrySet()) {
            String before = text(baseline.run() == null ? null : field.getValue().apply(baseline.run()));
            String after = text(current.run() == null ? null : field.getValue().apply(current.run()));
            if (!before.equals(after)) {
                differences.add(field.getKey() + " " + before + " vs " + after);
            }
        }
        return differences;
    }

    private static String text(Object value) {
        if (value == null) {
            return "(absent)";
        }
        if (value instanceof Number number) {
            double figure = number.doubleValue();
            return figure == Math.rint(figure) ? Long.toString((long) figure) : Double.toString(figure);
        }
        return value.toString();
    }
}
