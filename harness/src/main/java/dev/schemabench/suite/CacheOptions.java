package dev.schemabench.suite;

import dev.schemabench.cache.CacheKind;
import dev.schemabench.cache.CachePolicy;
import dev.schemabench.cache.RedisServerControl;
import dev.schemabench.shared.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The cache stage's part of the configuration ({@link CompareConfig}'s {@code cache*} and {@code redis_url} keys).
 * Immutable.
 *
 * @param kinds         cache kinds measured, in order; empty skips the stage
 * @param policies      invalidation policies measured per kind
 * @param sizePercent   the cache size of the main measurement, in percent of the catalog's products
 * @param sweepPercent  cache sizes of the size sweep, percent of products, ascending; empty for none
 * @param ttl           time to live of an entry under the ttl policy
 * @param checkInterval how often a cache asks the database which batch is active
 * @param duration      measured read time of each cache configuration at steady state, per design
 * @param settle        reads after an activation (the miss storm) and after an activation elsewhere (stale reads)
 * @param failure       whether the Redis failure phase runs (stop and restart the embedded server)
 * @param redisUrl      an existing Redis server, or null to start an embedded one
 */
public record CacheOptions(List<CacheKind> kinds, List<CachePolicy> policies, double sizePercent,
                           List<Double> sweepPercent, Duration ttl, Duration checkInterval, Duration duration,
                           Duration settle, boolean failure, String redisUrl) {

    public static final String CACHE = "cache";
    public static final String CACHE_POLICIES = "cache_policies";
    public static final String CACHE_SIZE = "cache_size";
    public static final String CACHE_SWEEP = "cache_sweep";
    public static final String CACHE_TTL = "cache_ttl";
    public static final String CACHE_CHECK_INTERVAL = "cache_check_interval";
    public static final String CACHE_DURATION = "cache_duration";
    public static final String CACHE_SETTLE = "cache_settle";
    public static final String CACHE_FAILURE = "cache_failure";
    public static final String REDIS_URL = "redis_url";

    /** The keys with their defaults, in documented order. */
    static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(CACHE, "caffeine,redis");
        defaults.put(CACHE_POLICIES, "versioned,ttl");
        defaults.put(CACHE_SIZE, "5");
        defaults.put(CACHE_SWEEP, "1,5,20");
        defaults.put(CACHE_TTL, "2s");
        defaults.put(CACHE_CHECK_INTERVAL, "1s");
        defaults.put(CACHE_DURATION, "6s");
        defaults.put(CACHE_SETTLE, "3s");
        defaults.put(CACHE_FAILURE, "on");
        defaults.put(REDIS_URL, "");
        return defaults;
    }

    /** What each key means, one line each. */
    static Map<String, String> descriptions() {
        Map<String, String> meaning = new LinkedHashMap<>();
        meaning.put(CACHE, "cache kinds the cache stage puts in front of each design: caffeine, redis; off skips it");
        meaning.put(CACHE_POLICIES, "cache invalidation policies measured: versioned (batch id in the key), ttl");
        meaning.put(CACHE_SIZE, "cache size of the main cache measurement, percent of products (above 0, at most 100)");
        meaning.put(CACHE_SWEEP, "cache sizes of the size sweep, percent of products, comma-separated; empty for none");
        meaning.put(CACHE_TTL, "time to live of a cached answer under the ttl policy");
        meaning.put(CACHE_CHECK_INTERVAL, "how often a cache asks the database which batch is active");
        meaning.put(CACHE_DURATION, "measured read time per design of each cache configuration at steady state");
        meaning.put(CACHE_SETTLE, "reads after an activation (miss storm) and after one made elsewhere (stale reads)");
        meaning.put(CACHE_FAILURE, "stop and restart the embedded Redis during reads (on/off)");
        meaning.put(REDIS_URL, "an existing Redis (redis://HOST:PORT) instead of the embedded one; --redis-url");
        return meaning;
    }

    /**
     * Reads the keys.
     *
     * @param value   the text value of a key
     * @param invalid the error naming a key and the rule it broke
     */
    static CacheOptions parse(Function<String, String> value,
                              BiFunction<String, String, IllegalArgumentException> invalid) {
        List<CacheKind> kinds = new ArrayList<>();
        String kindText = value.apply(CACHE).trim().toLowerCase(Locale.ROOT);
        if (!kindText.equals("off") && !kindText.isEmpty()) {
            LinkedHashSet<CacheKind> unique = new LinkedHashSet<>();
            for (String part : kindText.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    unique.add(CacheKind.parse(part));
                } catch (IllegalArgumentException e) {
                    throw invalid.apply(CACHE, "caffeine, redis, both comma-separated, or off");
                }
            }
            kinds.addAll(unique);
        }
        LinkedHashSet<CachePolicy> policies = new LinkedHashSet<>();
        for (String part : value.apply(CACHE_POLICIES).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                policies.add(CachePolicy.parse(part));
            } catch (IllegalArgumentException e) {
                throw invalid.apply(CACHE_POLICIES, "versioned, ttl, or both comma-separated");
            }
        }
        if (policies.isEmpty() && !kinds.isEmpty()) {
            throw invalid.apply(CACHE_POLICIES, "name at least one policy: versioned, ttl");
        }
        double size = percent(CACHE_SIZE, value.apply(CACHE_SIZE), invalid);
        List<Double> sweep = new ArrayList<>();
        for (String part : value.apply(CACHE_SWEEP).split(",")) {
            if (!part.isBlank()) {
                sweep.add(percent(CACHE_SWEEP, part, invalid));
            }
        }
        sweep.sort(null);
        Duration ttl = duration(CACHE_TTL, value, invalid);
        if (ttl.isZero()) {
            throw invalid.apply(CACHE_TTL, "above 0");
        }
        Duration interval = duration(CACHE_CHECK_INTERVAL, value, invalid);
        if (interval.toMillis() < 10) {
            throw invalid.apply(CACHE_CHECK_INTERVAL, "at least 10ms");
        }
        Duration duration = duration(CACHE_DURATION, value, invalid);
        if (duration.toMillis() < 500) {
            throw invalid.apply(CACHE_DURATION, "at least 500ms");
        }
        Duration settle = duration(CACHE_SETTLE, value, invalid);
        boolean failure = switch (value.apply(CACHE_FAILURE).trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw invalid.apply(CACHE_FAILURE, "on or off");
        };
        String url = value.apply(REDIS_URL).trim();
        if (!url.isEmpty()) {
            try {
                RedisServerControl.address(url);
            } catch (IllegalArgumentException e) {
                throw invalid.apply(REDIS_URL, "a URL like redis://127.0.0.1:6379");
            }
        }
        return new CacheOptions(List.copyOf(kinds), List.copyOf(policies), size, List.copyOf(sweep), ttl, interval,
                duration, settle, failure, url.isEmpty() ? null : url);
    }

    private static double percent(String key, String text,
                                  BiFunction<String, String, IllegalArgumentException> invalid) {
        try {
            double percent = Double.parseDouble(text.trim().replace("%", ""));
            if (!(percent > 0) || percent > 100) {
                throw new NumberFormatException();
            }
            return percent;
        } catch (NumberFormatException e) {
            throw invalid.apply(key, "a percentage of products above 0 and at most 100");
        }
    }

    private static Duration duration(String key, Function<String, String> value,
                                     BiFunction<String, String, IllegalArgumentException> invalid) {
        try {
            return DurationText.parse(value.apply(key));
        } catch (IllegalArgumentException e) {
            throw invalid.apply(key, "a duration such as 2s or 500ms");
        }
    }

    /** The number of answers a cache of {@code percent} % of {@code products} holds, at least 1. */
    public static long entries(double percent, int products) {
        return Math.max(1, Math.round(products * percent / 100.0));
    }

    /** Whether the stage runs. */
    public boolean enabled() {
        return !kinds.isEmpty();
    }

    /** The effective values as text, for results.json. */
    void putEffective(Map<String, Object> effective) {
        effective.put(CACHE, kinds.isEmpty() ? "off" : String.join(",", kinds.stream().map(CacheKind::id).toList()));
        effective.put(CACHE_POLICIES, String.join(",", policies.stream().map(CachePolicy::id).toList()));
        effective.put(CACHE_SIZE, sizePercent);
        effective.put(CACHE_SWEEP, sweepPercent);
        effective.put(CACHE_TTL, DurationText.format(ttl));
        effective.put(CACHE_CHECK_INTERVAL, DurationText.format(checkInterval));
        effective.put(CACHE_DURATION, DurationText.format(duration));
        effective.put(CACHE_SETTLE, DurationText.format(settle));
        effective.put(CACHE_FAILURE, failure ? "on" : "off");
        effective.put(REDIS_URL, redisUrl == null ? "" : redisUrl);
    }
}
