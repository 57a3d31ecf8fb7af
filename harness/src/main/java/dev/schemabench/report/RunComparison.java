package dev.schemabench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two runs side by side (typically before and after a schema change): per design and per verdict metric, both
 * figures and the difference; and the fingerprint and configuration entries that differ, which usually say what
 * changed (a schema file's hash, the server version, the data size).
 *
 * <p>A change smaller than {@value #NOISE_PERCENT} % is called "about the same": single runs on a shared machine
 * carry at least that much noise. Deciding whether a change is a regression is the gate's job, with its own rules.
 */
final class RunComparison {

    /** Relative changes below this (in percent) are reported as about the same. */
    static final double NOISE_PERCENT = 5.0;

    /** How a change reads for a metric whose direction is known. */
    enum Direction {
        BETTER, WORSE, SAME, ABSENT
    }

    /**
     * One metric of one design in both runs.
     *
     * @param metric     the verdict column
     * @param before     the first run's figure, or null
     * @param after      the second run's figure, or null
     * @param direction  better, worse, about the same, or absent (one side has no figure)
     */
    record Difference(Metric metric, Double before, Double after, Direction direction) {

        /** The signed difference in the metric's unit, or the absent mark. */
        String change() {
            if (before == null || after == null) {
                return Text.ABSENT;
            }
            return metric.formatDifference(after - before);
        }

        /** The signed relative change, or the absent mark when there is no base. */
        String percent() {
            if (before == null || after == null) {
                return Text.ABSENT;
            }
            String percent = Text.percentChange(before, after);
            return percent == null ? Text.ABSENT : percent;
        }
    }

    /**
     * One design in both runs.
     *
     * @param name        the design
     * @param before      its node in the first run, or null when absent there
     * @param after       its node in the second run, or null
     * @param differences one per verdict metric
     */
    record DesignComparison(String name, JsonNode before, JsonNode after, List<Difference> differences) {
    }

    /** An entry of the fingerprint or configuration that differs; either side may be absent (null). */
    record Changed(String key, String before, String after) {
    }

    private final LoadedRun before;
    private final LoadedRun after;
    private final List<DesignComparison> designs = new ArrayList<>();
    private final List<Changed> changed = new ArrayList<>();

    RunComparison(LoadedRun before, LoadedRun after) {
        this.before = before;
        this.after = after;
        Map<String, JsonNode> beforeDesigns = byName(before.results());
        Map<String, JsonNode> afterDesigns = byName(after.results());
        Set<String> names = new LinkedHashSet<>(beforeDesigns.keySet());
        names.addAll(afterDesigns.keySet());
        for (String name : names) {
            JsonNode first = beforeDesigns.get(name);
            JsonNode second = afterDesigns.get(name);
            List<Difference> differences = new ArrayList<>();
            for (Metric metric : Metric.VERDICT) {
                Double a = first == null || !Verdict.measured(first) ? null : metric.value().apply(first);
                Double b = second == null || !Verdict.measured(second) ? null : metric.value().apply(second);
                differences.add(new Difference(metric, a, b, direction(metric, a, b)));
            }
            designs.add(new DesignComparison(name, first, second, List.copyOf(differences)));
        }
        Map<String, String> beforeEntries = new LinkedHashMap<>();
        Map<String, String> afterEntries = new LinkedHashMap<>();
        flatten("environment", before.results().path("run").path("environment"), beforeEntries);
        flatten("environment", after.results().path("run").path("environment"), afterEntries);
        flatten("config", before.results().path("run").path("config"), beforeEntries);
        flatten("config", after.results().path("run").path("config"), afterEntries);
        Set<String> keys = new LinkedHashSet<>(beforeEntries.keySet());
        keys.addAll(afterEntries.keySet());
        for (String key : keys) {
            String a = beforeEntries.get(key);
            String b = afterEntries.get(key);
            if (a == null ? b != null : !a.equals(b)) {
                changed.add(new Changed(key, a, b));
            }
        }
    }

    LoadedRun before() {
        return before;
    }

    LoadedRun after() {
        return after;
    }

    List<DesignComparison> designs() {
        return designs;
    }

    /** Fingerprint and configuration entries that differ (the postgres URL and ports excluded: they always do). */
    List<Changed> changed() {
        return changed;
    }

    static Direction direction(Metric metric, Double before, Double after) {
        if (before == null || after == null) {
            return Direction.ABSENT;
        }
        if (before.equals(after)) {
            return Direction.SAME;
        }
        if (before == 0) {
            return metric.lowerIsBetter() == (after < before) ? Direction.BETTER : Direction.WORSE;
        }
        double percent = (after - before) / Math.abs(before) * 100;
        if (Math.abs(percent) < NOISE_PERCENT) {
            return Direction.SAME;
        }
        return metric.lowerIsBetter() == (percent < 0) ? Direction.BETTER : Direction.WORSE;
    }

    private static Map<String, JsonNode> byName(JsonNode results) {
        Map<String, JsonNode> designs = new LinkedHashMap<>();
        results.path("designs").forEach(design -> designs.put(design.path("name").asText(), design));
        return designs;
    }

    /** Flattens a tree into dotted keys; arrays are kept whole as their JSON text. */
    static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = prefix + "." + field.getKey();
                if (key.equals("environment.postgres.url") || key.startsWith("environment.java.arguments")) {
                    continue;
                }
                flatten(key, field.getValue(), into);
            }
        } else if (!node.isMissingNode()) {
            into.put(prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }
}
