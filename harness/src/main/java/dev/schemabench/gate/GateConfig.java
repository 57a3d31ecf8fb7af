package dev.schemabench.gate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.results.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gate checks and how strictly: thresholds relative to the baseline, the statistics of the noise model,
 * the plan-shape rule and absolute budgets. Built-in defaults ({@link #defaults()}) are overridden by a YAML file
 * (the keys below, see {@code gate.yaml} at the repository root), and the command line's {@code --max-regression}
 * overrides every relative threshold. Immutable.
 *
 * @param source               the file it was read from, or {@code built-in defaults}
 * @param maxRegression        default relative threshold, as a fraction (0.10 = 10 %)
 * @param confidence           two-sided confidence of the bootstrap interval, as a fraction
 * @param resamples            bootstrap resamples
 * @param seed                 bootstrap seed (the gate is deterministic)
 * @param minReadsPerInterval  interval histograms are merged until each block holds this many reads
 * @param minIntervals         fewer blocks than this in either run: no noise data
 * @param failWithoutNoiseData when true, a noisy metric without noise data fails on its threshold alone; when false
 *                             its change is reported and does not fail
 * @param planShape            what a changed read-plan shape does
 * @param compare              metrics compared with the baseline, with their own threshold (null: the default)
 * @param budgets              absolute limits by design name ({@code *} for every design) and metric
 * @param driftReference       what a design's change is measured against, so that a machine slower during one
 *                             whole run does not fail the gate
 * @param phaseNoise           per interval-based metric, the noise between measuring phases that a phase's own
 *                             interval blocks cannot show (the standard deviation of the log of a design's figure
 *                             from one phase to the next on the same code, see
 *                             {@link dev.schemabench.stats.BootstrapSettings#phaseNoise()}); absent means none
 */
public record GateConfig(String source, double maxRegression, double confidence, int resamples, long seed,
                         long minReadsPerInterval, int minIntervals, boolean failWithoutNoiseData,
                         PlanShapeRule planShape, Map<Metric, Double> compare,
                         Map<String, Map<Metric, Double>> budgets, DriftReference driftReference,
                         Map<Metric, Double> phaseNoise) {

    /** A configuration without phase noise. */
    public GateConfig(String source, double maxRegression, double confidence, int resamples, long seed,
                      long minReadsPerInterval, int minIntervals, boolean failWithoutNoiseData,
                      PlanShapeRule planShape, Map<Metric, Double> compare,
                      Map<String, Map<Metric, Double>> budgets, DriftReference driftReference) {
        this(source, maxRegression, confidence, resamples, seed, minReadsPerInterval, minIntervals,
                failWithoutNoiseData, planShape, compare, budgets, driftReference, Map.of());
    }

    public static final String MAX_REGRESSION = "max_regression";
    public static final String CONFIDENCE = "confidence";
    public static final String BOOTSTRAP_RESAMPLES = "bootstrap_resamples";
    public static final String BOOTSTRAP_SEED = "bootstrap_seed";
    public static final String MIN_READS_PER_INTERVAL = "min_reads_per_interval";
    public static final String MIN_INTERVALS = "min_intervals";
    public static final String FAIL_WITHOUT_NOISE_DATA = "fail_without_noise_data";
    public static final String PLAN_SHAPE = "plan_shape";
    public static final String COMPARE = "compare";
    public static final String BUDGETS = "budgets";
    public static final String DRIFT_REFERENCE = "drift_reference";
    public static final String PHASE_NOISE = "phase_noise";

    /**
     * The built-in phase noise of the service-level latency metrics: the service level measures designs one after
     * another, so a stretch of a busy machine that falls on one design's phase alone is not cancelled by the other
     * designs and does not show in that phase's blocks (docs/ci-gate.md says how it was measured).
     */
    public static final double DEFAULT_SERVICE_PHASE_NOISE = 0.15;

    /** The built-in phase noise of JMH's point-read mean: JMH also takes the designs one after another. */
    public static final double DEFAULT_JMH_PHASE_NOISE = 0.05;

    /** Budgets under this design name apply to every design. */
    public static final String EVERY_DESIGN = "*";

    private static final Set<String> KEYS = Set.of(MAX_REGRESSION, CONFIDENCE, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED,
            MIN_READS_PER_INTERVAL, MIN_INTERVALS, FAIL_WITHOUT_NOISE_DATA, PLAN_SHAPE, COMPARE, BUDGETS,
            DRIFT_REFERENCE, PHASE_NOISE);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final Pattern PERCENT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%\\s*");
    private static final Pattern QUANTITY = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-zµ/]*)\\s*");

    /** What a changed read-plan shape does. */
    public enum PlanShapeRule {
        /** The design fails. */
        FAIL,
        /** The change is shown and does not fail. */
        REPORT,
        /** Plans are not compared. */
        IGNORE
    }

    /** What a design's change between the runs is measured against. */
    public enum DriftReference {
        /**
         * The other designs measured in both runs: a design regresses only when it got worse relative to them too,
         * so a machine that was slower during the whole current run (which slows every design alike) does not fail
         * the gate. A change that slows every design alike is reported as a run-wide shift, not failed. A run with
         * a single design falls back to {@link #NONE}.
         */
        OTHER_DESIGNS("other_designs"),
        /** The design's own change alone: any run-wide slowdown, the machine's included, counts. */
        NONE("none");

        private final String key;

        DriftReference(String key) {
            this.key = key;
        }

        /** How gate.yaml spells it. */
        public String key() {
            return key;
        }
    }

    /** The built-in configuration; {@code gate.yaml} at the repository root states the same values. */
    public static GateConfig defaults() {
        Map<Metric, Double> compare = new LinkedHashMap<>();
        compare.put(Metric.STORAGE_P50, 0.20);
        compare.put(Metric.STORAGE_P99, 0.30);
        compare.put(Metric.STORAGE_THROUGHPUT, null);
        compare.put(Metric.SERVICE_P50, 0.20);
        compare.put(Metric.SERVICE_P99, 0.30);
        compare.put(Metric.SERVICE_THROUGHPUT, null);
        compare.put(Metric.JMH_POINT_READ_MEAN, null);
        compare.put(Metric.TOTAL_BYTES, null);
        Map<Metric, Double> phaseNoise = new LinkedHashMap<>();
        phaseNoise.put(Metric.SERVICE_P50, DEFAULT_SERVICE_PHASE_NOISE);
        phaseNoise.put(Metric.SERVICE_P99, DEFAULT_SERVICE_PHASE_NOISE);
        phaseNoise.put(Metric.JMH_POINT_READ_MEAN, DEFAULT_JMH_PHASE_NOISE);
        return new GateConfig("built-in defaults", 0.10, 0.95, 2000, 20240601L, 200, 10, false, PlanShapeRule.FAIL,
                Collections.unmodifiableMap(compare), Map.of(), DriftReference.OTHER_DESIGNS,
                Collections.unmodifiableMap(phaseNoise));
    }

    /** The between-phase noise of {@code metric}, 0 when none is configured. */
    public double phaseNoise(Metric metric) {
        Double own = phaseNoise.get(metric);
        return own == null ? 0 : own;
    }

    /** The threshold of {@code metric}: its own, else the default. */
    public double threshold(Metric metric) {
        Double own = compare.get(metric);
        return own == null ? maxRegression : own;
    }

    /**
     * The budget of {@code metric} for {@code design}: the design's own, else (for a copy such as {@code jsonb#2}) the
     * design's it copies, else the one for every design, or null.
     */
    public Double budget(String design, Metric metric) {
        Double own = budgets.getOrDefault(design, Map.of()).get(metric);
        if (own == null) {
            own = budgets.getOrDefault(DesignRegistry.baseName(design), Map.of()).get(metric);
        }
        return own != null ? own : budgets.getOrDefault(EVERY_DESIGN, Map.of()).get(metric);
    }

    /** This configuration with every relative threshold set to {@code threshold} (the command line's). */
    public GateConfig withMaxRegression(double threshold) {
        Map<Metric, Double> every = new LinkedHashMap<>();
        compare.keySet().forEach(metric -> every.put(metric, null));
        return new GateConfig(source + " with --max-regression", threshold, confidence, resamples, seed,
                minReadsPerInterval, minIntervals, failWithoutNoiseData, planShape,
                Collections.unmodifiableMap(every), budgets, driftReference, phaseNoise);
    }

    /**
     * Parses a percentage such as {@code 10%} into a fraction.
     *
     * @throws IllegalArgumentException when {@code text} is not one
     */
    public static double percentage(String text) {
        Matcher matcher = text == null ? null : PERCENT.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("a percentage such as 10%");
        }
        return Double.parseDouble(matcher.group(1)) / 100.0;
    }

    /**
     * Reads a gate configuration file; keys it does not set keep their built-in defaults, except {@code compare},
     * which, when present, is the whole list of compared metrics.
     *
     * @throws IllegalArgumentException with one line naming the file and the key when the file is missing, not
     *                                  YAML, or holds an unknown key or a bad value
     */
    public static GateConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid YAML (line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
        GateConfig defaults = defaults();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return defaults.withSource(file.toString());
        }
        Reader reader = new Reader(file);
        if (!root.isObject()) {
            throw reader.invalid("(top level)", "a mapping of keys such as max_regression, compare, budgets");
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String name = entry.getKey();
            if (!KEYS.contains(name)) {
                throw reader.invalid(name, "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(KEYS))
                        + ")");
            }
        }
        double maxRegression = root.has(MAX_REGRESSION) ? reader.percent(MAX_REGRESSION, root.get(MAX_REGRESSION))
                : defaults.maxRegression;
        double confidence = root.has(CONFIDENCE) ? reader.percent(CONFIDENCE, root.get(CONFIDENCE))
                : defaults.confidence;
        if (confidence < 0.5 || confidence >= 1) {
            throw reader.invalid(CONFIDENCE, "between 50% and 99.9%");
        }
        int resamples = (int) reader.whole(BOOTSTRAP_RESAMPLES, root.get(BOOTSTRAP_RESAMPLES), defaults.resamples,
                100, 1_000_000);
        long seed = reader.whole(BOOTSTRAP_SEED, root.get(BOOTSTRAP_SEED), defaults.seed, Long.MIN_VALUE,
                Long.MAX_VALUE);
        long minReads = reader.whole(MIN_READS_PER_INTERVAL, root.get(MIN_READS_PER_INTERVAL),
                defaults.minReadsPerInterval, 1, Integer.MAX_VALUE);
        int minIntervals = (int) reader.whole(MIN_INTERVALS, root.get(MIN_INTERVALS), defaults.minIntervals, 2,
                10_000);
        boolean failWithout = defaults.failWithoutNoiseData;
        if (root.has(FAIL_WITHOUT_NOISE_DATA)) {
            if (!root.get(FAIL_WITHOUT_NOISE_DATA).isBoolean()) {
                throw reader.invalid(FAIL_WITHOUT_NOISE_DATA, "true or false");
            }
            failWithout = root.get(FAIL_WITHOUT_NOISE_DATA).asBoolean();
        }
        PlanShapeRule planShape = defaults.planShape;
        if (root.has(PLAN_SHAPE)) {
            String value = root.get(PLAN_SHAPE).asText("").toUpperCase(Locale.ROOT);
            try {
                planShape = root.get(PLAN_SHAPE).isTextual() ? PlanShapeRule.valueOf(value) : null;
            } catch (IllegalArgumentException e) {
                planShape = null;
            }
            if (planShape == null) {
                throw reader.invalid(PLAN_SHAPE, "fail, report or ignore");
            }
        }
        Map<Metric, Double> compare = defaults.compare;
        if (root.has(COMPARE)) {
            compare = reader.compare(root.get(COMPARE));
        }
        Map<String, Map<Metric, Double>> budgets = root.has(BUDGETS) ? reader.budgets(root.get(BUDGETS)) : Map.of();
        DriftReference driftReference = defaults.driftReference;
        if (root.has(DRIFT_REFERENCE)) {
            String value = root.get(DRIFT_REFERENCE).isTextual() ? root.get(DRIFT_REFERENCE).asText() : "";
            driftReference = java.util.Arrays.stream(DriftReference.values())
                    .filter(reference -> reference.key().equals(value)).findFirst()
                    .orElseThrow(() -> reader.invalid(DRIFT_REFERENCE, "other_designs or none"));
        }
        Map<Metric, Double> phaseNoise = root.has(PHASE_NOISE) ? reader.phaseNoise(root.get(PHASE_NOISE))
                : defaults.phaseNoise;
        return new GateConfig(file.toString(), maxRegression, confidence, resamples, seed, minReads, minIntervals,
                failWithout, planShape, compare, budgets, driftReference, phaseNoise);
    }

    private GateConfig withSource(String newSource) {
        return new GateConfig(newSource, maxRegression, confidence, resamples, seed, minReadsPerInterval,
                minIntervals, failWithoutNoiseData, planShape, compare, budgets, driftReference, phaseNoise);
    }

    /** Validates values, naming the file and key in every message. */
    private record Reader(Path file) {

        IllegalArgumentException invalid(String key, String rule) {
            return new IllegalArgumentException(file + ": key '" + key + "': " + rule);
        }

        double percent(String key, JsonNode value) {
            try {
                double fraction = percentage(value.isTextual() ? value.asText() : null);
                if (fraction <= 0 || fraction > 10) {
                    throw invalid(key, "a percentage above 0% and at most 1000%");
                }
                return fraction;
            } catch (IllegalArgumentException e) {
                if (e.getMessage().startsWith(file.toString())) {
                    throw e;
                }
                throw invalid(key, "a percentage such as 10%, got '" + value.asText() + "'");
            }
        }

        long whole(String key, JsonNode value, long fallback, long min, long max) {
            if (value == null) {
                return fallback;
            }
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < min
                    || value.asLong() > max) {
                throw invalid(key, "a whole number from " + min + " to " + max + ", got '" + value.asText() + "'");
            }
            return value.asLong();
        }

        Map<Metric, Double> compare(JsonNode node) {
            if (!node.isObject()) {
                throw invalid(COMPARE, "a mapping of metric names to thresholds (for example storage.p99_ms: 30%)");
            }
            Map<Metric, Double> compare = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = COMPARE + "." + field.getKey();
                Metric metric = metric(key, field.getKey());
                JsonNode value = field.getValue();
                compare.put(metric, value == null || value.isNull() ? null : percent(key, value));
            }
            return Collections.unmodifiableMap(compare);
        }

        Map<Metric, Double> phaseNoise(JsonNode node) {
            if (!node.isObject()) {
                throw invalid(PHASE_NOISE, "a mapping of metric names to noise (for example service.p99_ms: 10%)");
            }
            Map<Metric, Double> noise = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = PHASE_NOISE + "." + field.getKey();
                Metric metric = metric(key, field.getKey());
                boolean jmh = metric.noise().source() == Metric.Noise.Source.JMH_ERROR;
                if (metric.noise().intervalLog() == null && !jmh) {
                    throw invalid(key, "phase noise applies to metrics with a noise model (storage.* and service.*"
                            + " latency and throughput, JMH means)");
                }
                JsonNode value = field.getValue();
                double fraction;
                try {
                    fraction = percentage(value != null && value.isTextual() ? value.asText() : null);
                } catch (IllegalArgumentException e) {
                    throw invalid(key, "a percentage such as 10%, got '" + (value == null ? "" : value.asText())
                            + "'");
                }
                if (fraction < 0 || fraction > 1) {
                    throw invalid(key, "a percentage from 0% to 100%");
                }
                noise.put(metric, fraction);
            }
            return Collections.unmodifiableMap(noise);
        }

        Map<String, Map<Metric, Double>> budgets(JsonNode node) {
            if (!node.isObject()) {
                throw invalid(BUDGETS, "a mapping of design names (or \"*\") to metric limits");
            }
            Map<String, Map<Metric, Double>> budgets = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> design : node.properties()) {
                String designKey = BUDGETS + "." + design.getKey();
                if (!design.getKey().equals(EVERY_DESIGN) && DesignRegistry.find(design.getKey()).isEmpty()) {
                    throw invalid(designKey, "unknown design (known: " + String.join(", ", DesignRegistry.names())
                            + ", or \"*\" for every design)");
                }
                if (!design.getValue().isObject()) {
                    throw invalid(designKey, "a mapping of metric names to limits (for example storage.p99_ms:"
                            + " 50 ms)");
                }
                Map<Metric, Double> limits = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : design.getValue().properties()) {
                    String key = designKey + "." + field.getKey();
                    Metric metric = metric(key, field.getKey());
                    limits.put(metric, quantity(key, metric, field.getValue()));
                }
                budgets.put(design.getKey(), Collections.unmodifiableMap(limits));
            }
            return Collections.unmodifiableMap(budgets);
        }

        Metric metric(String key, String name) {
            Metric metric = Metric.ALL.get(name);
            if (metric == null) {
                throw invalid(key, "unknown metric (known: " + String.join(", ", Metric.ALL.keySet()) + ")");
            }
            return metric;
        }

        /** A limit in the metric's unit: a plain number, or a number with a unit (ms, s, us; B, kB, MB, MiB...). */
        double quantity(String key, Metric metric, JsonNode value) {
            String rule = switch (metric.unit()) {
                case MILLISECONDS -> "a duration such as 100 ms or 1.5 s";
                case BYTES -> "a size such as 64 MB, 2 GiB or a number of bytes";
                case OPS_PER_SECOND -> "a rate such as 500 or 500/s";
                case COUNT -> "a whole number";
                case RATIO -> "a ratio between 0 and 1";
            };
            if (value.isNumber()) {
                if (metric.unit() == Metric.Unit.COUNT && !value.isIntegralNumber() || value.asDouble() < 0) {
                    throw invalid(key, rule + ", got '" + value.asText() + "'");
                }
                return value.asDouble();
            }
            Matcher matcher = value.isTextual() ? QUANTITY.matcher(value.asText()) : null;
            if (matcher == null || !matcher.matches()) {
                throw invalid(key, rule + ", got '" + value.asText() + "'");
            }
            double number = Double.parseDouble(matcher.group(1));
            Double factor = factor(metric.unit(), matcher.group(2));
            if (factor == null) {
                throw invalid(key, rule + ", got '" + value.asText() + "'");
            }
            return number * factor;
        }

        private static Double factor(Metric.Unit unit, String suffix) {
            if (suffix.isEmpty()) {
                return 1.0;
            }
            return switch (unit) {
                case MILLISECONDS -> switch (suffix) {
                    case "ns" -> 1e-6;
                    case "us", "µs" -> 1e-3;
                    case "ms" -> 1.0;
                    case "s" -> 1000.0;
                    default -> null;
                };
                case BYTES -> switch (suffix) {
                    case "B" -> 1.0;
                    case "kB", "KB" -> 1e3;
                    case "MB" -> 1e6;
                    case "GB" -> 1e9;
                    case "TB" -> 1e12;
                    case "KiB" -> 1024.0;
                    case "MiB" -> 1024.0 * 1024;
                    case "GiB" -> 1024.0 * 1024 * 1024;
                    case "TiB" -> 1024.0 * 1024 * 1024 * 1024;
                    default -> null;
                };
                case OPS_PER_SECOND -> suffix.equals("/s") || suffix.equals("ops/s") ? 1.0 : null;
                case COUNT, RATIO -> null;
            };
        }
    }
}
