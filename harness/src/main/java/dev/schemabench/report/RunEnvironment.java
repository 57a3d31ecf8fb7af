package dev.schemabench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the report reads from a run's environment (the fingerprint) and configuration. Both are free-form maps in
 * results.json (what a run records grows with its engines and settings), so the few entries shown by name are read
 * here, in one place, and the rest is listed as it is. Stateless.
 */
final class RunEnvironment {

    private RunEnvironment() {
    }

    /** The PostgreSQL server's version string, or null when the run used none or could not read it. */
    static String postgresVersion(RunResults.Run run) {
        Object version = run.environmentEntry("postgres", "version");
        return version == null ? null : version.toString();
    }

    /** The processors the run had, or null when not recorded. */
    static Double cpus(RunResults.Run run) {
        return run.environmentEntry("cpus") instanceof Number cpus ? cpus.doubleValue() : null;
    }

    /** The SHA-256 of each schema file of {@code design}, by file name; empty when none were recorded. */
    static Map<String, String> schemaFiles(RunResults.Run run, String design) {
        Map<String, String> hashes = new LinkedHashMap<>();
        if (run.environmentEntry("schema_files", design) instanceof Map<?, ?> files) {
            files.forEach((file, hash) -> hashes.put(String.valueOf(file), String.valueOf(hash)));
        }
        return hashes;
    }

    /** The environment, flattened into dotted keys ({@code environment.data.seed}); see {@link #flatten}. */
    static Map<String, String> environment(RunResults.Run run) {
        Map<String, String> entries = new LinkedHashMap<>();
        flatten("environment", tree(run.environment()), entries);
        return entries;
    }

    /** The effective configuration, by key, each value as text (lists as JSON). */
    static Map<String, String> config(RunResults.Run run) {
        Map<String, String> entries = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> config = tree(run.config()).properties().iterator();
        while (config.hasNext()) {
            Map.Entry<String, JsonNode> entry = config.next();
            JsonNode value = entry.getValue();
            entries.put(entry.getKey(), value.isValueNode() ? value.asText() : value.toString());
        }
        return entries;
    }

    /** Where each configuration value came from, by key. */
    static Map<String, String> configSources(RunResults.Run run) {
        return run.configSources() == null ? Map.of() : run.configSources();
    }

    /** The environment, then the configuration, flattened into dotted keys, for comparing two runs. */
    static Map<String, String> comparable(RunResults.Run run) {
        Map<String, String> entries = environment(run);
        flatten("config", tree(run.config()), entries);
        return entries;
    }

    private static JsonNode tree(Map<String, ?> map) {
        return ResultsFile.mapper().valueToTree(map == null ? Map.of() : map);
    }

    /**
     * Flattens a tree into dotted keys; arrays are kept whole as their JSON text. The server's address and the JVM's
     * arguments are left out: they differ between any two runs without saying anything.
     */
    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
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
