package dev.schemabench.suite;

import dev.schemabench.catalog.Membership;
import dev.schemabench.catalog.UpdateSkew;
import dev.schemabench.catalog.KeyDistribution;
import dev.schemabench.shared.DurationText;
import dev.schemabench.design.DesignContext;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.results.Targets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The effective configuration of a comparison. Every key has a named constant and a default; values come, in
 * increasing precedence, from the defaults, the profile file, and the command line. {@link #sources()} says where
 * each value came from, and both are echoed into results.json. Immutable.
 *
 * @param profile   profile name or file
 * @param products  catalog size
 * @param recs      recommendations per product
 * @param seed      data and key-sequence seed
 * @param churn     share of lists a weekly batch changes
 * @param rate      target arrival rate of storage-level reads, per second
 * @param duration  measured read time per design, split into {@code slices}
 * @param warmup    unmeasured read time per design before measuring
 * @param slices    number of alternating slices the measured time is split into
 * @param precision the precision asked of the storage-level P99 instead of a fixed length ({@link PrecisionGoal})
 * @param threads   concurrent reader threads
 * @param pool      database connections per design
 * @param sample    products checked by the equivalence check
 * @param limit     items asked for per read
 * @param designs   designs to compare, in order
 * @param settle    reads before a weekly refresh, between its activation and rollback, and after
 * @param churnWeeks weekly batches staged after the refresh to show the cost of versioning
 * @param retain    batches the retention policy keeps
 * @param calibrationRate     arrival rate of the fixed-rate comparison with pgbench; 0 skips the calibration
 * @param calibrationDuration time of each calibration measurement
 * @param calibrationRounds   rounds of each calibration comparison, pgbench and the harness taking turns to go first
 * @param calibrationBulk     whether to time each PostgreSQL design's bulk path against psql's \copy of the same rows
 * @param scale     catalog sizes of the scale curve; empty for none
 * @param scaleDuration measured read time per size of the scale curve
 * @param capacityRates arrival rates of the service-level capacity sweep, ascending; empty for none
 * @param capacityStep  measured time per rate of the capacity sweep
 * @param jmhWarmup  time of the one warm-up iteration of the JMH point-read benchmark (0 for none)
 * @param jmhIterations measured iterations of the JMH point-read benchmark; 0 skips the JMH benchmarks
 * @param jmhTime    time of each measured JMH point-read iteration
 * @param jmhStageWarmups unmeasured single shots of the JMH batch-stage benchmark before the measured ones
 * @param jmhStageIterations measured single shots of the JMH batch-stage benchmark
 * @param httpOverheadDuration measured time per design of the HTTP-overhead stage (storage level and HTTP, in
 *                  alternating slices at {@code rate}); 0 skips it; it runs only with the service level on
 * @param membership how the generator picks the products a list recommends (skewed by popularity or uniform)
 * @param updates   the product-update stage: stream rate, skew, length and strategies
 * @param keyDistribution which products reads ask for ({@link KeyDistribution}; zipf:0.99 by default)
 * @param sources   where each key's value came from
 * @param serviceLevel    whether the service-level stage (Gatling over HTTP) runs
 * @param serviceRate     arrival rate of service-level reads (Gatling), per second
 * @param serviceDuration measured Gatling read time per design
 * @param serviceWarmup   unmeasured Gatling read time per design before measuring
 * @param serviceSettle   Gatling reads before, during and after the weekly refresh through the admin API
 * @param serviceP99Ms    the P99 bound of the Gatling assertion, milliseconds (the SLO)
 * @param cache     the cache stage's settings ({@link CacheOptions})
 * @param targets   the architect's targets and prices the report's recommendation judges designs against
 */
public record CompareConfig(String profile, int products, int recs, long seed, double churn, double rate,
                            Duration duration, Duration warmup, int slices, PrecisionGoal precision, int threads,
                            int pool, int sample,
                            int limit, List<String> designs, Duration settle, int churnWeeks, int retain,
                            double calibrationRate, Duration calibrationDuration, int calibrationRounds,
                            boolean calibrationBulk,
                            List<Integer> scale,
                            Duration scaleDuration, boolean serviceLevel, double serviceRate,
                            Duration serviceDuration, Duration serviceWarmup, Duration serviceSettle,
                            int serviceP99Ms, List<Integer> capacityRates, Duration capacityStep,
                            Duration jmhWarmup, int jmhIterations, Duration jmhTime, int jmhStageWarmups,
                            int jmhStageIterations, Duration httpOverheadDuration,
                            Membership membership, UpdateSettings updates, CacheOptions cache,
                            KeyDistribution keyDistribution, Targets targets, Map<String, String> sources) {

    public static final String PRODUCTS = "products";
    public static final String RECS = "recs";
    public static final String SEED = "seed";
    public static final String CHURN = "churn";
    public static final String RATE = "rate";
    public static final String DURATION = "duration";
    public static final String WARMUP = "warmup";
    public static final String SLICES = "slices";
    public static final String THREADS = "threads";
    public static final String POOL = "pool";
    public static final String SAMPLE = "sample";
    public static final String LIMIT = "limit";
    public static final String DESIGNS = "designs";
    public static final String SETTLE = "settle";
    public static final String CHURN_WEEKS = "churn_weeks";
    public static final String RETAIN = "retain";
    public static final String CALIBRATION_RATE = "calibration_rate";
    public static final String CALIBRATION_DURATION = "calibration_duration";
    public static final String CALIBRATION_ROUNDS = "calibration_rounds";
    public static final String CALIBRATION_BULK = "calibration_bulk";
    public static final String SCALE = "scale";
    public static final String SCALE_DURATION = "scale_duration";
    public static final String CAPACITY_RATES = "capacity_rates";
    public static final String CAPACITY_STEP = "capacity_step";
    public static final String SERVICE_LEVEL = "service_level";
    public static final String SERVICE_RATE = "service_rate";
    public static final String SERVICE_DURATION = "service_duration";
    public static final String SERVICE_WARMUP = "service_warmup";
    public static final String SERVICE_SETTLE = "service_settle";
    public static final String SERVICE_P99_MS = "service_p99_ms";
    public static final String JMH_WARMUP = "jmh_warmup";
    public static final String JMH_ITERATIONS = "jmh_iterations";
    public static final String JMH_TIME = "jmh_time";
    public static final String JMH_STAGE_WARMUPS = "jmh_stage_warmups";
    public static final String JMH_STAGE_ITERATIONS = "jmh_stage_iterations";
    public static final String HTTP_OVERHEAD_DURATION = "http_overhead_duration";
    public static final String MEMBERSHIP = "membership";
    public static final String UPDATE_RATE = "update_rate";
    public static final String UPDATE_SKEW = "update_skew";
    public static final String UPDATE_DURATION = "update_duration";
    public static final String UPDATE_STRATEGY = "update_strategy";
    public static final String UPDATE_UNKNOWN = "update_unknown";
    public static final String KEY_DISTRIBUTION = "key_distribution";
    public static final String PRECISION = "precision";
    public static final String PRECISION_CAP = "precision_cap";

    /** Every key with its default, in the order they are documented. */
    public static final Map<String, String> DEFAULTS = defaults();

    public static final String DEFAULT_PROFILE = "standard";

    /** What each key means, with its unit: one line each, in {@link #DEFAULTS} order (docs/configuration.md). */
    public static final Map<String, String> DESCRIPTIONS = descriptions();

    private static Map<String, String> descriptions() {
        Map<String, String> meaning = new LinkedHashMap<>();
        meaning.put(PRODUCTS, "catalog size (products generated)");
        meaning.put(RECS, "recommendations per product, 1 to 100, below products");
        meaning.put(SEED, "seed of the data and of the key sequence");
        meaning.put(CHURN, "share of lists a weekly batch changes, 0 to 1");
        meaning.put(RATE, "storage-level reads per second, per design (open model)");
        meaning.put(DURATION, "measured storage-level read time per design");
        meaning.put(WARMUP, "unmeasured read time per design before measuring");
        meaning.put(SLICES, "alternating slices the measured time is split into");
        meaning.put(PRECISION, "off, or the precision asked of every design's storage-level P99, e.g. 10% (its 95 %"
                + " interval within ±10 %): slices are added after duration until reached or precision_cap");
        meaning.put(PRECISION_CAP, "with precision: the most storage-level time measured per design, duration"
                + " included");
        meaning.put(THREADS, "reader threads (storage level, JMH point reads)");
        meaning.put(POOL, "database connections per design");
        meaning.put(SAMPLE, "products the equivalence check compares");
        meaning.put(LIMIT, "items asked for per read, 1 to 100");
        meaning.put(DESIGNS, "designs to compare, comma-separated, in order; one named twice runs again as an"
                + " independent copy, jsonb#2 (an A/A check)");
        meaning.put(SETTLE, "reads before, between the steps of, and after the weekly refresh");
        meaning.put(CHURN_WEEKS, "weekly batches staged after the refresh, to show what versioning costs");
        meaning.put(RETAIN, "batches the retention policy keeps");
        meaning.put(CALIBRATION_RATE, "reads per second of the fixed-rate comparison with pgbench; 0 skips the"
                + " calibration");
        meaning.put(CALIBRATION_DURATION, "time of each calibration measurement");
        meaning.put(CALIBRATION_ROUNDS, "rounds per calibration comparison, pgbench and the harness taking turns to"
                + " go first");
        meaning.put(CALIBRATION_BULK, "time each PostgreSQL design's bulk path against psql \\copy (on/off)");
        meaning.put(SCALE, "catalog sizes of the scale curve, comma-separated; empty for none");
        meaning.put(SCALE_DURATION, "measured read time per size of the scale curve");
        meaning.put(CAPACITY_RATES, "Gatling arrival rates of the capacity sweep, ascending; empty for none");
        meaning.put(CAPACITY_STEP, "measured time per rate of the capacity sweep");
        meaning.put(SERVICE_LEVEL, "run the service level: the HTTP service driven by Gatling (on/off)");
        meaning.put(SERVICE_RATE, "Gatling reads per second through the service, per design");
        meaning.put(SERVICE_DURATION, "measured Gatling read time per design");
        meaning.put(SERVICE_WARMUP, "unmeasured Gatling read time per design");
        meaning.put(SERVICE_SETTLE, "Gatling reads before, during and after the refresh through the admin API");
        meaning.put(SERVICE_P99_MS, "the service-level objective: Gatling's P99 assertion, milliseconds");
        meaning.put(JMH_WARMUP, "the one warm-up iteration of the JMH point-read benchmark (0 for none)");
        meaning.put(JMH_ITERATIONS, "measured JMH point-read iterations; 0 skips JMH");
        meaning.put(JMH_TIME, "time per measured JMH point-read iteration, at least 100ms");
        meaning.put(JMH_STAGE_WARMUPS, "unmeasured JMH batch-stage shots per design");
        meaning.put(JMH_STAGE_ITERATIONS, "measured JMH batch-stage shots per design");
        meaning.put(HTTP_OVERHEAD_DURATION, "per design, reads in process vs over HTTP at rate; 0 skips it");
        meaning.put(MEMBERSHIP, "how lists pick recommended products: skewed (by popularity) or uniform; changes the"
                + " data");
        meaning.put(UPDATE_RATE, "product updates per second while reads go on (docs/updates.md); 0 skips them (the built-in"
                + " profiles turn them on)");
        meaning.put(UPDATE_SKEW, "which products change: reads (as popular as they are viewed) or uniform");
        meaning.put(UPDATE_DURATION, "update stream time per design and strategy");
        meaning.put(UPDATE_STRATEGY, "apply (rewrite copies), defer (until the next batch) or both");
        meaning.put(UPDATE_UNKNOWN, "share of updates aimed at products the catalog lacks, 0 to 1");
        meaning.putAll(CacheOptions.descriptions());
        meaning.putAll(Targets.descriptions());
        meaning.put(KEY_DISTRIBUTION, "which products the storage-level reads ask for: zipf:EXPONENT (any above 0),"
                + " uniform, hotset:FRACTION:SHARE, file:PATH[:replay|:sample]");
        return Collections.unmodifiableMap(meaning);
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(PRODUCTS, "100000");
        defaults.put(RECS, "20");
        defaults.put(SEED, "42");
        defaults.put(CHURN, "0.30");
        defaults.put(RATE, "1000");
        defaults.put(DURATION, "60s");
        defaults.put(WARMUP, "10s");
        defaults.put(SLICES, "12");
        defaults.put(PRECISION, "off");
        defaults.put(PRECISION_CAP, "5m");
        defaults.put(THREADS, "4");
        defaults.put(POOL, "4");
        defaults.put(SAMPLE, "200");
        defaults.put(LIMIT, "10");
        defaults.put(DESIGNS, "jsonb,normalized");
        defaults.put(SETTLE, "5s");
        defaults.put(CHURN_WEEKS, "3");
        defaults.put(RETAIN, "2");
        defaults.put(CALIBRATION_RATE, "5000");
        defaults.put(CALIBRATION_DURATION, "10s");
        defaults.put(CALIBRATION_ROUNDS, "3");
        defaults.put(CALIBRATION_BULK, "on");
        defaults.put(SCALE, "");
        defaults.put(SCALE_DURATION, "20s");
        defaults.put(CAPACITY_RATES, "");
        defaults.put(CAPACITY_STEP, "15s");
        defaults.put(SERVICE_LEVEL, "on");
        defaults.put(SERVICE_RATE, "300");
        defaults.put(SERVICE_DURATION, "30s");
        defaults.put(SERVICE_WARMUP, "5s");
        defaults.put(SERVICE_SETTLE, "5s");
        defaults.put(SERVICE_P99_MS, "100");
        defaults.put(JMH_WARMUP, "5s");
        defaults.put(JMH_ITERATIONS, "3");
        defaults.put(JMH_TIME, "10s");
        defaults.put(JMH_STAGE_WARMUPS, "1");
        defaults.put(JMH_STAGE_ITERATIONS, "3");
        defaults.put(HTTP_OVERHEAD_DURATION, "12s");
        defaults.put(MEMBERSHIP, "skewed");
        defaults.put(UPDATE_RATE, "0");
        defaults.put(UPDATE_SKEW, "reads");
        defaults.put(UPDATE_DURATION, "20s");
        defaults.put(UPDATE_STRATEGY, "both");
        defaults.put(UPDATE_UNKNOWN, "0.01");
        defaults.putAll(CacheOptions.defaults());
        defaults.putAll(Targets.defaults());
        defaults.put(KEY_DISTRIBUTION, KeyDistribution.DEFAULT.describe());
        return Collections.unmodifiableMap(defaults);
    }

    /** Values as text with their sources, validated together by {@link #build}. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        private final Map<String, String> sources = new LinkedHashMap<>();
        private String profile = DEFAULT_PROFILE;

        public Builder() {
            DEFAULTS.keySet().forEach(key -> sources.put(key, "default"));
        }

        public Builder profile(String name) {
            this.profile = name;
            return this;
        }

        /** Sets {@code key}; {@code source} names where it came from (for example {@code command line}). */
        public Builder set(String key, String value, String source) {
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' (known: "
                        + String.join(", ", DEFAULTS.keySet()) + ")");
            }
            values.put(key, value);
            sources.put(key, source);
            return this;
        }

        /** Validates every value; the message names the key and the rule. */
        public CompareConfig build() {
            int products = positiveInt(PRODUCTS);
            int recs = positiveInt(RECS);
            if (recs > 100) {
                throw invalid(RECS, "at most 100");
            }
            if (recs >= products) {
                throw invalid(RECS, "must be below products (" + products + ")");
            }
            double churn = number(CHURN);
            if (churn < 0 || churn > 1) {
                throw invalid(CHURN, "a share between 0 and 1");
            }
            double rate = number(RATE);
            if (rate <= 0 || rate > 1_000_000) {
                throw invalid(RATE, "reads per second above 0 and at most 1000000");
            }
            Duration duration = duration(DURATION);
            Duration warmup = duration(WARMUP);
            if (duration.isZero()) {
                throw invalid(DURATION, "must be above 0");
            }
            int slices = positiveInt(SLICES);
            int limit = positiveInt(LIMIT);
            if (limit > 100) {
                throw invalid(LIMIT, "at most 100");
            }
            return new CompareConfig(profile, products, recs, longValue(SEED), churn, rate, duration, warmup, slices,
                    precision(duration), positiveInt(THREADS), positiveInt(POOL), positiveInt(SAMPLE), limit, designs(),
                    duration(SETTLE),
                    positiveInt(CHURN_WEEKS), positiveInt(RETAIN), nonNegative(CALIBRATION_RATE),
                    duration(CALIBRATION_DURATION), positiveInt(CALIBRATION_ROUNDS), onOff(CALIBRATION_BULK),
                    sizes(SCALE), duration(SCALE_DURATION), onOff(SERVICE_LEVEL),
                    serviceRate(), serviceDuration(), duration(SERVICE_WARMUP), duration(SERVICE_SETTLE),
                    positiveInt(SERVICE_P99_MS), sizes(CAPACITY_RATES), duration(CAPACITY_STEP),
                    duration(JMH_WARMUP), nonNegativeInt(JMH_ITERATIONS),
                    jmhTime(), nonNegativeInt(JMH_STAGE_WARMUPS), positiveInt(JMH_STAGE_ITERATIONS),
                    httpOverheadDuration(), membership(), updates(), CacheOptions.parse(values::get, this::invalid),
                    keyDistribution(), Targets.parse(values::get, this::invalid),
                    Collections.unmodifiableMap(new LinkedHashMap<>(sources)));
        }

        private PrecisionGoal precision(Duration duration) {
            Double target = PrecisionGoal.parseTarget(values.get(PRECISION));
            if (target == null) {
                throw invalid(PRECISION, "off, or a percentage above 0 and below 100 such as 10%");
            }
            Duration cap = duration(PRECISION_CAP);
            if (target > 0 && cap.compareTo(duration) < 0) {
                throw invalid(PRECISION_CAP, "at least duration (" + DurationText.format(duration) + ")");
            }
            return new PrecisionGoal(target, cap);
        }

        private Membership membership() {
            try {
                return Membership.parse(values.get(MEMBERSHIP));
            } catch (IllegalArgumentException e) {
                throw invalid(MEMBERSHIP, "skewed or uniform");
            }
        }

        private UpdateSettings updates() {
            double rate = number(UPDATE_RATE);
            if (rate < 0 || rate > 100_000) {
                throw invalid(UPDATE_RATE, "updates per second, 0 (off) to 100000");
            }
            UpdateSkew skew;
            try {
                skew = UpdateSkew.parse(values.get(UPDATE_SKEW));
            } catch (IllegalArgumentException e) {
                throw invalid(UPDATE_SKEW, "reads or uniform");
            }
            List<UpdateSettings.Strategy> strategies = UpdateSettings.parseStrategies(values.get(UPDATE_STRATEGY));
            if (strategies == null) {
                throw invalid(UPDATE_STRATEGY, "apply, defer or both");
            }
            double unknown = number(UPDATE_UNKNOWN);
            if (unknown < 0 || unknown > 1) {
                throw invalid(UPDATE_UNKNOWN, "a share between 0 and 1");
            }
            return new UpdateSettings(rate, skew, duration(UPDATE_DURATION), unknown, strategies);
        }

        private boolean onOff(String key) {
            return switch (values.get(key).trim().toLowerCase(Locale.ROOT)) {
                case "on", "true", "yes" -> true;
                case "off", "false", "no" -> false;
                default -> throw invalid(key, "on or off");
            };
        }

        private double serviceRate() {
            double rate = number(SERVICE_RATE);
            if (rate <= 0 || rate > 100_000) {
                throw invalid(SERVICE_RATE, "requests per second above 0 and at most 100000");
            }
            return rate;
        }

        private Duration serviceDuration() {
            Duration duration = duration(SERVICE_DURATION);
            if (duration.isZero()) {
                throw invalid(SERVICE_DURATION, "must be above 0");
            }
            return duration;
        }

        /**
         * The key distribution; only the default until the JMH and Gatling child processes and the refresh under load
         * draw the same keys, so no stage reads under a label it did not use.
         */
        private KeyDistribution keyDistribution() {
            KeyDistribution distribution;
            try {
                distribution = KeyDistribution.parse(values.get(KEY_DISTRIBUTION));
            } catch (IllegalArgumentException e) {
                throw invalid(KEY_DISTRIBUTION, e.getMessage());
            }
            if (!distribution.equals(KeyDistribution.DEFAULT) && (nonNegativeInt(JMH_ITERATIONS) > 0
                    || onOff(SERVICE_LEVEL))) {
                throw invalid(KEY_DISTRIBUTION, "only the storage-level reads draw it yet: set jmh_iterations = 0 and"
                        + " service_level = off with it");
            }
            return distribution;
        }

        private List<String> designs() {
            LinkedHashSet<String> names = new LinkedHashSet<>();
            for (String part : values.get(DESIGNS).split(",")) {
                String name = part.trim().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                if (DesignRegistry.find(name).isEmpty()) {
                    throw invalid(DESIGNS, "unknown design '" + name + "' (known: "
                            + String.join(", ", DesignRegistry.names()) + ")");
                }
                String instance = name;
                for (int copy = 2; names.contains(instance); copy++) {
                    instance = DesignRegistry.baseName(name) + DesignContext.COPY_MARK + copy;
                }
                if (DesignRegistry.find(instance).isEmpty()) {
                    throw invalid(DESIGNS, "too many copies of '" + name + "'");
                }
                names.add(instance);
            }
            if (names.isEmpty()) {
                throw invalid(DESIGNS, "name at least one design");
            }
            return List.copyOf(new ArrayList<>(names));
        }

        private List<Integer> sizes(String key) {
            List<Integer> sizes = new ArrayList<>();
            for (String part : values.get(key).split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    int size = Integer.parseInt(part.trim().replace("_", ""));
                    if (size < 2) {
                        throw new NumberFormatException();
                    }
                    sizes.add(size);
                } catch (NumberFormatException e) {
                    throw invalid(key, "comma-separated catalog sizes of at least 2");
                }
            }
            return List.copyOf(sizes);
        }

        private double nonNegative(String key) {
            double value = number(key);
            if (value < 0) {
                throw invalid(key, "0 or more");
            }
            return value;

        }

        private Duration httpOverheadDuration() {
            Duration time = duration(HTTP_OVERHEAD_DURATION);
            if (!time.isZero() && time.toMillis() < 1000) {
                throw invalid(HTTP_OVERHEAD_DURATION, "0 (skip) or at least 1s");
            }
            return time;
        }

        private Duration jmhTime() {
            Duration time = duration(JMH_TIME);
            if (time.toMillis() < 100) {
                throw invalid(JMH_TIME, "at least 100ms");
            }
            return time;
        }

        private int nonNegativeInt(String key) {
            long value = longValue(key);
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw invalid(key, "a whole number, 0 or above");
            }
            return (int) value;
        }

        private int positiveInt(String key) {
            long value = longValue(key);
            if (value <= 0 || value > Integer.MAX_VALUE) {
                throw invalid(key, "a whole number above 0");
            }
            return (int) value;
        }

        private long longValue(String key) {
            try {
                return Long.parseLong(values.get(key).trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw invalid(key, "a whole number");
            }
        }

        private double number(String key) {
            try {
                double value = Double.parseDouble(values.get(key).trim());
                if (!Double.isFinite(value)) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw invalid(key, "a number");
            }
        }

        private Duration duration(String key) {
            try {
                return DurationText.parse(values.get(key));
            } catch (IllegalArgumentException e) {
                throw invalid(key, "a duration such as 20s or 2m");
            }
        }

        private IllegalArgumentException invalid(String key, String rule) {
            return new IllegalArgumentException("'" + key + "' = '" + values.get(key) + "' (from " + sources.get(key)
                    + ") is not valid: " + rule);
        }
    }

    /** The effective values as text, in documented key order, for results.json. */
    public Map<String, Object> effectiveValues() {
        Map<String, Object> effective = new LinkedHashMap<>();
        effective.put("profile", profile);
        effective.put(PRODUCTS, products);
        effective.put(RECS, recs);
        effective.put(SEED, seed);
        effective.put(CHURN, churn);
        effective.put(RATE, rate);
        effective.put(DURATION, DurationText.format(duration));
        effective.put(WARMUP, DurationText.format(warmup));
        effective.put(SLICES, slices);
        effective.put(PRECISION, precision.describe());
        effective.put(PRECISION_CAP, DurationText.format(precision.cap()));
        effective.put(THREADS, threads);
        effective.put(POOL, pool);
        effective.put(SAMPLE, sample);
        effective.put(LIMIT, limit);
        effective.put(DESIGNS, designs);
        effective.put(SETTLE, DurationText.format(settle));
        effective.put(CHURN_WEEKS, churnWeeks);
        effective.put(RETAIN, retain);
        effective.put(CALIBRATION_RATE, calibrationRate);
        effective.put(CALIBRATION_DURATION, DurationText.format(calibrationDuration));
        effective.put(CALIBRATION_ROUNDS, calibrationRounds);
        effective.put(CALIBRATION_BULK, calibrationBulk ? "on" : "off");
        effective.put(SCALE, scale);
        effective.put(SCALE_DURATION, DurationText.format(scaleDuration));
        effective.put(CAPACITY_RATES, capacityRates);
        effective.put(CAPACITY_STEP, DurationText.format(capacityStep));
        effective.put(SERVICE_LEVEL, serviceLevel ? "on" : "off");
        effective.put(SERVICE_RATE, serviceRate);
        effective.put(SERVICE_DURATION, DurationText.format(serviceDuration));
        effective.put(SERVICE_WARMUP, DurationText.format(serviceWarmup));
        effective.put(SERVICE_SETTLE, DurationText.format(serviceSettle));
        effective.put(SERVICE_P99_MS, serviceP99Ms);
        effective.put(JMH_WARMUP, DurationText.format(jmhWarmup));
        effective.put(JMH_ITERATIONS, jmhIterations);
        effective.put(JMH_TIME, DurationText.format(jmhTime));
        effective.put(JMH_STAGE_WARMUPS, jmhStageWarmups);
        effective.put(JMH_STAGE_ITERATIONS, jmhStageIterations);
        effective.put(HTTP_OVERHEAD_DURATION, DurationText.format(httpOverheadDuration));
        effective.put(MEMBERSHIP, membership.key());
        effective.put(UPDATE_RATE, updates.ratePerS());
        effective.put(UPDATE_SKEW, updates.skew().key());
        effective.put(UPDATE_DURATION, DurationText.format(updates.duration()));
        effective.put(UPDATE_STRATEGY, updates.strategies().size() > 1 ? "both" : updates.strategies().get(0).key());
        effective.put(UPDATE_UNKNOWN, updates.unknownShare());
        cache.putEffective(effective);
        effective.put(KEY_DISTRIBUTION, keyDistribution.describe());
        targets.putEffective(effective);
        return effective;
    }
}
