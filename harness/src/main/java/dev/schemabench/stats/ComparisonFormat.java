package dev.schemabench.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Comparisons as plain text in the manner of Go's benchstat: one line per figure, both designs' values, then the
 * delta with its interval and p-value, or {@code ~} for a tie. Stateless and thread-safe.
 *
 * <pre>
 * figure  jsonb     normalized  delta
 * P50     1.203 ms  1.198 ms    ~ (±3.1 %, p=0.640)
 * P99     8.330 ms  10.83 ms    +30.0 % (95 % CI +26.1 % to +34.0 %, p=0.001)
 * P99.9   9.100 ms  12.00 ms    ? (not enough reads: 5 above P99.9 of 5,120 (10 needed))
 * </pre>
 */
public final class ComparisonFormat {

    private ComparisonFormat() {
    }

    /** The delta column of one comparison: a signed change with its interval, {@code ~ (...)} for a tie. */
    public static String delta(Comparison comparison) {
        return switch (comparison.call()) {
            case WORSE, BETTER -> String.format(Locale.ROOT, "%s (%s CI %s to %s, p=%s)",
                    Comparison.percent(comparison.change()), comparison.level(),
                    Comparison.percent(comparison.low() - 1), Comparison.percent(comparison.high() - 1),
                    p(comparison.adjustedP()));
            case INDISTINGUISHABLE -> String.format(Locale.ROOT, "~ (±%.1f %%, p=%s)",
                    comparison.uncertainty() * 100, p(comparison.adjustedP()));
            case NEGLIGIBLE -> String.format(Locale.ROOT, "~ (%s, below the %s %% threshold, p=%s)",
                    Comparison.percent(comparison.change()), Comparison.trim(comparison.threshold() * 100),
                    p(comparison.adjustedP()));
            case NOT_ENOUGH_READS -> "? (" + comparison.notEnoughReads().reason() + ")";
        };
    }

    /** One line: figure, baseline value, candidate value, delta, separated by two spaces. */
    public static String line(Comparison comparison) {
        return comparison.figure().label() + "  " + value(comparison.baselineValue(), comparison.figure()) + "  "
                + value(comparison.candidateValue(), comparison.figure()) + "  " + delta(comparison);
    }

    /** A table with a header naming both designs, columns aligned, one row per comparison, lines ending in \n. */
    public static String table(String baselineName, String candidateName, List<Comparison> comparisons) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"figure", baselineName, candidateName, "delta"});
        for (Comparison comparison : comparisons) {
            rows.add(new String[] {comparison.figure().label(),
                    value(comparison.baselineValue(), comparison.figure()),
                    value(comparison.candidateValue(), comparison.figure()), delta(comparison)});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            for (int column = 0; column < widths.length; column++) {
                text.append(row[column]).append(" ".repeat(widths[column] - row[column].length() + 2));
            }
            text.append(row[3]).append('\n');
        }
        return text.toString();
    }

    /** A value with four significant digits and its unit: "8.330 ms", "1994 reads/s". */
    static String value(double value, Figure figure) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4));
        String digits = rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
        return digits + " " + figure.unit();
    }

    private static String p(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
