package dev.schemabench.results;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The architect's own targets and prices, which the report's recommendation judges every design against
 * (docs/recommendation.md). Read from the configuration when a run starts and again, from results.json's
 * {@code run.config}, when a report is rendered: one parser for both.
 *
 * @param sloP99Ms          the P99 objective in milliseconds, judged through the service at {@code service_rate} (the
 *                          key {@code service_p99_ms}, which Gatling's assertion and the capacity sweep also use)
 * @param maxBytesPerProduct the most bytes on disk per product, or null for no storage target
 * @param priceVcpuHour     what one vCPU-hour costs, or null for no cost line
 * @param priceGbMonth      what one GiB of storage costs per month, or null for no storage cost
 */
public record Targets(double sloP99Ms, Double maxBytesPerProduct, Double priceVcpuHour, Double priceGbMonth) {

    public static final String SLO_P99_MS = "service_p99_ms";
    public static final String TARGET_BYTES_PER_PRODUCT = "target_bytes_per_product";
    public static final String PRICE_VCPU_HOUR = "price_vcpu_hour";
    public static final String PRICE_GB_MONTH = "price_gb_month";

    /** The example prices shipped as defaults: replace them with your own. */
    public static final String EXAMPLE_VCPU_HOUR = "0.04";
    public static final String EXAMPLE_GB_MONTH = "0.10";

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KiB|MiB|GiB|kB|KB|MB|GB)?");
    private static final Pattern PRICE = Pattern.compile("\\d+(?:\\.\\d+)?");

    /** The keys this record adds, with their defaults, in documented order ({@code service_p99_ms} is elsewhere). */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(TARGET_BYTES_PER_PRODUCT, "");
        defaults.put(PRICE_VCPU_HOUR, EXAMPLE_VCPU_HOUR);
        defaults.put(PRICE_GB_MONTH, EXAMPLE_GB_MONTH);
        return defaults;
    }

    /** What each added key means, one line each. */
    public static Map<String, String> descriptions() {
        Map<String, String> meaning = new LinkedHashMap<>();
        meaning.put(TARGET_BYTES_PER_PRODUCT, "the recommendation's storage target: most bytes on disk per product,"
                + " e.g. 6KiB; empty for none");
        meaning.put(PRICE_VCPU_HOUR, "price of one vCPU-hour for the recommendation's cost line (an example: replace"
                + " it with yours; empty for none)");
        meaning.put(PRICE_GB_MONTH, "price of one GiB of storage per month (an example: replace it with yours; empty"
                + " for none)");
        return meaning;
    }

    /**
     * Reads the keys.
     *
     * @param value   the text of a key, or null when absent (a file written before the key existed)
     * @param invalid the error naming a key and the rule its value broke
     */
    public static Targets parse(Function<String, String> value,
                                BiFunction<String, String, IllegalArgumentException> invalid) {
        String slo = text(value.apply(SLO_P99_MS));
        double sloMs;
        try {
            sloMs = slo.isEmpty() ? 100 : Double.parseDouble(slo);
        } catch (NumberFormatException e) {
            throw invalid.apply(SLO_P99_MS, "a number of milliseconds above 0");
        }
        if (!(sloMs > 0)) {
            throw invalid.apply(SLO_P99_MS, "a number of milliseconds above 0");
        }
        return new Targets(sloMs, size(TARGET_BYTES_PER_PRODUCT, text(value.apply(TARGET_BYTES_PER_PRODUCT)), invalid),
                price(PRICE_VCPU_HOUR, text(value.apply(PRICE_VCPU_HOUR)), invalid),
                price(PRICE_GB_MONTH, text(value.apply(PRICE_GB_MONTH)), invalid));
    }

    /** The targets a saved run was judged with, from its effective configuration; absent keys mean none. */
    public static Targets of(RunResults.Run run) {
        Map<String, Object> config = run.config() == null ? Map.of() : run.config();
        return parse(key -> config.get(key) == null ? null : String.valueOf(config.get(key)),
                (key, rule) -> new IllegalArgumentException("results.json: '" + key + "' = '" + config.get(key)
                        + "' is not valid: " + rule));
    }

    private static String text(String value) {
        return value == null ? "" : value.trim();
    }

    private static Double size(String key, String text, BiFunction<String, String, IllegalArgumentException> invalid) {
        if (text.isEmpty()) {
            return null;
        }
        Matcher size = SIZE.matcher(text);
        if (!size.matches()) {
            throw invalid.apply(key, "bytes, optionally with a unit: 6144, 6KiB, 1.5 MiB (B, KiB, MiB, GiB, kB, MB,"
                    + " GB)");
        }
        double number = Double.parseDouble(size.group(1));
        String unit = size.group(2) == null ? "B" : size.group(2);
        double bytes = number * switch (unit) {
            case "KiB" -> 1024d;
            case "MiB" -> 1024d * 1024;
            case "GiB" -> 1024d * 1024 * 1024;
            case "kB", "KB" -> 1e3;
            case "MB" -> 1e6;
            case "GB" -> 1e9;
            default -> 1d;
        };
        if (!(bytes > 0)) {
            throw invalid.apply(key, "above 0 bytes");
        }
        return bytes;
    }

    private static Double price(String key, String text, BiFunction<String, String, IllegalArgumentException> invalid) {
        if (text.isEmpty()) {
            return null;
        }
        if (!PRICE.matcher(text).matches()) {
            throw invalid.apply(key, "a price as a plain number, for example " + (key.equals(PRICE_VCPU_HOUR)
                    ? EXAMPLE_VCPU_HOUR : EXAMPLE_GB_MONTH) + " (no currency sign; the report uses your currency)");
        }
        return Double.parseDouble(text);
    }

    /** The effective values as text, for results.json (beside {@code service_p99_ms}, written elsewhere). */
    public void putEffective(Map<String, Object> effective) {
        effective.put(TARGET_BYTES_PER_PRODUCT, maxBytesPerProduct == null ? ""
                : String.format(Locale.ROOT, "%.0f", maxBytesPerProduct));
        effective.put(PRICE_VCPU_HOUR, priceVcpuHour == null ? "" : plain(priceVcpuHour));
        effective.put(PRICE_GB_MONTH, priceGbMonth == null ? "" : plain(priceGbMonth));
    }

    /** A price as written, without trailing zeros: {@code 0.1}, {@code 0.04}. */
    public static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
