package dev.schemabench.suite;

import dev.schemabench.shared.DurationText;
import java.time.Duration;
import java.util.Locale;

/**
 * A precision asked of the storage-level measurement instead of a fixed length (profile keys {@code precision} and
 * {@code precision_cap}): after its configured slices, the stage keeps adding pairs of alternating slices until the
 * 95 % interval of every design's P99 lies within {@code ±target} of the figure, or the measured time per design
 * reaches {@code cap}. Immutable.
 *
 * @param target the relative half-width asked for, for example 0.10; 0 when no precision is asked for
 * @param cap    the most storage-level time measured per design, the configured slices included
 */
public record PrecisionGoal(double target, Duration cap) {

    /** Whether a precision is asked for. */
    public boolean enabled() {
        return target > 0;
    }

    /** The target as the profile spells it: {@code off} or a percentage such as {@code 10%}. */
    public String describe() {
        if (!enabled()) {
            return "off";
        }
        String percent = String.format(Locale.ROOT, "%.2f", target * 100).replaceAll("\\.?0+$", "");
        return percent + "%";
    }

    /** {@code off}, or a percentage above 0 and below 100 ({@code 10%}, {@code 2.5%}); null when neither. */
    static Double parseTarget(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("off") || value.isEmpty()) {
            return 0.0;
        }
        if (!value.endsWith("%")) {
            return null;
        }
        try {
            double percent = Double.parseDouble(value.substring(0, value.length() - 1).trim());
            return percent > 0 && percent < 100 ? percent / 100 : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return enabled() ? describe() + " within " + DurationText.format(cap) : "off";
    }
}
